package io.agent7.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An Elasticsearch node of a test's own, which the test may stop and start again (the
 * fault tests): started through {@code ./agent7 _es-node}, the same way {@code ./agent7 test}
 * starts the shared node, with a data folder that outlives a stop.
 */
public final class ElasticsearchNode implements AutoCloseable {

    private final Path script;
    private final String version;
    private final Path dir;
    private final int port;

    private ElasticsearchNode(Path script, String version, Path dir, int port) {
        this.script = script;
        this.version = version;
        this.dir = dir;
        this.port = port;
    }

    /** Starts a new node of the version under test, on a free port. */
    public static ElasticsearchNode start(String name) {
        String version = System.getProperty("agent7.es.version");
        if (version == null || version.isBlank() || version.startsWith("${")) {
            throw new IllegalStateException("No Elasticsearch version for a node of the test's own: run the tests with "
                    + "'./agent7 test', which passes -Dagent7.es.version.");
        }
        Path script = root().resolve("agent7");
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        // The unprivileged user that runs Elasticsearch must reach this folder: /tmp is open to all.
        Path dir =
                base.resolve("agent7-es-" + name + "-" + ProcessHandle.current().pid());
        ElasticsearchNode node = new ElasticsearchNode(script, version, dir, ServiceProcess.freePort());
        node.startAgain();
        return node;
    }

    public void startAgain() {
        run(List.of(script.toString(), "_es-node", "start", version, dir.toString(), Integer.toString(port)));
    }

    /**
     * Kills the node with SIGKILL, as a crash or the kernel's OOM killer would: no shutdown,
     * connections reset, the translog replayed at the next start. Returns once it is gone.
     */
    public void kill() {
        Path pidFile = dir.resolve("es.pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle process = ProcessHandle.of(pid)
                    .orElseThrow(() -> new IllegalStateException("Elasticsearch (pid " + pid + ") is not running"));
            process.destroyForcibly(); // SIGKILL
            process.onExit().get(30, TimeUnit.SECONDS);
            Files.delete(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pidFile, e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not kill the node in " + dir, e);
        }
    }

    public void stop() {
        run(List.of(script.toString(), "_es-node", "stop", dir.toString()));
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        stop();
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // the temp folder is removed on the next machine reset; nothing depends on it
        }
    }

    private static Path root() {
        String root = System.getProperty("agent7.root");
        return root != null && !root.isBlank() && !root.startsWith("${") ? Path.of(root) : Path.of("..");
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
