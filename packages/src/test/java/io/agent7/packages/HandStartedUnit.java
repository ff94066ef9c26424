package io.agent7.packages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An installed unit's service started by hand, where systemd does not run, as systemd would start
 * it: as the unit's {@code User=}, in its {@code WorkingDirectory=}, with a clean environment of
 * its {@code Environment=} lines and {@code EnvironmentFile=}, and its {@code ExecStart} expanded
 * from them. That is {@code runuser -u USER -- env -i NAME=value... EXECSTART}. The output goes to
 * a log file, as it would to the journal.
 */
final class HandStartedUnit implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;

    private HandStartedUnit(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code unitFile}'s service with {@code overrides} replacing or adding variables of its
     * environment and {@code extraArgs} after its command line.
     */
    static HandStartedUnit start(Path unitFile, Map<String, String> overrides, List<String> extraArgs, Path log)
            throws IOException {
        SystemdUnit unit = new SystemdUnit(Files.readString(unitFile));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        environment.put("LANG", "C.UTF-8");
        unit.text()
                .lines()
                .filter(line -> line.startsWith("Environment="))
                .map(line -> line.substring("Environment=".length()))
                .forEach(assignment -> environment.put(
                        assignment.substring(0, assignment.indexOf('=')),
                        assignment.substring(assignment.indexOf('=') + 1)));
        if (unit.value("EnvironmentFile").isPresent()) {
            environment.putAll(EnvironmentFile.parse(Files.readString(Path.of(unit.require("EnvironmentFile")))));
        }
        environment.putAll(overrides);

        List<String> command =
                new ArrayList<>(List.of("runuser", "-u", unit.value("User").orElse("root"), "--", "env", "-i"));
        environment.forEach((variable, value) -> command.add(variable + "=" + value));
        command.addAll(unit.execStart(environment));
        command.addAll(extraArgs);

        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .directory(Path.of(unit.value("WorkingDirectory").orElse("/")).toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new HandStartedUnit(unitFile.getFileName().toString(), process, log);
    }

    /** Waits until {@code url} answers 200; fails with the log's tail when the service exits or the time is up. */
    void awaitOk(URI url, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        name + " exited with " + process.exitValue() + " before " + url + " answered:\n" + tail());
            }
            try {
                HttpResponse<Void> response = HTTP.send(
                        HttpRequest.newBuilder(url)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                name + ": " + url + " did not answer 200 within " + limit.toSeconds() + " s:\n" + tail());
    }

    /** Waits for the service to end by itself; its exit code. */
    int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError(name + " did not finish within " + limit.toSeconds() + " s:\n" + tail());
        }
        return process.exitValue();
    }

    /**
     * Stops the service as {@code systemctl stop} does, with SIGTERM to its main process (the JVM,
     * not runuser, which would kill it two seconds later); its exit code, as runuser passes it on.
     */
    int stop(Duration limit) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError(name + " did not stop within " + limit.toSeconds() + " s of SIGTERM:\n" + tail());
        }
        return process.exitValue();
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n(log: " + log
                    + ")";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name + "'s log " + log, e);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
