package io.agent7.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Short commands whose output matters only when they fail, and daemons known by their pid files. */
final class Processes {

    record Result(int exitCode, String output) {}

    private Processes() {}

    /** The process whose pid {@code pidFile} holds, while it runs; empty when there is no such file or process. */
    static Optional<ProcessHandle> running(Path pidFile) {
        return pid(pidFile).flatMap(pid -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive));
    }

    /**
     * Whether the daemon whose pid file is {@code pidFile} started and is gone: the file names a
     * process that no longer runs. A missing or empty file is not an answer yet: a daemon
     * creates its pid file and writes its pid into it in two steps.
     */
    static boolean exited(Path pidFile) {
        return pid(pidFile).isPresent() && running(pidFile).isEmpty();
    }

    private static Optional<Long> pid(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(pidFile).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pidFile, e);
        }
    }

    static Result run(List<String> command) {
        return run(command, Map.of());
    }

    /** Runs {@code command} with {@code environment} added to this JVM's (a secret it must not see on its command line). */
    static Result run(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Result(-1, output + "\n(did not finish within 5 minutes)");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        }
    }

    /** Runs {@code command}; when it fails, says what it was for and what it printed. */
    static String require(List<String> command, String purpose) {
        Result result = run(command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("Could not " + purpose + ": " + String.join(" ", command) + " exited "
                    + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }
}
