package io.agent7.bench;

import io.agent7.schema.Schema;
import io.agent7.schema.templates.ElasticsearchHttp;
import io.agent7.schema.templates.IndexSettings;
import io.agent7.schema.templates.SchemaInstaller;
import io.agent7.server.elasticsearch.ElasticsearchAutoConfiguration;
import io.agent7.testkit.CertificateAuthority;
import io.agent7.testkit.ElasticsearchCluster;
import io.agent7.testkit.ElasticsearchNode;
import io.agent7.testkit.Folders;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The production shape of docs/DEPLOYMENT.md for {@code bench fleet --cluster}: three
 * Elasticsearch nodes with security on (TLS from a CA of its own, the file realm's users with
 * the roles of {@code deploy/elasticsearch/roles.yml}), the schema installed by the
 * installer's user with one replica, and two ingest APIs sharing their token signing keys,
 * each connected to every node as {@code agent7_ingest}. Stopped by {@link #close()} or a
 * shutdown hook.
 */
final class ClusterBenchStack implements AutoCloseable {

    static final int NODES = 3;
    static final int INGEST_APIS = 2;

    private final Path work;
    private final ElasticsearchCluster cluster;
    private final String superuserPassword;
    private final List<BenchStack.Ingest> ingest;
    private final String siteKey;
    private final Thread cleanup;

    private ClusterBenchStack(
            Path work,
            ElasticsearchCluster cluster,
            String superuserPassword,
            List<BenchStack.Ingest> ingest,
            String siteKey) {
        this.work = work;
        this.cluster = cluster;
        this.superuserPassword = superuserPassword;
        this.ingest = List.copyOf(ingest);
        this.siteKey = siteKey;
        this.cleanup = new Thread(this::stop, "bench-cluster-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    static ClusterBenchStack start(Path root, Path logs, Bench.CpuLayout cpus) throws Exception {
        Path work = Files.createTempDirectory("agent7-bench-cluster");
        Map<String, String> passwords = new LinkedHashMap<>();
        List<ElasticsearchNode.User> users = new ArrayList<>();
        for (String user : List.of("agent7_installer", "agent7_ingest", "agent7_console", "agent7_detections")) {
            passwords.put(user, BenchStack.random());
            users.add(new ElasticsearchNode.User(user, passwords.get(user), List.of(user)));
        }
        String superuser = BenchStack.random();
        ElasticsearchNode.Security security = new ElasticsearchNode.Security(
                        CertificateAuthority.create("Agent7 bench cluster CA", Duration.ofDays(2)),
                        "bench_admin",
                        superuser)
                .withRoles(root.resolve("deploy/elasticsearch/roles.yml"), users);
        String heap = System.getenv().getOrDefault("AGENT7_BENCH_CLUSTER_ES_HEAP", "1g");
        BenchStack.step("starting a secured " + NODES + "-node Elasticsearch cluster (heap " + heap + " each)");
        ElasticsearchCluster cluster = ElasticsearchCluster.start("bench-cluster", NODES, security, node -> {
            node.heap(heap);
            if (cpus.elasticsearch() != null) {
                node.cpus(cpus.elasticsearch());
            }
        });
        List<BenchStack.Ingest> started = new ArrayList<>();
        try {
            BenchStack.step("installing the schema as agent7_installer, one replica");
            SchemaInstaller.Report report = new SchemaInstaller(
                            new ElasticsearchHttp(
                                    cluster.urls(),
                                    "agent7_installer",
                                    passwords.get("agent7_installer"),
                                    ElasticsearchAutoConfiguration.trusting(cluster.caPem(), "the cluster's CA")),
                            Schema.standard(),
                            IndexSettings.of(null, "1"))
                    .install();
            if (!report.ok()) {
                throw new IllegalStateException("the schema did not install: " + report.steps());
            }
            cluster.awaitStatus("green", Duration.ofMinutes(3));
            String siteKey = "sk_bench_" + BenchStack.random();
            Path keys = work.resolve("signing-keys.json");
            for (int i = 1; i <= INGEST_APIS; i++) {
                Map<String, String> env = new HashMap<>();
                env.put("AGENT7_LOG_FORMAT", "");
                env.put("AGENT7_ELASTICSEARCH_URL", cluster.urlList());
                env.put("AGENT7_ELASTICSEARCH_USERNAME", "agent7_ingest");
                env.put("AGENT7_ELASTICSEARCH_PASSWORD", passwords.get("agent7_ingest"));
                env.put("AGENT7_ELASTICSEARCH_CA_CERTIFICATE", cluster.caPem().toString());
                env.put("AGENT7_SCHEMA_INSTALL_ON_START", "false");
                env.put("AGENT7_STATE_DIR", work.resolve("ingest-api-" + i).toString());
                env.put("AGENT7_TOKENS_KEYS_FILE", keys.toString());
                env.put("AGENT7_BOOTSTRAP_SITE_KEY", siteKey);
                started.add(BenchStack.startIngest(
                        root, logs.resolve("bench-cluster-ingest-api-" + i + ".log"), cpus, env, false));
            }
            return new ClusterBenchStack(work, cluster, superuser, started, siteKey);
        } catch (Exception | Error e) {
            started.forEach(i -> i.process().destroyForcibly());
            cluster.close();
            Folders.deleteTree(work);
            throw e;
        }
    }

    /** The arguments that point {@code FleetBenchmark} at this stack. */
    List<String> fleetArguments() {
        return List.of(
                "--es", cluster.urls().get(0).toString(),
                "--es-user", "bench_admin",
                "--es-password", superuserPassword,
                "--es-ca", cluster.caPem().toString(),
                "--ingest", join(ingest.stream().map(BenchStack.Ingest::url).toList()),
                "--ingest-management",
                        join(ingest.stream().map(BenchStack.Ingest::management).toList()),
                "--ingest-pid",
                        String.join(
                                ",",
                                ingest.stream()
                                        .map(i -> Long.toString(i.process().pid()))
                                        .toList()),
                "--site-key", siteKey);
    }

    private static String join(List<URI> uris) {
        return String.join(",", uris.stream().map(URI::toString).toList());
    }

    @Override
    public void close() {
        stop();
        Runtime.getRuntime().removeShutdownHook(cleanup);
    }

    private synchronized void stop() {
        for (BenchStack.Ingest i : ingest) {
            i.process().destroy();
        }
        for (BenchStack.Ingest i : ingest) {
            try {
                if (!i.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    i.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                i.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        cluster.close();
        Folders.deleteTree(work);
    }
}
