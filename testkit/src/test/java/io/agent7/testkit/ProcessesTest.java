package io.agent7.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesTest {

    @TempDir
    Path dir;

    @Test
    void aDaemonHasNotExitedBeforeItsPidFileHoldsAPid() throws IOException {
        Path pidFile = dir.resolve("daemon.pid");
        assertThat(Processes.exited(pidFile)).as("no pid file yet").isFalse();

        Files.writeString(pidFile, "");
        assertThat(Processes.exited(pidFile)).as("created, pid not written yet").isFalse();
        assertThat(Processes.running(pidFile)).isEmpty();
    }

    @Test
    void aPidFileNamingThisJvmIsRunning() throws IOException {
        Path pidFile = dir.resolve("daemon.pid");
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");

        assertThat(Processes.exited(pidFile)).isFalse();
        assertThat(Processes.running(pidFile)).contains(ProcessHandle.current());
    }

    @Test
    void aPidFileNamingAProcessThatEndedHasExited() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        Path pidFile = dir.resolve("daemon.pid");
        Files.writeString(pidFile, Long.toString(process.pid()));

        assertThat(Processes.exited(pidFile)).isTrue();
        assertThat(Processes.running(pidFile)).isEmpty();
    }
}
