package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.protocol.Batch;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import io.agent7.testkit.CertificateAuthority;
import io.agent7.testkit.ElasticsearchCluster;
import io.agent7.testkit.ElasticsearchNode;
import io.agent7.testkit.ServiceProcess;
import io.agent7.testkit.TestAccounts;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Agent7 on a production-shaped cluster: three Elasticsearch nodes with security on, TLS on
 * HTTP and transport, each service a file-realm user holding only its role from
 * {@code deploy/elasticsearch/roles.yml}, the schema installed by the installer's user with a
 * replica per shard, two ingest APIs, a console and two detections instances that know every
 * node. Hosts post through both APIs while a node is killed with SIGKILL, and while every node
 * is restarted in turn: in the end the index holds exactly what the APIs acknowledged, each
 * document once, the console's query API counts the same, and no host was ever answered a 5xx
 * without a {@code Retry-After}. Then agents spool through two minutes of a cluster without a
 * master, the detections instance running a rule is killed and the other carries on, a
 * revocation crosses from one ingest API to the other, and an ingest API is killed mid-bulk.
 * No service was refused anything by Elasticsearch, and none logged a credential.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultIT {

    static final int HOSTS = 12;
    static final int BATCH = 100;
    /**
     * 600 documents a second in all, each indexed twice: a third of what three nodes on two
     * cores index, so that a node restarts and recovers while the others keep writing.
     */
    static final Duration PACE = Duration.ofSeconds(2);
    /** Within this after a node died or came back, every host's posts must be acknowledged again. */
    static final Duration RECOVERY = Duration.ofSeconds(90);

    /** Agents that spool through two minutes of a cluster that cannot write. */
    static final int OUTAGE_AGENTS = 6;

    static final Duration OUTAGE = Duration.ofMinutes(2);

    /** When the cluster lost its master, and when it was writing again: rule runs may fail in between. */
    static final Instant[] noMaster = {Instant.MAX, Instant.MIN};

    /** The detections instances' lease (their default) and the hand-over rule's schedule. */
    static final Duration LEASE = Duration.ofSeconds(30);

    static final Duration RULE_INTERVAL = Duration.ofSeconds(10);
    static final Duration RULE_OVERLAP = Duration.ofSeconds(5);

    static final String SITE_KEY = "sk_e2e_cluster_0123456789abcdef";

    static CertificateAuthority ca;
    static ElasticsearchCluster cluster;
    static Map<String, String> passwords = new HashMap<>();
    static final List<ServiceProcess> ingest = new ArrayList<>();
    static final List<ServiceProcess> detections = new ArrayList<>();
    static ServiceProcess console;
    static final List<String> events = new CopyOnWriteArrayList<>();

    static void event(String what) {
        String line = Instant.now() + " " + what;
        events.add(line);
        System.out.println("ClusterFaultIT: " + line);
    }

    @BeforeAll
    static void startTheClusterAndTwoIngestApis() throws Exception {
        ca = CertificateAuthority.create("Agent7 cluster test CA", Duration.ofDays(1));
        List<ElasticsearchNode.User> users = new ArrayList<>();
        for (String role : List.of("installer", "ingest", "console", "detections")) {
            String user = "agent7_" + role;
            passwords.put(user, "pw-" + UUID.randomUUID());
            users.add(new ElasticsearchNode.User(user, passwords.get(user), List.of(user)));
        }
        ElasticsearchNode.Security security = new ElasticsearchNode.Security(
                        ca, "e2e_superuser", "pw-" + UUID.randomUUID())
                .withRoles(repositoryFile("deploy/elasticsearch/roles.yml"), users);
        cluster = ElasticsearchCluster.start("cluster-faults", 3, security, node -> node.heap("512m"));
        event("cluster green: " + cluster.urlList());

        installSchema();
        plantWhatRetentionDeletes();
        Path keys = Files.createTempDirectory("agent7-e2e-cluster-keys").resolve("signing-keys.json");
        // The first ingest API alone: it writes the signing keys and the site key the others read.
        ingest.add(startIngest(keys));
        Map<String, String> consoleEnv = serviceEnvironment("agent7_console");
        // The console creates the first admin account: the ingest API's role may only read accounts.
        consoleEnv.put("AGENT7_BOOTSTRAP_ADMIN_PASSWORD", TestAccounts.ADMIN_PASSWORD);
        List<Map<String, String>> detectionsEnv = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<String, String> env = serviceEnvironment("agent7_detections");
            env.put("AGENT7_DETECTIONS_INSTANCE", detectionsInstance(i));
            env.put("AGENT7_RETENTION_INITIAL_DELAY", "0s");
            detectionsEnv.add(env);
        }
        Map<String, String> secondIngestEnv = ingestEnvironment(keys);
        List<ServiceProcess> others = startTogether(List.of(
                () -> ServiceProcess.start("ingest-api", secondIngestEnv),
                () -> ServiceProcess.start(
                        "search-ui", consoleEnv, "--agent7.console.plain-http=true", "--server.address=127.0.0.1"),
                () -> ServiceProcess.start("detections", detectionsEnv.get(0)),
                () -> ServiceProcess.start("detections", detectionsEnv.get(1))));
        ingest.add(others.get(0));
        console = others.get(1);
        detections.addAll(others.subList(2, 4));
        event("two ingest APIs, a console and two detections instances ready");
    }

    @AfterAll
    static void stopEverything() {
        detections.forEach(ServiceProcess::close);
        if (console != null) {
            console.close();
        }
        ingest.forEach(ServiceProcess::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    static final LocalDate OLD_DAY = LocalDate.now(ZoneOffset.UTC).minusDays(60);
    static final String OLD_ITEM = "retention-" + UUID.randomUUID();

    /**
     * Written as the superuser before the detections instances start: a day of samples older
     * than the metrics age (30 days), and an item removed longer ago than the removed age (90).
     * The instances' first retention pass deletes both with their role alone (checked last).
     */
    static void plantWhatRetentionDeletes() {
        DataType metric = Schema.standard().require("system_metric");
        JsonNode sample = cluster.send(
                "POST",
                "/" + metric.dailyIndex(OLD_DAY) + "/_doc?routing=old&refresh=true",
                "{\"host\":{\"id\":\"old\"},\"system_metric\":{\"sampled_at\":\"" + OLD_DAY + "T12:00:00.000Z\"}}");
        JsonNode item = cluster.send(
                "PUT",
                "/agent7-process/_doc/" + OLD_ITEM + "?routing=old&refresh=true",
                "{\"host\":{\"id\":\"old\"},\"process\":{\"pid\":1},\"agent7\":{\"present\":false,"
                        + "\"removed_at\":\"" + Values.formatDate(Instant.now().minus(Duration.ofDays(100))) + "\"}}");
        assertThat(List.of(sample.path("result").asString(), item.path("result").asString()))
                .containsOnly("created");
    }

    /** The installer's user installs the schema with one replica, and says so. */
    static void installSchema() throws Exception {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                ServiceProcess.jar("ingest-api").toString(),
                "install-schema",
                "--es",
                cluster.urlList(),
                "--user",
                "agent7_installer",
                "--ca-cert",
                cluster.caPem().toString(),
                "--replicas",
                "1");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AGENT7_ELASTICSEARCH_PASSWORD", passwords.get("agent7_installer"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as("the installer says what it chose").contains("1 primary shard per type index, 1 replica");
        assertThat(output)
                .as("no credential in the installer's output")
                .doesNotContain(passwords.get("agent7_installer"));
        JsonNode settings = cluster.send("GET", "/agent7-process/_settings?flat_settings=true", null);
        assertThat(settings.path("agent7-process")
                        .path("settings")
                        .path("index.number_of_replicas")
                        .asString())
                .isEqualTo("1");
        cluster.awaitStatus("green", Duration.ofMinutes(2));
    }

    /** A service's connection to the cluster, as its user: every node, the CA, no schema installation. */
    static Map<String, String> serviceEnvironment(String user) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("AGENT7_ELASTICSEARCH_URL", cluster.urlList());
        env.put("AGENT7_ELASTICSEARCH_USERNAME", user);
        env.put("AGENT7_ELASTICSEARCH_PASSWORD", passwords.get(user));
        env.put("AGENT7_ELASTICSEARCH_CA_CERTIFICATE", cluster.caPem().toString());
        // The installer's user installed the schema; the services' roles may not.
        env.put("AGENT7_SCHEMA_INSTALL_ON_START", "false");
        env.put(
                "AGENT7_STATE_DIR",
                Files.createTempDirectory("agent7-e2e-cluster-" + user).toString());
        return env;
    }

    static ServiceProcess startIngest(Path keys) throws IOException {
        return ServiceProcess.start("ingest-api", ingestEnvironment(keys));
    }

    static Map<String, String> ingestEnvironment(Path keys) throws IOException {
        Map<String, String> env = serviceEnvironment("agent7_ingest");
        env.put("AGENT7_TOKENS_KEYS_FILE", keys.toString());
        env.put("AGENT7_BOOTSTRAP_SITE_KEY", SITE_KEY);
        env.put("AGENT7_RETRY_AFTER", "1s");
        return env;
    }

    /**
     * Starts services together (a start is mostly one thread's work, and there are two cores) and
     * answers them in order; when one fails, those that started are closed before its failure is thrown.
     */
    static List<ServiceProcess> startTogether(List<Supplier<ServiceProcess>> starts) {
        List<CompletableFuture<ServiceProcess>> starting =
                starts.stream().map(CompletableFuture::supplyAsync).toList();
        List<ServiceProcess> started = new ArrayList<>();
        RuntimeException failed = null;
        for (CompletableFuture<ServiceProcess> service : starting) {
            try {
                started.add(service.join());
            } catch (CompletionException e) {
                failed = e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        if (failed != null) {
            started.forEach(ServiceProcess::close);
            throw failed;
        }
        return started;
    }

    @Test
    @Order(1)
    void aNodeKilledDuringIngestLosesAndDuplicatesNothing() throws Exception {
        try (Fleet fleet = Fleet.start()) {
            fleet.awaitAllPosting(System.nanoTime(), RECOVERY, "the start");
            Thread.sleep(3_000);
            int victim = nodeHoldingPrimary("agent7-process");
            cluster.node(victim).kill();
            long killed = System.nanoTime();
            event("killed node " + (victim + 1) + " (SIGKILL), which held agent7-process's primary");
            fleet.awaitAllPosting(killed, RECOVERY, "the kill");
            event(String.format("every host posting again %.1f s after the kill", (System.nanoTime() - killed) / 1e9));
            Thread.sleep(5_000); // ingest on the two survivors
            cluster.node(victim).startAgain();
            event("node " + (victim + 1) + " back");
            cluster.awaitStatus("green", Duration.ofMinutes(3));
            event("green again");
            fleet.finish("a node killed");
        }
    }

    @Test
    @Order(2)
    void aRollingRestartOfEveryNodeLosesNothing() throws Exception {
        try (Fleet fleet = Fleet.start()) {
            fleet.awaitAllPosting(System.nanoTime(), RECOVERY, "the start");
            for (int i = 0; i < cluster.nodes().size(); i++) {
                ElasticsearchNode node = cluster.node(i);
                // As DEPLOYMENT.md tells operators: no replica is rebuilt elsewhere while the node is
                // away, so it comes back with its own copies and only catches up on what it missed.
                replicaAllocation(false);
                node.stop();
                long stopped = System.nanoTime();
                event("stopped node " + (i + 1) + " (replica allocation off)");
                fleet.awaitAllPosting(stopped, RECOVERY, "node " + (i + 1) + " stopped");
                node.startAgain();
                replicaAllocation(true);
                event("node " + (i + 1) + " back, replica allocation on");
                // The next node only once every shard has its copies again, as a rolling restart goes.
                cluster.awaitStatus("green", Duration.ofMinutes(3));
                event("green again");
            }
            fleet.finish("a rolling restart");
        }
    }

    /**
     * Two of the three nodes killed for two minutes: the survivor has no master, so no shard can
     * be written. Agents, each enrolled with both ingest APIs, keep collecting and spool what is
     * not acknowledged (the APIs answer 503 with {@code Retry-After}); once the nodes are back the
     * spools drain and the index holds one document for every process any agent ever saw.
     */
    @Test
    @Order(3)
    void theClusterUnableToWriteForTwoMinutesAgentsSpoolAndNothingIsLost() throws Exception {
        String siteKey = FleetSupport.fastGroupSiteKey(ingest.get(0).url("/"));
        List<URI> apis = List.of(ingest.get(0).url("/"), ingest.get(1).url("/"));
        List<FakeProcesses> hosts = new ArrayList<>();
        List<io.agent7.agent.state.Credentials> credentials = new ArrayList<>();
        List<FleetSupport.Running> agents = new ArrayList<>();
        try {
            for (int i = 0; i < OUTAGE_AGENTS; i++) {
                FakeProcesses processes = FakeProcesses.running(40);
                Path state = Files.createTempDirectory("agent7-e2e-cluster-outage-agent");
                // Half start on each API: the list in the order the agent tries it.
                List<URI> order = i % 2 == 0 ? apis : List.of(apis.get(1), apis.get(0));
                io.agent7.agent.state.Credentials c = FleetSupport.enroll(order, siteKey, state);
                hosts.add(processes);
                credentials.add(c);
                agents.add(FleetSupport.start(c, state, processes));
            }
            awaitIndexMatches(hosts, credentials, Duration.ofSeconds(90));
            event(OUTAGE_AGENTS + " agents' processes indexed");

            noMaster[0] = Instant.now();
            cluster.node(1).kill();
            cluster.node(2).kill();
            event("killed nodes 2 and 3 (SIGKILL): no master, no shard writable");
            long until = System.nanoTime() + OUTAGE.toNanos();
            while (System.nanoTime() < until) {
                hosts.forEach(FakeProcesses::replaceAnOriginal);
                Thread.sleep(4_000);
            }
            int spooled = 0;
            for (int i = 0; i < OUTAGE_AGENTS; i++) {
                int held = agents.get(i).runtime().spool().size();
                assertThat(held)
                        .as("batches agent %d holds, unacknowledged, at the end of the outage", i)
                        .isPositive();
                spooled += held;
            }
            event(spooled + " batches spooled by the agents after " + OUTAGE.toSeconds() + " s without a master");
            CompletableFuture.allOf(
                            CompletableFuture.runAsync(cluster.node(1)::startAgain),
                            CompletableFuture.runAsync(cluster.node(2)::startAgain))
                    .join();
            long back = System.nanoTime();
            event("nodes 2 and 3 back");
            awaitIndexMatches(hosts, credentials, Duration.ofSeconds(240));
            event(String.format(
                    "every agent's state indexed %.1f s after the nodes came back", (System.nanoTime() - back) / 1e9));
            long seen = 0;
            long found = 0;
            for (int i = 0; i < OUTAGE_AGENTS; i++) {
                long documents = processDocuments(credentials.get(i).hostId());
                assertThat(documents)
                        .as("documents of host %d: one per process ever seen", i)
                        .isEqualTo(hosts.get(i).everSeen().size());
                seen += hosts.get(i).everSeen().size();
                found += documents;
                assertThat(agents.get(i).runtime().spool().size())
                        .as("batches agent %d still holds", i)
                        .isZero();
            }
            event("a cluster without a master for two minutes: " + seen + " processes seen by the agents, " + found
                    + " documents found, spools empty");
            cluster.awaitStatus("green", Duration.ofMinutes(3));
            noMaster[1] = Instant.now();
        } finally {
            for (FleetSupport.Running agent : agents) {
                agent.close();
            }
        }
    }

    /**
     * {@code cluster.routing.allocation.enable}: {@code primaries} while a node is down for a
     * restart (off), back to its default {@code all} (on).
     */
    static void replicaAllocation(boolean on) {
        JsonNode answer = cluster.send(
                "PUT",
                "/_cluster/settings",
                "{\"persistent\":{\"cluster.routing.allocation.enable\":" + (on ? "null" : "\"primaries\"") + "}}");
        assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(200);
    }

    /** Each host's present processes in the index are exactly those it has now. */
    static void awaitIndexMatches(
            List<FakeProcesses> hosts, List<io.agent7.agent.state.Credentials> credentials, Duration limit) {
        Awaitility.await()
                .atMost(limit)
                .pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    for (int i = 0; i < hosts.size(); i++) {
                        assertThat(presentProcesses(credentials.get(i).hostId()))
                                .as("host %d", i)
                                .isEqualTo(hosts.get(i).current());
                    }
                });
    }

    /** pid → name of the host's process documents that are present. */
    static Map<Integer, String> presentProcesses(String hostId) {
        cluster.send("POST", "/agent7-process/_refresh", null);
        JsonNode hits = cluster.send(
                        "POST",
                        "/agent7-process/_search",
                        "{\"size\":10000,\"query\":{\"bool\":{\"filter\":[{\"term\":{\"host.id\":\"" + hostId
                                + "\"}},{\"term\":{\"agent7.present\":true}}]}}}")
                .path("hits");
        if (hits.isMissingNode()) {
            throw new AssertionError("search failed");
        }
        Map<Integer, String> present = new java.util.TreeMap<>();
        for (JsonNode hit : hits.path("hits")) {
            JsonNode process = hit.path("_source").path("process");
            present.put(process.path("pid").asInt(), process.path("name").asString());
        }
        return present;
    }

    /** All of the host's process documents, present or removed. */
    static long processDocuments(String hostId) {
        return cluster.send("POST", "/agent7-process/_count", "{\"query\":{\"term\":{\"host.id\":\"" + hostId + "\"}}}")
                .path("count")
                .asLong();
    }

    /**
     * The detections instance running a rule killed with SIGKILL: the other takes the rule over
     * within one lease (30 s) and a run interval, its windows go on from where the dead one's
     * ended (no hole, no window run twice), and every planted item raises exactly one alert.
     */
    @Test
    @Order(4)
    void aDetectionsInstanceKilledHandsItsRulesOverWithNoWindowMissedAndNoAlertTwice() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String ruleId = "cluster-handover-" + run;
        createRule(ruleId, ruleId);
        int planted = 0;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        // Items from the first run on: what came before it is older than the rule.
        while (rulesRuns(ruleId).isEmpty()) {
            assertThat(Instant.now()).as("the rule's first run").isBefore(deadline);
            Thread.sleep(1_000);
        }
        for (int i = 0; i < 5; i++) {
            planted += plantProcess(ruleId);
            Thread.sleep(2_000);
        }
        // Each run takes the rule's lease and lets it go when done, so either instance may run
        // the next: the victim is the one that ran it last.
        List<JsonNode> before = rulesRuns(ruleId);
        String holder =
                before.get(before.size() - 1).path("rule_run").path("instance").asString();
        int victim = List.of(detectionsInstance(0), detectionsInstance(1)).indexOf(holder);
        assertThat(victim).as("the instance that ran the rule last: %s", holder).isNotNegative();
        String survivor = detectionsInstance(1 - victim);
        detections.get(victim).kill();
        Instant killed = Instant.now();
        event("killed detections instance " + holder + " (SIGKILL), which ran rule " + ruleId);
        // One lease and two intervals of items after the kill.
        while (Instant.now().isBefore(killed.plus(LEASE).plus(RULE_INTERVAL.multipliedBy(2)))) {
            planted += plantProcess(ruleId);
            Thread.sleep(2_000);
        }
        Instant lastPlanted = Instant.now();
        deadline = lastPlanted.plus(LEASE).plus(Duration.ofSeconds(60));
        while (true) {
            List<JsonNode> runs = rulesRuns(ruleId);
            if (time(runs.get(runs.size() - 1), "window_start").isAfter(lastPlanted.plusSeconds(5))) {
                break;
            }
            assertThat(Instant.now()).as("a window past the last item").isBefore(deadline);
            Thread.sleep(1_000);
        }

        List<JsonNode> runs = rulesRuns(ruleId);
        assertThat(runs)
                .allSatisfy(r -> assertThat(r.path("rule_run").path("outcome").asString())
                        .isEqualTo("success"));
        for (int i = 1; i < runs.size(); i++) {
            Instant previousEnd = time(runs.get(i - 1), "window_end");
            Instant start = time(runs.get(i), "window_start");
            assertThat(start)
                    .as("run %d starts no later than the previous window's end (no hole)", i)
                    .isBeforeOrEqualTo(previousEnd);
            assertThat(start)
                    .as("run %d repeats no more than the overlap (no window run twice)", i)
                    .isAfterOrEqualTo(previousEnd.minus(RULE_OVERLAP));
        }
        List<JsonNode> after = runs.stream()
                .filter(r -> Instant.parse(r.path("@timestamp").asString()).isAfter(killed))
                .toList();
        assertThat(after)
                .as("runs started after the kill: the survivor's alone")
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.path("rule_run").path("instance").asString())
                        .isEqualTo(survivor));
        Instant firstAfter = Instant.parse(after.get(0).path("@timestamp").asString());
        double movedAfter = Duration.between(killed, firstAfter).toMillis() / 1e3;
        long alerts = alertsOf(ruleId);
        event(String.format(
                "rule %s: %d runs before the kill, then %s's first %.1f s after it and %d in all; %d items planted,"
                        + " %d alerts, no hole, no window twice",
                ruleId, runs.size() - after.size(), survivor, movedAfter, after.size(), planted, alerts));
        assertThat(movedAfter)
                .as("seconds from the kill to the survivor's first run: within a lease and an interval")
                .isLessThanOrEqualTo(LEASE.plus(RULE_INTERVAL).plusSeconds(5).toSeconds());
        assertThat(alerts).as("alerts: one per planted item").isEqualTo(planted);
    }

    @Test
    @Order(5)
    void everyServiceDidItsWorkWithItsRoleAloneAndLoggedNoCredential() throws Exception {
        JsonNode runs = cluster.send(
                "POST",
                "/agent7-rule-runs/_search",
                "{\"size\":0,\"aggs\":{\"instances\":{\"terms\":{\"field\":\"rule_run.instance\"}},"
                        + "\"outcomes\":{\"terms\":{\"field\":\"rule_run.outcome\"}}}}");
        assertThat(runs.path("aggregations").path("instances").path("buckets").size())
                .as("detections instances that ran rules: %s", runs)
                .isEqualTo(2);
        // Runs fail while the cluster has no master (they are tried again after), and then only.
        JsonNode failed = cluster.send(
                        "POST",
                        "/agent7-rule-runs/_search",
                        "{\"size\":1000,\"query\":{\"term\":{\"rule_run.outcome\":\"failure\"}}}")
                .path("hits")
                .path("hits");
        event(failed.size() + " rule runs failed (none but while the cluster had no master)");
        for (JsonNode hit : failed) {
            JsonNode run = hit.path("_source");
            assertThat(Instant.parse(run.path("@timestamp").asString()))
                    .as("a failed rule run, started while the cluster had no master (or a lease before): %s", run)
                    .isAfterOrEqualTo(noMaster[0].minus(LEASE))
                    .isBeforeOrEqualTo(noMaster[1]);
            assertThat(run.path("rule_run").path("error").asString())
                    .as("a failed rule run: %s", run)
                    .doesNotContainIgnoringCase("security_exception")
                    .doesNotContainIgnoringCase("unauthorized");
        }
        // The ingest API creates a day's metric index by writing its first sample (yesterday's here).
        io.agent7.agent.state.Credentials agent = FleetSupport.enroll(
                ingest.get(0).url("/"), SITE_KEY, Files.createTempDirectory("agent7-e2e-cluster-metric"));
        ObjectNode sample = JsonNodeFactory.instance.objectNode();
        Instant yesterday = Instant.now().minus(Duration.ofDays(1));
        sample.putObject("system_metric").put("sampled_at", Values.formatDate(yesterday));
        var answer = new io.agent7.agent.transport.ServerClient(agent, "e2e", java.time.Clock.systemUTC())
                .post(new Batch(
                        UUID.randomUUID().toString(),
                        Batch.Mode.DIFF,
                        Schema.standard().require("system_metric"),
                        Instant.now(),
                        List.of(sample),
                        List.of()));
        assertThat(answer.created())
                .as("a sample of yesterday written: %s", answer)
                .isEqualTo(1);
        DataType metric = Schema.standard().require("system_metric");
        String yesterdaysIndex =
                metric.dailyIndex(yesterday.atZone(ZoneOffset.UTC).toLocalDate());
        // Retention, run by both detections instances as they started: the old day and the old item are gone.
        JsonNode days = cluster.send("GET", "/_alias/" + metric.index(), null);
        event("system_metric days: " + days.propertyNames());
        assertThat(days.propertyNames()).contains(yesterdaysIndex).doesNotContain(metric.dailyIndex(OLD_DAY));
        assertThat(cluster.send("GET", "/agent7-process/_doc/" + OLD_ITEM + "?routing=old", null)
                        .path("found")
                        .asBoolean())
                .as("an item removed 100 days ago")
                .isFalse();
        for (ServiceProcess instance : detections) {
            String log = Files.readString(instance.log());
            assertThat(log)
                    .as("%s's log", instance.log())
                    .contains("Retention pass:")
                    .doesNotContain("Retention pass failed");
        }
        List<ServiceProcess> services = new ArrayList<>(ingest);
        services.add(console);
        services.addAll(detections);
        for (ServiceProcess service : services) {
            String log = Files.readString(service.log());
            assertThat(log).as("%s's log", service.log()).doesNotContain("security_exception", "unauthorized for user");
            for (String password : passwords.values()) {
                assertThat(log)
                        .as("%s's log names no credential", service.log())
                        .doesNotContain(password);
            }
        }
    }

    /**
     * A token one ingest API issued is taken by the other (they share the signing keys), and an
     * agent revoked on one is refused by the other within its revocation refresh (15 s).
     */
    @Test
    @Order(6)
    void aTokenOfOneInstanceIsTakenByTheOtherAndARevocationReachesItInTime() throws Exception {
        Path state = Files.createTempDirectory("agent7-e2e-cluster-revoked");
        io.agent7.agent.state.Credentials first =
                FleetSupport.enroll(ingest.get(0).url("/"), SITE_KEY, state);
        io.agent7.agent.state.Credentials atSecond = new io.agent7.agent.state.Credentials(
                ingest.get(1).url("/"),
                first.agentId(),
                first.hostId(),
                first.refreshToken(),
                first.caPem(),
                first.commandKeyPem());
        var other = new io.agent7.agent.transport.ServerClient(atSecond, "e2e", java.time.Clock.systemUTC());
        other.post(FleetSupport.processSnapshot(UUID.randomUUID().toString(), List.of()));

        FleetSupport.admin(ingest.get(0).url("/"), "POST", "/api/v1/admin/agents/" + first.agentId() + "/revoke", "");
        long revoked = System.nanoTime();
        io.agent7.agent.transport.ServerException refused = null;
        while (refused == null
                && System.nanoTime() - revoked < Duration.ofSeconds(30).toNanos()) {
            try {
                other.post(FleetSupport.processSnapshot(UUID.randomUUID().toString(), List.of()));
                Thread.sleep(250);
            } catch (io.agent7.agent.transport.ServerException e) {
                refused = e;
            }
        }
        double seconds = (System.nanoTime() - revoked) / 1e9;
        event(String.format("the other ingest API refused the revoked agent %.1f s after the revocation", seconds));
        assertThat(refused).as("the other instance refused the revoked agent").isNotNull();
        assertThat(refused.unauthorized()).as(refused.getMessage()).isTrue();
        assertThat(seconds).as("seconds until the other instance refused it").isLessThanOrEqualTo(16);
    }

    /**
     * One ingest API killed with SIGKILL while a bulk of its is in flight: the hosts that used it
     * go on with the other (each knows both), send again what was not acknowledged, and the index
     * ends as it would have without the fault. Last: the API stays dead.
     */
    @Test
    @Order(7)
    void anIngestApiKilledMidBulkLosesNothingItsHostsFailOver() throws Exception {
        try (Fleet fleet = Fleet.start(true)) {
            fleet.awaitAllPosting(System.nanoTime(), RECOVERY, "the start");
            ElasticsearchFaultIT.awaitBulkInFlight(ingest.get(0));
            ingest.get(0).kill();
            long killed = System.nanoTime();
            event("killed the first ingest API (SIGKILL) with a bulk in flight");
            fleet.awaitAllPosting(killed, RECOVERY, "the ingest API's kill");
            event(String.format(
                    "every host posting again %.1f s after the kill, through the other ingest API",
                    (System.nanoTime() - killed) / 1e9));
            Thread.sleep(3_000);
            long failedOver = fleet.hosts.stream()
                    .filter(host -> host.server().equals(ingest.get(1).url("/")))
                    .count();
            assertThat(failedOver).as("hosts posting through the surviving API").isEqualTo(HOSTS);
            long resent =
                    fleet.hosts.stream().mapToLong(PostingHost::failedOver).sum();
            event(resent + " requests sent again on the surviving ingest API after the other could not be reached");
            assertThat(resent)
                    .as("requests sent again: at least the first of each of the dead API's hosts")
                    .isGreaterThanOrEqualTo(HOSTS / 2);
            fleet.finish("an ingest API killed");
        }
    }

    /** The detections instances' names, as they sign their leases and runs. */
    static String detectionsInstance(int index) {
        return "detections-" + (index + 1);
    }

    /** A custom rule through the console's API, as an analyst would add it. */
    static void createRule(String id, String processName) throws Exception {
        String yaml = """
                id: %s
                name: Process %s
                description: A process of the hand-over test runs.
                severity: medium
                interval: %ds
                overlap: %ds
                type: query
                query: {types: [process], text: "process.name,eq,%s"}
                """.formatted(id, processName, RULE_INTERVAL.toSeconds(), RULE_OVERLAP.toSeconds(), processName);
        java.net.http.HttpResponse<String> response = FleetSupport.HTTP.send(
                java.net.http.HttpRequest.newBuilder(console.url("/api/v1/rules"))
                        .header("Authorization", TestAccounts.adminBasic())
                        .header("Content-Type", "application/yaml")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(yaml))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** One process item named {@code name} on its own host, stamped now as the ingest API stamps items. */
    static int plantProcess(String name) {
        String now = Instant.now().toString();
        String host = name + "-host";
        String doc = "{\"@timestamp\":\"" + now + "\",\"event\":{\"ingested\":\"" + now + "\"},"
                + "\"agent7\":{\"type\":\"process\",\"present\":true},"
                + "\"host\":{\"id\":\"" + host + "\",\"name\":\"" + host + "\"},"
                + "\"process\":{\"pid\":1,\"name\":\"" + name + "\",\"executable\":\"/tmp/"
                + UUID.randomUUID() + "\"}}";
        JsonNode answer = cluster.send("POST", "/agent7-process/_doc?routing=" + host, doc);
        assertThat(answer.path("result").asString()).as("%s", answer).isEqualTo("created");
        return 1;
    }

    /** The rule's run records, oldest window first. */
    static List<JsonNode> rulesRuns(String ruleId) {
        cluster.send("POST", "/agent7-rule-runs/_refresh", null);
        JsonNode hits = cluster.send(
                        "POST",
                        "/agent7-rule-runs/_search",
                        "{\"size\":1000,\"query\":{\"term\":{\"rule.id\":\"" + ruleId + "\"}},"
                                + "\"sort\":[{\"rule_run.window_start\":\"asc\"},{\"@timestamp\":\"asc\"}]}")
                .path("hits")
                .path("hits");
        List<JsonNode> runs = new ArrayList<>();
        hits.forEach(h -> runs.add(h.path("_source")));
        return runs;
    }

    static long alertsOf(String ruleId) {
        cluster.send("POST", "/agent7-alerts/_refresh", null);
        return cluster.send("POST", "/agent7-alerts/_count", "{\"query\":{\"term\":{\"rule.id\":\"" + ruleId + "\"}}}")
                .path("count")
                .asLong();
    }

    static Instant time(JsonNode run, String field) {
        return Instant.parse(run.path("rule_run").path(field).asString());
    }

    /** The index of the node that holds the primary of {@code index}'s first shard. */
    static int nodeHoldingPrimary(String index) {
        JsonNode shards = cluster.send("GET", "/_cat/shards/" + index + "?format=json&h=prirep,node,state", null);
        for (JsonNode shard : shards.path("body")) {
            if ("p".equals(shard.path("prirep").asString())) {
                String node = shard.path("node").asString();
                for (int i = 0; i < cluster.nodes().size(); i++) {
                    if (node.equals("cluster-faults-" + (i + 1))) {
                        return i;
                    }
                }
            }
        }
        throw new AssertionError("no primary of " + index + " in " + shards);
    }

    /** What the console's query API counts of a host's processes, as an analyst would ask. */
    static long consoleCount(String hostId) throws Exception {
        java.net.http.HttpResponse<String> response = FleetSupport.HTTP.send(
                java.net.http.HttpRequest.newBuilder(
                                console.url("/api/v1/process?getcount=true&filter=host.id,eq," + hostId))
                        .header("Authorization", TestAccounts.adminBasic())
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return FleetSupport.JSON.readTree(response.body()).path("total").asLong();
    }

    static Path repositoryFile(String path) {
        Path file = AgentScriptSecretsTest.repositoryRoot().resolve(path);
        assertThat(file).exists();
        return file;
    }

    /** Hosts posting through both ingest APIs, half through each. */
    static final class Fleet implements AutoCloseable {

        final List<PostingHost> hosts = new ArrayList<>();

        static Fleet start() throws Exception {
            return start(false);
        }

        /** With {@code failover}, each host knows both APIs, its own first; without, only its own. */
        static Fleet start(boolean failover) throws Exception {
            Fleet fleet = new Fleet();
            // Enrolled together: one by one, each waits for the enrollment index's refresh.
            List<java.util.concurrent.Future<PostingHost>> enrolling = new ArrayList<>();
            var pool = java.util.concurrent.Executors.newFixedThreadPool(HOSTS);
            try {
                for (int i = 0; i < HOSTS; i++) {
                    List<java.net.URI> apis = failover
                            ? List.of(
                                    ingest.get(i % 2).url("/"),
                                    ingest.get((i + 1) % 2).url("/"))
                            : List.of(ingest.get(i % 2).url("/"));
                    enrolling.add(pool.submit(() -> PostingHost.start(apis, SITE_KEY, BATCH, PACE)));
                }
                for (var host : enrolling) {
                    fleet.hosts.add(host.get());
                }
            } finally {
                pool.shutdown();
            }
            return fleet;
        }

        void awaitAllPosting(long since, Duration limit, String after) {
            try {
                Awaitility.await()
                        .atMost(limit)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> hosts.stream().allMatch(h -> h.acknowledgedSince(since)));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                long stuck =
                        hosts.stream().filter(h -> !h.acknowledgedSince(since)).count();
                throw new AssertionError(stuck + " of " + hosts.size() + " hosts had no post acknowledged within "
                        + limit.toSeconds() + " s after " + after + ". Events: " + events);
            }
        }

        /** Stops the hosts and compares what they sent, what was acknowledged and what the index holds. */
        void finish(String what) throws Exception {
            for (PostingHost host : hosts) {
                assertThat(host.stop(RECOVERY))
                        .as("host %s got its last batch acknowledged", host.hostId())
                        .isTrue();
            }
            JsonNode refreshed = cluster.send("POST", "/agent7-process/_refresh", null);
            assertThat(refreshed.path("_shards").path("failed").asInt())
                    .as("refresh: %s", refreshed)
                    .isZero();
            long sent = 0;
            long acknowledged = 0;
            long found = 0;
            long posts = 0;
            long resent = 0;
            for (PostingHost host : hosts) {
                assertThat(host.unexpected())
                        .as("answers no retry fixes, host %s", host.hostId())
                        .isEmpty();
                assertThat(host.bareServerErrors())
                        .as("5xx answers without Retry-After, host %s", host.hostId())
                        .isEmpty();
                JsonNode count = cluster.send(
                        "POST",
                        "/agent7-process/_count",
                        "{\"query\":{\"term\":{\"host.id\":\"" + host.hostId() + "\"}}}");
                long inIndex = count.path("count").asLong();
                assertThat(consoleCount(host.hostId()))
                        .as("the console's count of host %s's processes", host.hostId())
                        .isEqualTo(inIndex);
                assertThat(inIndex)
                        .as(
                                "documents of host %s in the index (sent %d, acknowledged %d); events: %s",
                                host.hostId(), host.sentDocuments(), host.acknowledgedDocuments(), events)
                        .isEqualTo(host.acknowledgedDocuments())
                        .isEqualTo(host.sentDocuments());
                sent += host.sentDocuments();
                acknowledged += host.acknowledgedDocuments();
                found += inIndex;
                posts += host.posts();
                resent += host.resentDocuments();
            }
            System.out.printf(
                    "ClusterFaultIT, %s: %d documents sent (%d posts, %d documents sent again after a failed post),"
                            + " %d acknowledged, %d found in the index%n",
                    what, sent, posts, resent, acknowledged, found);
            assertThat(found).isEqualTo(acknowledged).isEqualTo(sent).isPositive();
        }

        @Override
        public void close() {
            hosts.forEach(PostingHost::close);
        }
    }
}
