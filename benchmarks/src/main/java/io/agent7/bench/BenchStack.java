package io.agent7.bench;

import io.agent7.testkit.CertificateAuthority;
import io.agent7.testkit.ElasticsearchNode;
import io.agent7.testkit.Folders;
import io.agent7.testkit.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark runs against: a fresh Elasticsearch node and an ingest API (its jar, in
 * its own JVM), both started for it and stopped after it, with a site key and an
 * administrator password of their own; over HTTPS from a CA of its own when asked; or the
 * node alone ({@link #elasticsearchOnly}). {@link #close()} stops them, and a shutdown hook
 * does the same when the run is interrupted.
 */
final class BenchStack implements AutoCloseable {

    // The schema installs before the API reports UP: minutes on a busy machine, each index a cluster-state update.
    private static final Duration START_LIMIT = Duration.ofMinutes(5);

    // what was started
    private final Path work;
    private final ElasticsearchNode node;
    private final Process ingest;
    private final URI ingestUrl;
    private final URI ingestManagement;
    private final Path caCertificate;
    private final String siteKey;
    private final String adminPassword;
    private final Thread cleanup;

    private BenchStack(
            Path work,
            ElasticsearchNode node,
            Process ingest,
            URI ingestUrl,
            URI ingestManagement,
            Path caCertificate,
            String siteKey,
            String adminPassword) {
        this.work = work;
        this.node = node;
        this.ingest = ingest;
        this.ingestUrl = ingestUrl;
        this.ingestManagement = ingestManagement;
        this.caCertificate = caCertificate;
        this.siteKey = siteKey;
        this.adminPassword = adminPassword;
        this.cleanup = new Thread(this::stop, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    static BenchStack start(Path root, Path logs, Bench.CpuLayout cpus, boolean tls) throws Exception {
        Path work = Files.createTempDirectory("agent7-bench");
        ElasticsearchNode node = startNode(cpus);
        Process ingest = null;
        try {
            if (cpus.elasticsearch() != null) {
                step("Elasticsearch pinned to CPU " + cpus.elasticsearch()
                        + "; the ingest API and the load generator to the others");
            }
            String siteKey = "sk_bench_" + random();
            String admin = "bench-" + random();
            Map<String, String> env = new java.util.HashMap<>(Map.of(
                    "AGENT7_LOG_FORMAT",
                    "",
                    "AGENT7_ELASTICSEARCH_URL",
                    node.url().toString(),
                    "AGENT7_STATE_DIR",
                    work.resolve("ingest-api").toString(),
                    "AGENT7_BOOTSTRAP_SITE_KEY",
                    siteKey,
                    "AGENT7_BOOTSTRAP_ADMIN_PASSWORD",
                    admin));
            Path caPem = null;
            if (tls) {
                CertificateAuthority ca = CertificateAuthority.create("Agent7 bench CA", Duration.ofDays(2));
                caPem = work.resolve("ca.pem");
                Files.writeString(caPem, CertificateAuthority.pem(ca.certificate()));
                String password = random();
                ca.issueServer("localhost", List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(2))
                        .writePkcs12(work.resolve("server.p12"), "server", password.toCharArray());
                env.putAll(ServiceProcess.httpsEnvironment(work.resolve("server.p12"), password));
                env.put("AGENT7_TLS_CA_CERTIFICATE", caPem.toString());
            }
            Ingest started = startIngest(root, logs.resolve("bench-ingest-api.log"), cpus, env, tls);
            ingest = started.process();
            URI url = started.url();
            URI management = started.management();
            return new BenchStack(work, node, ingest, url, management, caPem, siteKey, admin);
        } catch (Exception | Error e) {
            if (ingest != null) {
                ingest.destroyForcibly();
            }
            node.close();
            Folders.deleteTree(work);
            throw e;
        }
    }

    /** An ingest API process, where it answers, and its management port. */
    record Ingest(Process process, URI url, URI management) {}

    /**
     * Starts an ingest API with the benchmarks' JVM options ({@code AGENT7_BENCH_INGEST_OPTS}) on
     * the CPUs the layout leaves it, and waits until it is healthy.
     */
    static Ingest startIngest(Path root, Path log, Bench.CpuLayout cpus, Map<String, String> env, boolean tls)
            throws Exception {
        int port = ServiceProcess.freePort();
        URI url = URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port);
        URI management = URI.create("http://127.0.0.1:" + ServiceProcess.freePort());
        Files.createDirectories(log.getParent());
        step("starting the ingest API on " + url.getScheme() + " port " + port + " (log: " + log + ")");
        List<String> command = new ArrayList<>(cpus.others());
        command.add(java());
        String marker = System.getProperty("agent7.instance");
        if (marker != null) {
            command.add("-Dagent7.instance=" + marker);
        }
        command.addAll(options("AGENT7_BENCH_INGEST_OPTS", "-Xms256m -Xmx1g -XX:+UseParallelGC"));
        command.addAll(List.of(
                "-jar",
                root.resolve("ingest-api/target/ingest-api.jar").toString(),
                "--server.port=" + port,
                "--management.server.port=" + management.getPort()));
        ProcessBuilder launch =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        launch.environment().putAll(env);
        Process ingest = launch.start();
        try {
            awaitHealthy(ingest, management, log);
        } catch (Exception | Error e) {
            ingest.destroyForcibly();
            throw e;
        }
        return new Ingest(ingest, url, management);
    }

    /** A fresh node and nothing else, for benchmarks that write and search it directly. */
    static BenchStack elasticsearchOnly(Bench.CpuLayout cpus) throws Exception {
        Path work = Files.createTempDirectory("agent7-bench");
        ElasticsearchNode node;
        try {
            node = startNode(cpus);
        } catch (Exception | Error e) {
            Folders.deleteTree(work);
            throw e;
        }
        return new BenchStack(work, node, null, null, null, null, null, null);
    }

    private static ElasticsearchNode startNode(Bench.CpuLayout cpus) {
        String heap = System.getenv().getOrDefault("AGENT7_BENCH_ES_HEAP", "2g");
        int esPort = ServiceProcess.freePort();
        ElasticsearchNode.Builder builder =
                ElasticsearchNode.builder("bench").port(esPort).heap(heap).outlivesJvm();
        if (cpus.elasticsearch() != null) {
            // Pinned from the start, Elasticsearch sizes its thread pools (and the JVM its GC) for
            // the CPUs it has, as on a machine of that size; pinned after start, it ran two write
            // threads on one CPU.
            builder.cpus(cpus.elasticsearch());
        }
        step("starting Elasticsearch on 127.0.0.1:" + esPort + " (heap " + heap + ")");
        return builder.start();
    }

    /** Waits for its health on the management port (loopback, plain HTTP). */
    static void awaitHealthy(Process ingest, URI management, Path log) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!ingest.isAlive()) {
                throw new IllegalStateException("the ingest API did not start:\n" + tail(log));
            }
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(management.resolve("/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + health.statusCode() + " " + health.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("the ingest API was not healthy within " + START_LIMIT.toSeconds()
                + " s (last answer: " + last + "); its log:\n" + tail(log));
    }

    URI elasticsearch() {
        return node.url();
    }

    URI ingest() {
        return ingestUrl;
    }

    /** The ingest API's management port: metrics ({@code /actuator/prometheus}) and health. */
    URI ingestManagement() {
        return ingestManagement;
    }

    long ingestPid() {
        return ingest.pid();
    }

    Path caCertificate() {
        return caCertificate;
    }

    String siteKey() {
        return siteKey;
    }

    String adminPassword() {
        return adminPassword;
    }

    @Override
    public void close() {
        stop();
        Runtime.getRuntime().removeShutdownHook(cleanup);
    }

    private synchronized void stop() {
        if (ingest != null) {
            stopIngest();
        }
        node.close();
        Folders.deleteTree(work);
    }

    private void stopIngest() {
        ingest.destroy();
        try {
            if (!ingest.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                ingest.destroyForcibly();
            }
        } catch (InterruptedException e) {
            ingest.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void step(String what) {
        System.out.println("==> " + what);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** JVM options from an environment variable, split at spaces as the shell did; the default when unset. */
    static List<String> options(String variable, String fallback) {
        String value = System.getenv(variable);
        String options = value == null || value.isBlank() ? fallback : value;
        return Arrays.stream(options.trim().split("\\s+")).toList();
    }

    static String random() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }
}
