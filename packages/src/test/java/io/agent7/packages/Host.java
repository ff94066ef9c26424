package io.agent7.packages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Short commands on this host (dpkg, getent), whose output matters when they fail. */
final class Host {

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Host() {}

    static Result run(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Result(-1, output + "\n(did not finish within 2 minutes)");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command[0] + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command[0], e);
        }
    }

    /** Runs {@code command}; when it fails, says what it was for and what it printed. */
    static String require(String purpose, String... command) {
        Result result = run(command);
        if (!result.ok()) {
            throw new AssertionError("Could not " + purpose + ": " + String.join(" ", command) + " exited "
                    + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    /** The passwd line of {@code user}, empty when there is no such user. */
    static Optional<String> passwd(String user) {
        Result result = run("getent", "passwd", user);
        return result.ok() ? Optional.of(result.output().strip()) : Optional.empty();
    }

    static boolean groupExists(String group) {
        return run("getent", "group", group).ok();
    }

    static boolean root() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot tell which user this JVM runs as", e);
        }
    }
}
