package io.agent7.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AgentFootprintTest {

    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void countsTheCpuOfTheThreadsNamedSoAndNoOthers() throws Exception {
        // A thread that has burnt 0.3 s of wall time and still lives (an ended thread leaves /proc).
        CountDownLatch burnt = new CountDownLatch(1);
        Thread burner = new Thread(
                () -> {
                    long until = System.nanoTime() + 300_000_000L;
                    long sum = 0;
                    while (System.nanoTime() < until) {
                        sum += Long.numberOfTrailingZeros(sum + 1);
                    }
                    burnt.countDown();
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "cpu-burner");
        burner.start();
        burnt.await();
        try {
            assertThat(AgentFootprint.threadCpuTicks(SELF, List.of("cpu-burner")))
                    .as("at most 30 ticks of 10 ms, less on a busy machine")
                    .isBetween(5L, 40L);
            assertThat(AgentFootprint.threadCpuTicks(SELF, List.of("no-such-thread")))
                    .isZero();
            assertThat(AgentFootprint.threadCpuTicks(SELF, List.of("")))
                    .as("every thread: no more than the process")
                    .isLessThanOrEqualTo(AgentFootprint.cpuTicks(SELF));
        } finally {
            burner.interrupt();
        }
    }
}
