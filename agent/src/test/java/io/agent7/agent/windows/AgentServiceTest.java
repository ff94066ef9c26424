package io.agent7.agent.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AgentServiceTest {

    private final List<ServiceStatus> reports = new CopyOnWriteArrayList<>();

    private List<Integer> states() {
        return reports.stream().map(ServiceStatus::currentState).toList();
    }

    @Test
    void theManagersStopStopsTheAgentAndTheServiceStopsWhenItReturns() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch stoppable = new CountDownLatch(1);
        AgentService service = new AgentService(whenStoppable -> {
            whenStoppable.accept(stopped::countDown);
            stoppable.countDown();
            return stopped.await(10, TimeUnit.SECONDS) ? 0 : 1;
        });
        Thread main = new Thread(() -> service.run(reports::add));
        main.start();
        assertThat(stoppable.await(10, TimeUnit.SECONDS)).isTrue();

        int result = service.control(ServiceLifecycle.SERVICE_CONTROL_STOP, reports::add);
        main.join(10_000);

        assertThat(result).isZero();
        assertThat(states())
                .containsExactly(
                        ServiceStatus.START_PENDING,
                        ServiceStatus.RUNNING,
                        ServiceStatus.STOP_PENDING,
                        ServiceStatus.STOPPED);
        assertThat(reports.get(3).win32ExitCode()).isZero();
    }

    @Test
    void aRevokedAgentStopsTheServiceWithItsCode() {
        AgentService service = new AgentService(whenStoppable -> {
            whenStoppable.accept(() -> {});
            return 3;
        });

        service.run(reports::add);

        assertThat(states()).containsExactly(ServiceStatus.START_PENDING, ServiceStatus.RUNNING, ServiceStatus.STOPPED);
        assertThat(reports.get(2).serviceSpecificExitCode()).isEqualTo(3);
    }

    @Test
    void anAgentThatFailsToStartStopsTheServiceWithCodeOne() {
        AgentService service = new AgentService(whenStoppable -> {
            throw new java.nio.file.NoSuchFileException("C:\\ProgramData\\Agent7\\credentials.json");
        });

        service.run(reports::add);

        assertThat(states()).containsExactly(ServiceStatus.START_PENDING, ServiceStatus.STOPPED);
        assertThat(reports.get(1).win32ExitCode()).isEqualTo(ServiceStatus.ERROR_SERVICE_SPECIFIC_ERROR);
        assertThat(reports.get(1).serviceSpecificExitCode()).isEqualTo(1);
    }
}
