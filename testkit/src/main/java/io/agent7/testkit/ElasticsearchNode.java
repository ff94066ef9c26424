package io.agent7.testkit;

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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real single-node Elasticsearch from the integration-test distribution, on loopback, run
 * as an unprivileged user when this JVM is root. Tests that stop, kill and restart a node
 * (the fault tests) start one of their own; everything else shares one per JVM through
 * {@link TestElasticsearch}. A node keeps its data across {@link #stop()} and
 * {@link #startAgain()}; {@link #close()} stops it and removes its folder, and nodes a test
 * left running are stopped when the JVM exits.
 *
 * <p>Startup takes 30-45 s on two cores, so start one only where a test needs a node of its own.
 */
public final class ElasticsearchNode implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /**
     * Nodes of this JVM still running: a shutdown hook stops them and removes their folders
     * (the JVM's shared node, and any a test left behind).
     */
    private static final Set<ElasticsearchNode> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> RUNNING.forEach(ElasticsearchNode::close), "elasticsearch-nodes-stop"));
    }

    // configuration
    private final Options options;
    private final Path home;
    private final Path jdk;
    private final Path dir;
    private final int port;
    private final HttpClient http;
    private final String authorization;

    private ElasticsearchNode(Options options, Path home, Path jdk, Path dir, int port) {
        this.options = options;
        this.home = home;
        this.jdk = jdk;
        this.dir = dir;
        this.port = port;
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (options.security != null) {
            client.sslContext(options.security.ca().trustingContext());
        }
        this.http = client.build();
        this.authorization = options.security == null
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString((options.security.user() + ":" + options.security.password())
                                        .getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a new node of the version under test on a free port, with a data folder of its own. */
    public static ElasticsearchNode start(String name) {
        return builder(name).start();
    }

    /** A node to configure before it starts; {@code name} appears in its folder and cluster name. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * HTTPS with a certificate from {@code ca} for 127.0.0.1 and localhost, security on, one
     * superuser ({@code user}) in the file realm; {@code roles}, when not null, is a
     * {@code roles.yml} the node loads, and {@code users} are more file-realm users with those roles.
     */
    public record Security(CertificateAuthority ca, String user, String password, Path roles, List<User> users) {
        public Security {
            checkPassword(password);
            users = List.copyOf(users);
        }

        public Security(CertificateAuthority ca, String user, String password) {
            this(ca, user, password, null, List.of());
        }

        /** The same, with the roles of {@code roles} (a {@code roles.yml}) and users holding them. */
        public Security withRoles(Path roles, List<User> users) {
            return new Security(ca, user, password, roles, users);
        }
    }

    /** A file-realm user and its roles. */
    public record User(String name, String password, List<String> roles) {
        public User {
            checkPassword(password);
            roles = List.copyOf(roles);
        }
    }

    private static void checkPassword(String password) {
        if (password.length() < 6) {
            throw new IllegalArgumentException("Elasticsearch's file realm needs passwords of 6 characters or more");
        }
    }

    /**
     * This node as one of several on loopback: its transport port, where the others' are
     * ({@code 127.0.0.1:port}), and the names of the master-eligible nodes that form the cluster
     * the first time. Transport is TLS too when the node is secured.
     */
    public record Membership(int transportPort, List<String> seedHosts, List<String> initialMasterNodes) {
        public Membership {
            seedHosts = List.copyOf(seedHosts);
            initialMasterNodes = List.copyOf(initialMasterNodes);
        }
    }

    private record Options(
            String name,
            String version,
            Path distribution,
            Path work,
            Path dir,
            int port,
            String heap,
            String cpus,
            String clusterName,
            List<String> jvmOptions,
            Map<String, String> settings,
            Security security,
            Membership membership,
            boolean outlivesJvm) {}

    /** What a node is to be; {@link #start()} starts it. */
    public static final class Builder {
        private final String name;
        private String version;
        private Path distribution;
        private Path work;
        private Path dir;
        private int port;
        private String heap = "1g";
        private String cpus;
        private String clusterName;
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Security security;
        private Membership membership;
        private boolean outlivesJvm;

        private Builder(String name) {
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException(
                        "A node name is letters, digits, '.', '_' and '-', got '" + name + "'");
            }
            this.name = name;
        }

        /** Default: {@code -Dagent7.es.version}, else the root pom's {@code elasticsearch.version}. */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /** The distribution's zip; default: the one Maven resolved for this build, else the local repository's. */
        public Builder distribution(Path zip) {
            this.distribution = zip;
            return this;
        }

        /**
         * Where unpacked distributions and node folders live; default {@code -Dagent7.es.work},
         * else {@code /var/tmp/agent7-elasticsearch-<user>}. The unprivileged user must be able
         * to pass through every folder above it.
         */
        public Builder work(Path work) {
            this.work = work;
            return this;
        }

        /** The node's own folder (config, data, logs, es.pid); default: a new one under the work folder. */
        public Builder dir(Path dir) {
            this.dir = dir;
            return this;
        }

        /** The HTTP port on 127.0.0.1; default: a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Both -Xms and -Xmx, e.g. {@code 1g} (the default). */
        public Builder heap(String heap) {
            if (!heap.matches("\\d+[kmgKMG]")) {
                throw new IllegalArgumentException(
                        "A heap size is a number and k, m or g, e.g. 1g; got '" + heap + "'");
            }
            this.heap = heap;
            return this;
        }

        /**
         * Pins the node to these CPUs from its start ({@code taskset -c}), so that it sizes its
         * thread pools (and the JVM its GC) for them, as on a machine of that size.
         */
        public Builder cpus(String cpus) {
            this.cpus = cpus;
            return this;
        }

        public Builder clusterName(String clusterName) {
            this.clusterName = clusterName;
            return this;
        }

        /** Extra options for the node's JVM, e.g. a marker that tells whose process it is. */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** An {@code -E name=value} setting. */
        public Builder setting(String name, String value) {
            settings.put(name, value);
            return this;
        }

        public Builder security(Security security) {
            this.security = security;
            return this;
        }

        /** Makes the node one of a cluster (see {@link ElasticsearchCluster}); default: a cluster of its own. */
        public Builder membership(Membership membership) {
            this.membership = membership;
            return this;
        }

        /** Leaves the node running when this JVM exits: for {@code ./agent7}, which stops it itself. */
        public Builder outlivesJvm() {
            this.outlivesJvm = true;
            return this;
        }

        public ElasticsearchNode start() {
            ElasticsearchNode node = prepare();
            node.startAgain();
            return node;
        }

        /** The node's folder made ready (configuration, certificates, users), not started. */
        ElasticsearchNode prepare() {
            String v = version != null ? version : ElasticsearchDistribution.version();
            Path zip = distribution != null ? distribution : ElasticsearchDistribution.zip(v);
            Path base = work != null ? work : defaultWork();
            Path own = dir != null
                    ? dir
                    : base.resolve("nodes")
                            .resolve(name + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
            Options options = new Options(
                    name,
                    v,
                    zip,
                    base,
                    own.toAbsolutePath(),
                    port,
                    heap,
                    cpus,
                    clusterName != null ? clusterName : "agent7-" + name,
                    List.copyOf(jvmOptions),
                    Map.copyOf(settings),
                    security,
                    membership,
                    outlivesJvm);
            return ElasticsearchNode.create(options);
        }
    }

    private static Path defaultWork() {
        String work = System.getProperty("agent7.es.work");
        if (work != null && !work.isBlank() && !work.startsWith("${")) {
            return Path.of(work);
        }
        // /var/tmp is open to every user and outlives reboots less often than it is cleaned: the
        // unpacked distribution is kept there for the next run.
        return Path.of("/var/tmp", "agent7-elasticsearch-" + System.getProperty("user.name"));
    }

    private static ElasticsearchNode create(Options options) {
        try {
            Files.createDirectories(options.work());
            if (Unprivileged.root()) {
                // The unprivileged user passes through it; only root writes here.
                Files.setPosixFilePermissions(
                        options.work(), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + options.work(), e);
        }
        Unprivileged.requireTraversable(options.work());
        Unprivileged.requireTraversable(options.dir());
        Path home = ElasticsearchDistribution.home(options.version(), options.distribution(), options.work());
        Path jdk = Jdks.forElasticsearch(options.version());
        int port = options.port() > 0 ? options.port() : ServiceProcess.freePort();
        ElasticsearchNode node = new ElasticsearchNode(options, home, jdk, options.dir(), port);
        node.prepare();
        return node;
    }

    /** The node's folder: its configuration (with certificates and users when secured), data and logs. */
    private void prepare() {
        try {
            Path config = dir.resolve("config");
            // A node's folder is made once: started again later (./agent7 up --cluster after a
            // down), it keeps its certificates and users.
            boolean fresh = !Files.isDirectory(config);
            if (fresh) {
                Files.createDirectories(dir);
                copyTree(home.resolve("config"), config);
            }
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("logs"));
            // The node's temporary files (ES_TMPDIR) in its own folder, so they go with it;
            // by default each start leaves a folder of them in /tmp.
            Files.createDirectories(dir.resolve("tmp"));
            if (fresh && options.security() != null) {
                CertificateAuthority ca = options.security().ca();
                CertificateAuthority.Issued http =
                        ca.issueServer("127.0.0.1", List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(30));
                Files.writeString(config.resolve("http.crt"), http.certificatePem());
                Files.writeString(config.resolve("http.key"), http.keyPem());
                Files.writeString(config.resolve("ca.crt"), CertificateAuthority.pem(http.ca()));
                if (options.membership() != null) {
                    // The transport layer's certificate: each node is a server to its peers and a client of theirs.
                    CertificateAuthority.Issued transport = ca.issueNode(
                            options.name(), List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(30));
                    Files.writeString(config.resolve("transport.crt"), transport.certificatePem());
                    Files.writeString(config.resolve("transport.key"), transport.keyPem());
                }
                if (options.security().roles() != null) {
                    Files.copy(
                            options.security().roles(),
                            config.resolve("roles.yml"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Unprivileged.handOver(dir);
            if (fresh && options.security() != null) {
                addUser(
                        config,
                        new User(options.security().user(), options.security().password(), List.of("superuser")));
                for (User user : options.security().users()) {
                    addUser(config, user);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the node's folder " + dir, e);
        }
    }

    private void addUser(Path config, User user) {
        Processes.require(
                Unprivileged.command(List.of(
                        "env",
                        "ES_JAVA_HOME=" + jdk,
                        "ES_PATH_CONF=" + config,
                        home.resolve("bin/elasticsearch-users").toString(),
                        "useradd",
                        user.name(),
                        "-p",
                        user.password(),
                        "-r",
                        String.join(",", user.roles()))),
                "add the user '" + user.name() + "' to the node's file realm");
    }

    /** Starts the node (again, after {@link #stop()} or {@link #kill()}) with its data, and waits until it is yellow. */
    public void startAgain() {
        launch();
        awaitYellow();
    }

    /** Starts the node's process; returns once it runs (a cluster's node is yellow only once enough nodes have joined). */
    void launch() {
        if (pid().isPresent()) {
            throw new IllegalStateException(
                    "Elasticsearch in " + dir + " is already running (pid " + pid().get() + ")");
        }
        List<String> command = new ArrayList<>(List.of(
                "env",
                "ES_JAVA_HOME=" + jdk,
                "ES_PATH_CONF=" + dir.resolve("config"),
                "ES_TMPDIR=" + dir.resolve("tmp"),
                "ES_JAVA_OPTS=" + String.join(" ", jvmOptions())));
        if (options.cpus() != null) {
            command.addAll(List.of("taskset", "-c", options.cpus()));
        }
        command.addAll(List.of(
                home.resolve("bin/elasticsearch").toString(),
                "-d",
                "-p",
                pidFile().toString()));
        settings().forEach((name, value) -> command.addAll(List.of("-E", name + "=" + value)));
        Path startup = dir.resolve("logs").resolve("startup.log");
        try {
            Process launcher = new ProcessBuilder(Unprivileged.command(command))
                    .redirectErrorStream(true)
                    .redirectOutput(startup.toFile())
                    .start();
            launcher.getOutputStream().close();
            // With -d the launcher returns once the node has started, or failed to.
            if (!launcher.waitFor(START_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
                throw failure("its launcher did not return within " + START_LIMIT.toSeconds() + " s");
            }
            if (launcher.exitValue() != 0) {
                throw failure("its launcher exited with " + launcher.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + home.resolve("bin/elasticsearch"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while Elasticsearch started", e);
        }
        if (!options.outlivesJvm()) {
            RUNNING.add(this);
        }
    }

    private List<String> jvmOptions() {
        List<String> jvm = new ArrayList<>(List.of("-Xms" + options.heap(), "-Xmx" + options.heap()));
        jvm.addAll(options.jvmOptions());
        if (!options.outlivesJvm()) {
            // Tells whose node a stray process is: the pid of the JVM that started it.
            jvm.add("-Dagent7.test-node-of=" + ProcessHandle.current().pid());
        }
        return jvm;
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("cluster.name", options.clusterName());
        settings.put("node.name", options.name());
        if (options.membership() == null) {
            settings.put("discovery.type", "single-node");
        } else {
            settings.put("transport.port", Integer.toString(options.membership().transportPort()));
            settings.put(
                    "discovery.seed_hosts",
                    String.join(",", options.membership().seedHosts()));
            settings.put(
                    "cluster.initial_master_nodes",
                    String.join(",", options.membership().initialMasterNodes()));
        }
        // Loopback only: binding elsewhere turns on the production bootstrap checks these machines fail.
        settings.put("network.host", "127.0.0.1");
        settings.put("http.port", Integer.toString(port));
        settings.put("path.data", dir.resolve("data").toString());
        settings.put("path.logs", dir.resolve("logs").toString());
        // Test machines' disks are often fuller than the default watermarks allow.
        settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        settings.put("action.destructive_requires_name", "false");
        // A test node holds some forty one-shard indices: recovering them four (primaries from
        // its own disk after a restart) or two (replicas from a peer) at a time, the defaults,
        // leaves a restarted node waiting on recoveries that take a moment each.
        settings.put("cluster.routing.allocation.node_initial_primaries_recoveries", "16");
        settings.put("cluster.routing.allocation.node_concurrent_recoveries", "8");
        if (options.security() == null) {
            settings.put("xpack.security.enabled", "false");
        } else {
            settings.put("xpack.security.enabled", "true");
            settings.put("xpack.security.http.ssl.enabled", "true");
            settings.put("xpack.security.http.ssl.certificate", "http.crt");
            settings.put("xpack.security.http.ssl.key", "http.key");
            settings.put("xpack.security.http.ssl.certificate_authorities", "ca.crt");
            if (options.membership() != null) {
                settings.put("xpack.security.transport.ssl.enabled", "true");
                settings.put("xpack.security.transport.ssl.verification_mode", "full");
                settings.put("xpack.security.transport.ssl.certificate", "transport.crt");
                settings.put("xpack.security.transport.ssl.key", "transport.key");
                settings.put("xpack.security.transport.ssl.certificate_authorities", "ca.crt");
            }
        }
        settings.putAll(options.settings());
        return settings;
    }

    void awaitYellow() {
        URI health = url().resolve("/_cluster/health?wait_for_status=yellow&timeout=1s");
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (pid().isEmpty()) {
                throw failure("it exited during start");
            }
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5));
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + ": " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Elasticsearch", e);
            }
            sleep(Duration.ofMillis(500));
        }
        throw failure("it was not yellow within " + START_LIMIT.toSeconds() + " s; last answer: " + last);
    }

    private IllegalStateException failure(String why) {
        return new IllegalStateException("Elasticsearch " + options.version() + " (" + home + ", Java "
                + Jdks.major(jdk) + " at " + jdk + ") did not start on 127.0.0.1:" + port + ": " + why
                + ". Its logs are in " + dir.resolve("logs") + "; the last lines:\n" + logTail());
    }

    /** The last lines of the launcher's output and of the node's own log. */
    public String logTail() {
        StringBuilder tail = new StringBuilder();
        for (Path log : List.of(
                dir.resolve("logs").resolve("startup.log"),
                dir.resolve("logs").resolve(options.clusterName() + ".log"))) {
            if (Files.isRegularFile(log)) {
                try {
                    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                    tail.append("== ").append(log).append('\n');
                    lines.subList(Math.max(0, lines.size() - 30), lines.size())
                            .forEach(line -> tail.append(line).append('\n'));
                } catch (IOException e) {
                    tail.append("(cannot read ")
                            .append(log)
                            .append(": ")
                            .append(e)
                            .append(")\n");
                }
            }
        }
        return tail.toString();
    }

    /** The node's process, while it runs. */
    public Optional<ProcessHandle> pid() {
        return Processes.running(pidFile());
    }

    private Path pidFile() {
        return dir.resolve("es.pid");
    }

    /**
     * Kills the node with SIGKILL, as a crash or the kernel's OOM killer would: no shutdown,
     * connections reset, the translog replayed at the next start. Returns once it is gone.
     */
    public void kill() {
        ProcessHandle process =
                pid().orElseThrow(() -> new IllegalStateException("Elasticsearch in " + dir + " is not running"));
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(30));
        deletePidFile();
        RUNNING.remove(this);
    }

    /** Stops the node as a service manager would (SIGTERM, then SIGKILL after 30 s); keeps its data. */
    public void stop() {
        stop(dir);
        RUNNING.remove(this);
    }

    /** Stops the node whose folder is {@code dir}, if one runs there: for nodes another JVM started. */
    public static void stop(Path dir) {
        Path pidFile = dir.resolve("es.pid");
        Processes.running(pidFile).ifPresent(process -> {
            process.destroy();
            if (!awaitExit(process, Duration.ofSeconds(30))) {
                process.destroyForcibly();
                awaitExit(process, Duration.ofSeconds(30));
            }
        });
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + pidFile, e);
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration limit) {
        try {
            process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Waiting for pid " + process.pid() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for pid " + process.pid(), e);
        }
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + pidFile(), e);
        }
    }

    public URI url() {
        return URI.create((options.security() == null ? "http" : "https") + "://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public String version() {
        return options.version();
    }

    public Path dir() {
        return dir;
    }

    /** Stops the node and removes its folder. */
    @Override
    public void close() {
        stop();
        Folders.deleteTree(dir);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
