package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.runtime.AgentRuntime;
import io.agent7.agent.state.Credentials;
import io.agent7.agent.state.HostFacts;
import io.agent7.agent.transport.ServerClient;
import io.agent7.protocol.Batch;
import io.agent7.protocol.CheckinReport;
import io.agent7.schema.Schema;
import io.agent7.testkit.ServiceProcess;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What the agent-level end-to-end tests share: groups with fast policies, agents, and index checks. */
final class FleetSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The agents' retries are expected here; their warnings would bury the test output (-Dagent7.e2e.agent-log=INFO shows them). */
    private static final java.util.logging.Logger AGENT_LOG = quiet();

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.agent7.agent");
        logger.setLevel(java.util.logging.Level.parse(System.getProperty("agent7.e2e.agent-log", "SEVERE")));
        return logger;
    }

    private FleetSupport() {}

    /** A site key for a new group whose policy runs only the process collector, every 10 s. */
    static String fastGroupSiteKey(URI ingest) throws Exception {
        String group = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode policy = admin(ingest, "PUT", "/api/v1/admin/policies/" + group, """
                {"checkin": {"min": "5s", "max": "5s"},
                 "collectors": {"process": {"interval": "10s"}, "logged_on_user": {"enabled": false},
                                "network_connection": {"enabled": false}, "system_metric": {"enabled": false}}}
                """);
        assertThat(policy.path("version").asLong()).isEqualTo(1);
        JsonNode key = admin(
                ingest, "POST", "/api/v1/admin/site-keys", "{\"name\":\"" + group + "\",\"group\":\"" + group + "\"}");
        return key.path("site_key").asString();
    }

    static JsonNode admin(URI ingest, String method, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(ingest.resolve(path))
                        .header("Authorization", TestAccounts.adminBasic())
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    /** Enrolls a new host and keeps its credentials in {@code stateDir}, as `agent enroll` does. */
    static Credentials enroll(URI ingest, String siteKey, Path stateDir) throws Exception {
        return enroll(List.of(ingest), siteKey, stateDir);
    }

    /** The same with several ingest APIs, as `agent enroll --server URL,URL` does: the first that answers first. */
    static Credentials enroll(List<URI> ingest, String siteKey, Path stateDir) throws Exception {
        String machine = "e2e-" + UUID.randomUUID();
        HostFacts facts =
                new HostFacts(machine, "e2e-" + machine.substring(4, 12), "linux", "Debian GNU/Linux", "12", "6.1");
        ServerClient.Enrolled enrolled = ServerClient.enroll(ingest, siteKey, facts, "e2e", null);
        Files.createDirectories(stateDir);
        enrolled.credentials().save(stateDir);
        return Credentials.load(stateDir);
    }

    /** The real agent runtime with the given collector, on its own thread. */
    /** A snapshot of processes collected now, as an agent posts it. */
    static Batch processSnapshot(String id, List<ObjectNode> processes) {
        return new Batch(
                id, Batch.Mode.SNAPSHOT, Schema.standard().require("process"), Instant.now(), processes, List.of());
    }

    static Running start(Credentials credentials, Path stateDir, FakeProcesses processes) throws Exception {
        AgentRuntime runtime = new AgentRuntime(
                new ServerClient(credentials, "e2e", Clock.systemUTC()),
                List.of(processes),
                stateDir,
                64L * 1024 * 1024,
                Clock.systemUTC(),
                "e2e",
                () -> CheckinReport.Host.named("e2e"));
        Thread thread = new Thread(
                () -> {
                    try {
                        runtime.run(false);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "e2e-agent");
        thread.start();
        return new Running(runtime, thread);
    }

    record Running(AgentRuntime runtime, Thread thread) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            runtime.stop();
            thread.join(30_000);
        }
    }

    /**
     * How the host's process documents were written: how many there are, their lowest and
     * highest pid, and how many Elasticsearch wrote more than once ({@code _version} above 1).
     * A batch sent again with the same items and time is a no-op for every item it holds
     * ({@code detect_noop}), so an item written twice is a write the ingest path repeated.
     */
    record Written(long count, long minPid, long maxPid, long rewritten) {}

    static Written written(URI es, String hostId) {
        TestElasticsearch.send(es, "POST", "/agent7-process/_refresh", null);
        String host = "{\"term\":{\"host.id\":\"" + hostId + "\"}}";
        JsonNode stats = TestElasticsearch.send(
                        es,
                        "POST",
                        "/agent7-process/_search",
                        "{\"size\":0,\"track_total_hits\":true,\"query\":" + host
                                + ",\"aggs\":{\"pid\":{\"stats\":{\"field\":\"process.pid\"}}}}")
                .path("aggregations")
                .path("pid");
        long rewritten = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            JsonNode hits = TestElasticsearch.send(
                            es,
                            "POST",
                            "/agent7-process/_search",
                            "{\"size\":5000,\"_source\":false,\"version\":true,\"query\":" + host
                                    + ",\"sort\":[{\"process.pid\":\"asc\"}],\"search_after\":[" + after + "]}")
                    .path("hits")
                    .path("hits");
            if (hits.isEmpty()) {
                break;
            }
            for (JsonNode hit : hits) {
                rewritten += hit.path("_version").asLong() > 1 ? 1 : 0;
                after = hit.path("sort").get(0).asLong();
            }
        }
        return new Written(
                stats.path("count").asLong(),
                stats.path("min").asLong(),
                stats.path("max").asLong(),
                rewritten);
    }

    /** pid → name of the host's documents that are present, and the number of all its documents. */
    record Indexed(Map<Integer, String> present, long total) {}

    static Indexed indexed(URI es, String hostId) {
        TestElasticsearch.send(es, "POST", "/agent7-process/_refresh", null);
        JsonNode response = TestElasticsearch.send(
                es,
                "POST",
                "/agent7-process/_search",
                "{\"size\":10000,\"query\":{\"term\":{\"host.id\":\"" + hostId + "\"}}}");
        if (response == null || !response.has("hits")) {
            throw new AssertionError("search failed: " + response);
        }
        JsonNode hits = response.path("hits");
        Map<Integer, String> present = new TreeMap<>();
        for (JsonNode hit : hits.path("hits")) {
            JsonNode source = hit.path("_source");
            if (source.path("agent7").path("present").asBoolean()) {
                present.put(
                        source.path("process").path("pid").asInt(),
                        source.path("process").path("name").asString());
            }
        }
        return new Indexed(present, hits.path("total").path("value").asLong());
    }

    /**
     * The search console from its jar on the run's node, with the test administrator, over
     * plain HTTP on loopback (which the console serves only when asked to by name; ExposureIT
     * runs it over HTTPS, as ./agent7 up does); {@code more} are further settings.
     */
    static ServiceProcess plainConsole(String... more) {
        List<String> args = new ArrayList<>(List.of("--agent7.console.plain-http=true", "--server.address=127.0.0.1"));
        args.addAll(List.of(more));
        return ServiceProcess.start(
                "search-ui",
                Map.of(
                        "AGENT7_ELASTICSEARCH_URL",
                        TestElasticsearch.url().toString(),
                        "AGENT7_BOOTSTRAP_ADMIN_PASSWORD",
                        TestAccounts.ADMIN_PASSWORD),
                args.toArray(String[]::new));
    }

    /** Closes what started, last first, skipping what never did. */
    static void closeAll(AutoCloseable... started) throws Exception {
        for (int i = started.length - 1; i >= 0; i--) {
            if (started[i] != null) {
                started[i].close();
            }
        }
    }
}
