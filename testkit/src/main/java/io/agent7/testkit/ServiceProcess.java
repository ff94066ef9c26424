package io.agent7.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of the services, started from its built jar as its own JVM, the way it runs in
 * production. Its output goes to {@code target/service-logs/<name>.log}, which a failure
 * message points to.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, int managementPort, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** The jar of a module of this reactor, built by {@code mvn package}. */
    public static Path jar(String module) {
        String root = System.getProperty("agent7.root");
        Path base = root != null && !root.isBlank() && !root.startsWith("${") ? Path.of(root) : Path.of("..");
        Path jar = base.resolve(module)
                .resolve("target")
                .resolve(module + ".jar")
                .toAbsolutePath()
                .normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    jar + " does not exist: build the reactor first ('./agent7 test' runs mvn verify)");
        }
        return jar;
    }

    /**
     * Starts {@code java -jar <module>.jar --server.port=<free port>} with its management
     * endpoints on another free loopback port, and waits until its health endpoint answers there.
     */
    public static ServiceProcess start(String module, Map<String, String> environment, String... args) {
        return startOnPort(module, freePort(), environment, args);
    }

    /** Like {@link #start} on a given port: a service that comes back where its clients expect it. */
    public static ServiceProcess startOnPort(String module, int port, Map<String, String> environment, String... args) {
        Path logDir = Path.of("target", "service-logs");
        Path log = logDir.resolve(module + "-" + port + ".log").toAbsolutePath();
        int managementPort =
                freePorts(2).stream().filter(p -> p != port).findFirst().orElseThrow();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar(module).toString(),
                "--server.port=" + port,
                "--management.server.port=" + managementPort));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(logDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().put("AGENT7_LOG_FORMAT", "");
            builder.environment().putAll(environment);
            ServiceProcess service = new ServiceProcess(module, builder.start(), port, managementPort, log);
            service.awaitHealthy(Duration.ofSeconds(90));
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + module, e);
        }
    }

    private void awaitHealthy(Duration limit) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + " during start:\n" + tail());
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(managementUrl("/actuator/health/readiness"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        close();
        throw new IllegalStateException(name + " did not become healthy within " + limit.toSeconds() + "s:\n" + tail());
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public int port() {
        return port;
    }

    /** A path on the management port: metrics, health with details (loopback, plain HTTP). */
    public URI managementUrl(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    public int managementPort() {
        return managementPort;
    }

    public long pid() {
        return process.pid();
    }

    /** What {@code jcmd <pid> Thread.print} prints: every thread's stack, and any Java-level deadlock. */
    public String threadDump() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "Thread.print")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid() + " Thread.print failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + jcmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The service's log file. */
    public Path log() {
        return log;
    }

    /** The last lines of the service's log, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /**
     * The environment that makes a service serve HTTPS with the PKCS#12 key store given, as
     * {@code ./agent7 up} starts it (the ssl bundle {@code agent7}).
     */
    public static Map<String, String> httpsEnvironment(Path keyStore, String password) {
        return Map.of(
                "SERVER_SSL_BUNDLE",
                "agent7",
                "SPRING_SSL_BUNDLE_JKS_AGENT7_KEYSTORE_LOCATION",
                "file:" + keyStore,
                "SPRING_SSL_BUNDLE_JKS_AGENT7_KEYSTORE_TYPE",
                "PKCS12",
                "SPRING_SSL_BUNDLE_JKS_AGENT7_KEYSTORE_PASSWORD",
                password);
    }

    /**
     * Kills the service with SIGKILL, as a crash or the kernel's OOM killer would: no shutdown
     * hooks, nothing flushed, open connections reset. Returns once it is gone.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") outlived SIGKILL by 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing " + name, e);
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * {@code n} distinct free ports: each socket is held until all are chosen, where asking for
     * one free port after another can answer the same port twice.
     */
    public static List<Integer> freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // it was open a moment ago; nothing holds it now either way
                }
            }
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
