package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.agent.state.Credentials;
import io.agent7.agent.transport.ServerClient;
import io.agent7.agent.transport.ServerException;
import io.agent7.testkit.ElasticsearchNode;
import io.agent7.testkit.ServiceProcess;
import io.agent7.testkit.TestAccounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Elasticsearch is killed with SIGKILL while agents post and comes back half a minute later. The
 * ingest API answers 503 with Retry-After meanwhile; every agent keeps collecting, spools,
 * retries, and in the end the index holds exactly what each agent has, one document per
 * item ever seen.
 */
class ElasticsearchOutageIT {

    static final int AGENTS = 8;
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    @Test
    void agentsRetryThroughAnOutageAndNothingIsLostOrDuplicated() throws Exception {
        try (ElasticsearchNode es = ElasticsearchNode.start("outage")) {
            Path serverState = Files.createTempDirectory("agent7-e2e-outage-server");
            Map<String, String> env = Map.of(
                    "AGENT7_ELASTICSEARCH_URL",
                    es.url().toString(),
                    "AGENT7_STATE_DIR",
                    serverState.toString(),
                    "AGENT7_BOOTSTRAP_ADMIN_PASSWORD",
                    TestAccounts.ADMIN_PASSWORD,
                    "AGENT7_RETRY_AFTER",
                    RETRY_AFTER.toSeconds() + "s");
            // A short write timeout: a post waits this long for Elasticsearch before its 503.
            try (ServiceProcess ingest = ServiceProcess.start("ingest-api", env, "--agent7.ingest.write-timeout=5s")) {
                String siteKey = FleetSupport.fastGroupSiteKey(ingest.url("/"));
                List<FakeProcesses> hosts = new ArrayList<>();
                List<Credentials> credentials = new ArrayList<>();
                List<FleetSupport.Running> agents = new ArrayList<>();
                try {
                    for (int i = 0; i < AGENTS; i++) {
                        FakeProcesses processes = FakeProcesses.running(40);
                        Path state = Files.createTempDirectory("agent7-e2e-outage-agent");
                        Credentials c = FleetSupport.enroll(ingest.url("/"), siteKey, state);
                        hosts.add(processes);
                        credentials.add(c);
                        agents.add(FleetSupport.start(c, state, processes));
                    }
                    // A host that posts by hand, to see the API's answer itself; its token is fetched
                    // now, while Elasticsearch (which keeps the refresh credentials) is there.
                    ServerClient probe = new ServerClient(
                            FleetSupport.enroll(
                                    ingest.url("/"), siteKey, Files.createTempDirectory("agent7-e2e-outage-probe")),
                            "e2e",
                            Clock.systemUTC());
                    assertThat(probe.post(FleetSupport.processSnapshot("probe-0", List.of(probeDocument())))
                                    .created())
                            .isEqualTo(1);
                    awaitIndexMatches(es, hosts, credentials, Duration.ofSeconds(90));

                    es.kill();
                    assertThatThrownBy(
                                    () -> probe.post(FleetSupport.processSnapshot("probe-1", List.of(probeDocument()))))
                            .as("a post while Elasticsearch is down")
                            .isInstanceOfSatisfying(ServerException.class, e -> {
                                assertThat(e.status()).isEqualTo(503);
                                assertThat(e.serverSaid())
                                        .as("Retry-After sent")
                                        .isTrue();
                                assertThat(e.retryAfter()).isEqualTo(RETRY_AFTER);
                            });
                    // Half a minute of outage while the hosts keep changing (ClusterFaultIT holds a
                    // cluster without a master for two).
                    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (System.nanoTime() < until) {
                        hosts.forEach(FakeProcesses::replaceAnOriginal);
                        Thread.sleep(4_000);
                    }
                    for (int i = 0; i < AGENTS; i++) {
                        assertThat(agents.get(i).runtime().spool().size())
                                .as("batches agent %d holds, unacknowledged, at the end of the outage", i)
                                .isPositive();
                    }
                    es.startAgain();

                    awaitIndexMatches(es, hosts, credentials, Duration.ofSeconds(180));
                    for (int i = 0; i < AGENTS; i++) {
                        FleetSupport.Indexed indexed = FleetSupport.indexed(
                                es.url(), credentials.get(i).hostId());
                        assertThat(indexed.total())
                                .as("documents of host %d: one per process ever seen", i)
                                .isEqualTo(hosts.get(i).everSeen().size());
                    }
                } finally {
                    for (FleetSupport.Running agent : agents) {
                        agent.close();
                    }
                }
            }
        }
    }

    private static ObjectNode probeDocument() {
        ObjectNode document = FleetSupport.JSON.createObjectNode();
        document.putObject("process")
                .put("pid", 1)
                .put("start", FakeProcesses.START)
                .put("name", "probe");
        return document;
    }

    private static void awaitIndexMatches(
            ElasticsearchNode es, List<FakeProcesses> hosts, List<Credentials> credentials, Duration limit) {
        Awaitility.await().atMost(limit).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (int i = 0; i < hosts.size(); i++) {
                assertThat(FleetSupport.indexed(es.url(), credentials.get(i).hostId())
                                .present())
                        .as("host %d", i)
                        .isEqualTo(hosts.get(i).current());
            }
        });
    }
}
