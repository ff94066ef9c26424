package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.AgentUnit;
import io.agent7.agent.ClassArchive;
import io.agent7.agent.state.Credentials;
import io.agent7.testkit.ServiceProcess;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestElasticsearch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@code install} does before it starts the service: the real agent jar's first round,
 * under the unit's JVM options, writes the class-data archive; the unit's JVM then maps the
 * agent's classes from it instead of loading them.
 */
class ClassArchiveIT {

    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void theTrainingRunSendsTheFirstRoundAndTheUnitsJvmMapsTheAgentFromTheArchive() throws Exception {
        Path serverState = Files.createTempDirectory("agent7-e2e-cds-server");
        Path agentState = Files.createTempDirectory("agent7-e2e-cds-agent");
        String jar = ServiceProcess.jar("agent").toString();
        String unit = AgentUnit.text();
        Map<String, String> env = Map.of("AGENT7_ELASTICSEARCH_URL", TestElasticsearch.url().toString(),
                "AGENT7_STATE_DIR", serverState.toString(), "AGENT7_BOOTSTRAP_ADMIN_PASSWORD", TestAccounts.ADMIN_PASSWORD);
        try (ServiceProcess ingest = ServiceProcess.start("ingest-api", env)) {
            Credentials credentials = FleetSupport.enroll(ingest.url("/"), FleetSupport.fastGroupSiteKey(ingest.url("/")), agentState);
            Path archive = ClassArchive.write(unit, JAVA, jar, agentState, Duration.ofMinutes(2));
            assertThat(archive).isEqualTo(agentState.resolve(ClassArchive.FILE));
            assertThat(Files.size(archive)).isGreaterThan(1 << 20);
            // The training run was a real first round: this host's processes are in.
            assertThat(FleetSupport.indexed(TestElasticsearch.url(), credentials.hostId()).present()).isNotEmpty();
            assertTheUnitsJvmRunsTheAgentFromTheArchive(unit, jar, agentState);
        }
    }

    private static void assertTheUnitsJvmRunsTheAgentFromTheArchive(String unit, String jar, Path agentState)
            throws Exception {
        // -Xshare:on turns an archive the JVM cannot use into an error instead of a silent fallback.
        // A second round (check-in, every collector, the posts) under the unit's JVM and the archive:
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(AgentUnit.jvmOptions(unit, agentState));
        command.addAll(List.of("-Xshare:on", "-Xlog:class+load=info", "-jar", jar, "run", "--once", "--state-dir",
                agentState.toString()));
        Process agent = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(agent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(agent.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(agent.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("io\\.agent7\\.agent\\.Main source: shared objects file \\(top\\)")
                .containsPattern("io\\.agent7\\.schema\\.JsonTrees source: shared objects file \\(top\\)")
                .containsPattern("tools\\.jackson\\.databind\\.node\\.ObjectNode source: shared objects file \\(top\\)");
        // The agent handles JSON as trees only: an object mapper's first use loads about a thousand
        // classes (several megabytes resident) that the agent never needs.
        assertThat(output).as("no object mapper on the agent's path").doesNotContain("tools.jackson.databind.ObjectMapper ");
    }
}
