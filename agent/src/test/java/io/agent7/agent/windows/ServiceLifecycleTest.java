package io.agent7.agent.windows;

import static io.agent7.agent.windows.ServiceLifecycle.SERVICE_CONTROL_INTERROGATE;
import static io.agent7.agent.windows.ServiceLifecycle.SERVICE_CONTROL_SHUTDOWN;
import static io.agent7.agent.windows.ServiceLifecycle.SERVICE_CONTROL_STOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceLifecycleTest {

    private static final int OWN = ServiceStatus.SERVICE_WIN32_OWN_PROCESS;

    @Test
    void aServiceStartsRunsStopsWithGrowingCheckPointsAndStops() {
        ServiceLifecycle lifecycle = new ServiceLifecycle();

        assertThat(lifecycle.starting()).isEqualTo(new ServiceStatus(OWN, 2, 0, 0, 0, 1, 30_000));
        assertThat(lifecycle.running()).isEqualTo(new ServiceStatus(OWN, 4, 0x1 | 0x4, 0, 0, 0, 0));
        assertThat(lifecycle.stopping()).isEqualTo(new ServiceStatus(OWN, 3, 0, 0, 0, 1, 15_000));
        assertThat(lifecycle.progress()).isEqualTo(new ServiceStatus(OWN, 3, 0, 0, 0, 2, 15_000));
        assertThat(lifecycle.progress().checkPoint()).isEqualTo(3);
        assertThat(lifecycle.stopped(0)).isEqualTo(new ServiceStatus(OWN, 1, 0, 0, 0, 0, 0));
        assertThat(lifecycle.progress()).as("no progress once stopped").isNull();
    }

    @ParameterizedTest(name = "agent exit {0}")
    @ValueSource(ints = {1, 3})
    void aNonZeroAgentExitIsAServiceSpecificError(int code) {
        ServiceLifecycle lifecycle = new ServiceLifecycle();
        lifecycle.starting();

        assertThat(lifecycle.stopped(code)).isEqualTo(new ServiceStatus(OWN, 1, 0, 1066, code, 0, 0));
    }

    @ParameterizedTest(name = "control {0}")
    @ValueSource(ints = {SERVICE_CONTROL_STOP, SERVICE_CONTROL_SHUTDOWN})
    void stopAndShutdownStopTheAgentOfARunningService(int control) {
        ServiceLifecycle lifecycle = new ServiceLifecycle();
        lifecycle.starting();
        lifecycle.running();

        ServiceLifecycle.Answer answer = lifecycle.control(control);

        assertThat(answer.result()).isZero();
        assertThat(answer.stopAgent()).isTrue();
        assertThat(answer.report().currentState()).isEqualTo(ServiceStatus.STOP_PENDING);
    }

    @Test
    void aStopBeforeTheAgentCanStopIsAnsweredButChangesNothing() {
        ServiceLifecycle lifecycle = new ServiceLifecycle();
        lifecycle.starting();

        assertThat(lifecycle.control(SERVICE_CONTROL_STOP)).isEqualTo(new ServiceLifecycle.Answer(0, null, false));
        assertThat(lifecycle.current().currentState()).isEqualTo(ServiceStatus.START_PENDING);
    }

    @ParameterizedTest(name = "control {0} -> {1}")
    @CsvSource({
        SERVICE_CONTROL_INTERROGATE + ", 0",
        "2, 120", // PAUSE: not accepted
        "3, 120", // CONTINUE
        "15, 120", // PRESHUTDOWN: not registered for
        "128, 120", // a user-defined control
    })
    void otherControlsOnlyAnswer(int control, int result) {
        ServiceLifecycle lifecycle = new ServiceLifecycle();
        lifecycle.starting();
        ServiceStatus running = lifecycle.running();

        assertThat(lifecycle.control(control)).isEqualTo(new ServiceLifecycle.Answer(result, null, false));
        assertThat(lifecycle.current()).isEqualTo(running);
    }

    @Test
    void transitionsOutOfOrderAreRefused() {
        ServiceLifecycle lifecycle = new ServiceLifecycle();
        assertThatThrownBy(lifecycle::running).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(lifecycle::stopping).isInstanceOf(IllegalStateException.class);
        lifecycle.starting();
        assertThatThrownBy(lifecycle::starting).isInstanceOf(IllegalStateException.class);
        lifecycle.stopped(0);
        assertThatThrownBy(lifecycle::stopping).isInstanceOf(IllegalStateException.class);
    }
}
