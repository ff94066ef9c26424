package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.ProcessCollector;
import io.agent7.agent.state.HostFacts;
import io.agent7.agent.transport.ServerClient;
import io.agent7.protocol.Batch;
import io.agent7.protocol.BatchAnswer;
import io.agent7.schema.Schema;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.ServiceProcess;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import oshi.SystemInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole path on this machine: the real agent collects this host's processes, posts them
 * to the ingest API (its built jar, in its own JVM), they land in the real Elasticsearch,
 * and the query API (also its jar) returns them filtered.
 */
@ExtendWith(ElasticsearchExtension.class)
class ThinSliceIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SITE_KEY = "sk_e2e_" + UUID.randomUUID();

    static ServiceProcess ingest;
    static ServiceProcess search;

    @BeforeAll
    static void startServices() throws Exception {
        String es = TestElasticsearch.url().toString();
        Path state = Files.createTempDirectory("agent7-e2e-ingest");
        ingest = ServiceProcess.start(
                "ingest-api",
                Map.of(
                        "AGENT7_ELASTICSEARCH_URL", es,
                        "AGENT7_STATE_DIR", state.toString(),
                        "AGENT7_BOOTSTRAP_SITE_KEY", SITE_KEY));
        // Plain HTTP on loopback, which the console serves only when asked to by name; ExposureIT
        // runs it over HTTPS, as ./agent7 up does.
        search = ServiceProcess.start(
                "search-ui",
                Map.of("AGENT7_ELASTICSEARCH_URL", es, "AGENT7_BOOTSTRAP_ADMIN_PASSWORD", TestAccounts.ADMIN_PASSWORD),
                "--agent7.console.plain-http=true",
                "--server.address=127.0.0.1");
    }

    @AfterAll
    static void stopServices() {
        if (search != null) {
            search.close();
        }
        if (ingest != null) {
            ingest.close();
        }
    }

    @Test
    void agentProcessesAreSearchableAndRepostingChangesNothing() throws Exception {
        HostFacts real = HostFacts.detect(new SystemInfo());
        // A machine id of its own, so that this run's documents are apart from any other run's.
        HostFacts host = new HostFacts(
                "e2e-" + UUID.randomUUID(),
                real.hostName(),
                real.osFamily(),
                real.osName(),
                real.osVersion(),
                real.kernel());
        ServerClient.Enrolled enrolled = ServerClient.enroll(ingest.url("/"), SITE_KEY, host, "e2e", null);
        String hostId = enrolled.credentials().hostId();
        ServerClient agent = new ServerClient(enrolled.credentials(), "e2e", Clock.systemUTC());

        List<ObjectNode> processes =
                new ProcessCollector(Schema.standard(), new SystemInfo().getOperatingSystem()).collect();
        long myPid = ProcessHandle.current().pid();
        assertThat(processes)
                .anySatisfy(
                        p -> assertThat(p.path("process").path("pid").asLong()).isEqualTo(myPid));
        Instant collectedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        BatchAnswer first = agent.post(snapshot("b-1", collectedAt, processes));
        assertThat(first.created()).isEqualTo(processes.size());
        TestElasticsearch.refresh("agent7-process");
        long countAfterFirst = countForHost(hostId);
        assertThat(countAfterFirst).isEqualTo(processes.size());

        // The query API finds this very JVM among the host's java processes.
        JsonNode javas = query("process.name,eq,java;host.id,eq," + hostId);
        assertThat(javas.path("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(javas.path("items")
                        .valueStream()
                        .map(i -> i.path("process").path("pid").asLong()))
                .contains(myPid);
        assertThat(javas.path("items")
                        .valueStream()
                        .map(i -> i.path("process").path("name").asString()))
                .containsOnly("java");
        // Stored nulls (values an item lost) stay out of answers.
        assertThat(javas.path("items").toString()).doesNotContain(":null");

        // The same snapshot again: same documents, nothing written.
        BatchAnswer second = agent.post(snapshot("b-1", collectedAt, processes));
        assertThat(second.created()).isZero();
        assertThat(second.updated()).isZero();
        assertThat(second.unchanged()).isEqualTo(processes.size());
        TestElasticsearch.refresh("agent7-process");
        assertThat(countForHost(hostId)).isEqualTo(countAfterFirst);

        // A later snapshot without one process marks it removed; the count of documents stays.
        ObjectNode gone = processes.get(processes.size() - 1);
        List<ObjectNode> later = processes.subList(0, processes.size() - 1);
        BatchAnswer third = agent.post(snapshot("b-2", collectedAt.plusSeconds(60), later));
        assertThat(third.removed()).isEqualTo(1);
        TestElasticsearch.refresh("agent7-process");
        assertThat(countForHost(hostId)).isEqualTo(countAfterFirst);
        long gonePid = gone.path("process").path("pid").asLong();
        JsonNode removed = query("host.id,eq," + hostId, "state=removed");
        assertThat(removed.path("total").asLong()).isEqualTo(1);
        assertThat(removed.path("items").get(0).path("process").path("pid").asLong())
                .isEqualTo(gonePid);
        assertThat(query("host.id,eq," + hostId).path("total").asLong()).isEqualTo(processes.size() - 1);
    }

    private static long countForHost(String hostId) {
        return TestElasticsearch.count("agent7-process", "{\"term\":{\"host.id\":\"" + hostId + "\"}}");
    }

    private static JsonNode query(String filter, String... extra) throws Exception {
        StringBuilder path = new StringBuilder("/api/v1/process?limit=1000&filter=")
                .append(URLEncoder.encode(filter, StandardCharsets.UTF_8));
        for (String e : extra) {
            path.append('&').append(e);
        }
        URI uri = search.url(path.toString());
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", TestAccounts.adminBasic())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Batch snapshot(String id, Instant collectedAt, List<ObjectNode> processes) {
        return new Batch(
                id, Batch.Mode.SNAPSHOT, Schema.standard().require("process"), collectedAt, processes, List.of());
    }
}
