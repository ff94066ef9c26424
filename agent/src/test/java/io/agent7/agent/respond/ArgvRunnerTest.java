package io.agent7.agent.respond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ArgvRunnerTest {

    final ByteArrayOutputStream output = new ByteArrayOutputStream();

    /** Keeps what a command prints, from the runner's reader thread. */
    final java.util.function.Consumer<byte[]> collect = chunk -> {
        synchronized (output) {
            output.writeBytes(chunk);
        }
    };

    ArgvRunner.Outcome run(Duration timeout, long cap, String... argv) throws Exception {
        return ArgvRunner.run(List.of(argv), timeout, cap, collect);
    }

    /** A shell that prints the pid of a child it leaves in the background, then waits a minute. */
    ArgvRunner.Outcome runWithBackgroundChild(
            java.util.function.Consumer<ProcessHandle> started, java.util.function.BooleanSupplier stop)
            throws Exception {
        return ArgvRunner.run(
                List.of("/bin/sh", "-c", "sleep 60 & echo $!; sleep 60"),
                Duration.ofSeconds(60),
                1 << 20,
                collect,
                started,
                stop);
    }

    String text() {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void argumentsAreHandedOverLiterallyNeverToAShell() throws Exception {
        ArgvRunner.Outcome outcome =
                run(Duration.ofSeconds(10), 1 << 20, "/bin/echo", "; rm -rf /", "$(id)", "`id`", "a\nb", "&& touch /x");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.timedOut()).isFalse();
        assertThat(text()).isEqualTo("; rm -rf / $(id) `id` a\nb && touch /x\n");
        assertThat(outcome.bytes()).isEqualTo(text().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void theExitCodeAndStderrComeBack() throws Exception {
        ArgvRunner.Outcome outcome = run(Duration.ofSeconds(10), 1 << 20, "/bin/ls", "/no/such/path");
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(text()).contains("/no/such/path");
    }

    @Test
    void anExecutableThatIsNotThereIsNamed() {
        assertThatThrownBy(() -> run(Duration.ofSeconds(10), 100, "/no/such/executable"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("/no/such/executable is not an executable file");
    }

    @Test
    void atTheTimeoutTheWholeTreeIsKilled() throws Exception {
        ArgvRunner.Outcome outcome =
                run(Duration.ofMillis(1500), 1 << 20, "/bin/sh", "-c", "sleep 60 & echo $!; sleep 60");
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.exitCode()).isEqualTo(-1);
        assertThat(outcome.millis()).isLessThan(10_000);
        long child = Long.parseLong(text().trim());
        assertThat(gone(child))
                .as("the background child %d is killed too", child)
                .isTrue();
    }

    @Test
    void aCommandThatForksChildrenAndExitsEndsThemAndDoesNotWaitForThem() throws Exception {
        ArgvRunner.Outcome outcome =
                run(Duration.ofSeconds(30), 1 << 20, "/bin/sh", "-c", "sleep 60 & echo $!; exit 3");
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.millis())
                .as("the orphan holds the output pipe; it is not waited for")
                .isLessThan(10_000);
        long orphan = Long.parseLong(text().trim());
        assertThat(gone(orphan))
                .as("the orphan %d is killed with its group", orphan)
                .isTrue();
    }

    @Test
    void outputPastTheCapIsDroppedAndSaidToBe() throws Exception {
        ArgvRunner.Outcome outcome = run(Duration.ofSeconds(10), 1000, "/usr/bin/head", "-c", "5000000", "/dev/zero");
        assertThat(outcome.exitCode())
                .as("the pipe is drained: the writer never blocks")
                .isZero();
        assertThat(outcome.truncated()).isTrue();
        assertThat(outcome.bytes()).isEqualTo(1000);
        assertThat(output.size()).isEqualTo(1000);
    }

    @Test
    void binaryOutputComesBackByteForByte() throws Exception {
        ArgvRunner.Outcome outcome =
                run(Duration.ofSeconds(10), 1 << 20, "/usr/bin/head", "-c", "4096", "/dev/urandom");
        assertThat(outcome.bytes()).isEqualTo(4096);
        assertThat(outcome.truncated()).isFalse();
        assertThat(output.size()).isEqualTo(4096);
    }

    @Test
    void toldToStopItKillsTheTreeAtOnceAndSaysItWasCancelled() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        long began = System.nanoTime();
        Thread stopper = new Thread(() -> {
            for (int i = 0; i < 100 && text().isBlank(); i++) {
                try {
                    TimeUnit.MILLISECONDS.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
            stop.set(true);
        });
        stopper.start();
        ArgvRunner.Outcome outcome = runWithBackgroundChild(started -> {}, stop::get);
        stopper.join();
        assertThat(outcome.cancelled()).isTrue();
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.exitCode()).isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(30));
        assertThat(gone(Long.parseLong(text().trim())))
                .as("the command's background child")
                .isTrue();
    }

    @Test
    void whatAKilledAgentLeftRunningIsEndedByItsRecordedPidAndStartTime() throws Exception {
        java.util.concurrent.atomic.AtomicReference<ProcessHandle> started =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread command = new Thread(() -> {
            try {
                runWithBackgroundChild(started::set, () -> false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        command.setDaemon(true);
        command.start();
        for (int i = 0; i < 100 && text().isBlank(); i++) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        long child = Long.parseLong(text().trim());
        ProcessHandle leader = started.get();
        java.time.Instant start = leader.info().startInstant().orElseThrow();

        assertThat(ArgvRunner.endLeftOver(leader.pid(), start.minusSeconds(30)))
                .as("another start time: the pid is someone else's now")
                .isFalse();
        assertThat(leader.isAlive()).isTrue();

        assertThat(ArgvRunner.endLeftOver(leader.pid(), start)).isTrue();
        assertThat(gone(leader.pid())).isTrue();
        assertThat(gone(child)).as("the command's background child %d", child).isTrue();
        command.join(10_000);
        assertThat(command.isAlive()).isFalse();
    }

    static boolean gone(long pid) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return false;
    }
}
