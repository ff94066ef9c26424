package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.state.Credentials;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.ServiceProcess;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestElasticsearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server goes away while the agent keeps collecting, and the agent is restarted before
 * the server returns: every spooled batch arrives once, and nothing already acknowledged
 * comes back as new documents.
 */
@ExtendWith(ElasticsearchExtension.class)
class AgentRestartIT {

    @Test
    void spooledBatchesArriveOnceAfterServerOutageAndAgentRestart() throws Exception {
        Path serverState = Files.createTempDirectory("agent7-e2e-restart-server");
        Path agentState = Files.createTempDirectory("agent7-e2e-restart-agent");
        Map<String, String> env = Map.of(
                "AGENT7_ELASTICSEARCH_URL",
                TestElasticsearch.url().toString(),
                "AGENT7_STATE_DIR",
                serverState.toString(),
                "AGENT7_BOOTSTRAP_ADMIN_PASSWORD",
                TestAccounts.ADMIN_PASSWORD);
        FakeProcesses processes = new FakeProcesses();
        for (int pid = 1; pid <= 50; pid++) {
            processes.set(pid, "p" + pid);
        }
        Credentials credentials;
        int port;
        try (ServiceProcess ingest = ServiceProcess.start("ingest-api", env)) {
            port = ingest.port();
            credentials =
                    FleetSupport.enroll(ingest.url("/"), FleetSupport.fastGroupSiteKey(ingest.url("/")), agentState);
            try (FleetSupport.Running agent = FleetSupport.start(credentials, agentState, processes)) {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .untilAsserted(
                                () -> assertThat(FleetSupport.indexed(TestElasticsearch.url(), credentials.hostId())
                                                .present())
                                        .isEqualTo(processes.current()));
                ingest.close(); // the server goes away

                for (int pid = 1; pid <= 10; pid++) {
                    processes.remove(pid);
                }
                for (int pid = 11; pid <= 20; pid++) {
                    processes.set(pid, "p" + pid + "-renamed");
                }
                for (int pid = 51; pid <= 70; pid++) {
                    processes.set(pid, "p" + pid);
                }
                Awaitility.await()
                        .atMost(Duration.ofSeconds(40))
                        .until(() -> agent.runtime().spool().size() >= 1);
                for (int pid = 71; pid <= 80; pid++) {
                    processes.set(pid, "p" + pid);
                }
                Awaitility.await()
                        .atMost(Duration.ofSeconds(40))
                        .until(() -> agent.runtime().spool().size() >= 2);
            } // the agent stops with its spool full
        }
        assertThat(Files.list(agentState.resolve("spool")).count()).isGreaterThanOrEqualTo(2);

        // The server returns on the same port, and the agent starts again from its state folder.
        try (ServiceProcess ingest = ServiceProcess.startOnPort("ingest-api", port, env);
                FleetSupport.Running agent = FleetSupport.start(Credentials.load(agentState), agentState, processes)) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> agent.runtime().spool().size() == 0);
            FleetSupport.Indexed indexed = FleetSupport.indexed(TestElasticsearch.url(), credentials.hostId());
            assertThat(indexed.present()).isEqualTo(processes.current());
            assertThat(indexed.present())
                    .hasSize(70)
                    .containsEntry(15, "p15-renamed")
                    .containsEntry(80, "p80");
            // 80 distinct processes ever: one document each, whatever was retried or resent.
            assertThat(indexed.total()).isEqualTo(80);
        }
    }
}
