package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.AgentUnit;
import io.agent7.agent.ClassArchive;
import io.agent7.agent.Installer;
import io.agent7.agent.state.Credentials;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.ServiceProcess;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestElasticsearch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code install} and {@code uninstall} with the real agent jar against a real ingest API, in
 * a folder standing in for {@code /opt} and {@code /etc/systemd/system} and with a
 * {@code systemctl} that records its calls and answers as on a host without systemd. Install
 * writes the unit with its placeholders filled, stops a running agent before the training
 * run, whose first round reaches the server and writes the class-data archive; the unit's
 * JVM then maps the agent's classes from that archive.
 */
@ExtendWith(ElasticsearchExtension.class)
class InstallIT {

    static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void installTrainsTheArchiveTheUnitsJvmMapsAndUninstallRemovesWhatInstallWrote() throws Exception {
        Path serverState = Files.createTempDirectory("agent7-e2e-install-server");
        Path agentState = Files.createTempDirectory("agent7-e2e-install-agent");
        Path root = Files.createTempDirectory("agent7-e2e-install-root");
        Installer.Layout layout =
                new Installer.Layout(root.resolve("opt/agent7"), root.resolve("agent7-agent.service"));
        List<String> systemctl = new ArrayList<>();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Installer installer = new Installer(new PrintStream(printed, true, StandardCharsets.UTF_8), layout, args -> {
            systemctl.add(String.join(" ", args));
            return false; // no systemd here
        });
        Map<String, String> env = Map.of(
                "AGENT7_ELASTICSEARCH_URL",
                TestElasticsearch.url().toString(),
                "AGENT7_STATE_DIR",
                serverState.toString(),
                "AGENT7_BOOTSTRAP_ADMIN_PASSWORD",
                TestAccounts.ADMIN_PASSWORD);
        try (ServiceProcess ingest = ServiceProcess.start("ingest-api", env)) {
            Credentials credentials =
                    FleetSupport.enroll(ingest.url("/"), FleetSupport.fastGroupSiteKey(ingest.url("/")), agentState);

            installer.install(ServiceProcess.jar("agent"), agentState);

            Path jar = layout.home().resolve("agent.jar");
            assertThat(jar).hasSameBinaryContentAs(ServiceProcess.jar("agent"));
            String unit = Files.readString(layout.unit());
            assertThat(unit)
                    .doesNotContain("@JAVA@", "@JAR@", "@STATE@")
                    .contains(
                            "ExecStart=" + JAVA + " ",
                            " -XX:SharedArchiveFile=" + agentState.resolve(ClassArchive.FILE) + " ",
                            " -jar " + jar + " run --state-dir " + agentState + "\n");
            assertThat(systemctl)
                    .as("stopped before the training run; no systemd, so not enabled")
                    .containsExactly("stop agent7-agent.service", "daemon-reload");
            Path archive = agentState.resolve(ClassArchive.FILE);
            assertThat(archive).exists();
            assertThat(Files.size(archive)).isGreaterThan(1 << 20);
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("Wrote " + archive)
                    .contains("systemd is not running here: start the agent with "
                            + AgentUnit.shellCommand(AgentUnit.text(), JAVA, jar.toString(), agentState));
            // The training run was a real first round: this host's processes are in.
            assertThat(FleetSupport.indexed(TestElasticsearch.url(), credentials.hostId())
                            .present())
                    .isNotEmpty();

            assertTheUnitsJvmRunsTheAgentFromTheArchive(jar, agentState);
        }

        systemctl.clear();
        installer.uninstall(agentState, false);

        assertThat(systemctl).containsExactly("disable --now agent7-agent.service", "daemon-reload");
        assertThat(layout.unit()).doesNotExist();
        assertThat(layout.home().resolve("agent.jar")).doesNotExist();
        assertThat(agentState.resolve(ClassArchive.FILE)).doesNotExist();
        assertThat(agentState.resolve("credentials.json"))
                .as("kept without --purge")
                .exists();
        installer.uninstall(agentState, true);
        assertThat(agentState).doesNotExist();
    }

    private static void assertTheUnitsJvmRunsTheAgentFromTheArchive(Path jar, Path agentState) throws Exception {
        // -Xshare:on turns an archive the JVM cannot use into an error instead of a silent fallback.
        // A second round (check-in, every collector, the posts) under the unit's JVM and the archive:
        List<String> command = AgentUnit.command(
                AgentUnit.text(),
                JAVA,
                jar.toString(),
                agentState,
                List.of("-Xshare:on", "-Xlog:class+load=info"),
                "run",
                "--once",
                "--state-dir",
                agentState.toString());
        Process agent = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(agent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(agent.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(agent.exitValue()).as(output).isZero();
        assertThat(output)
                .containsPattern("io\\.agent7\\.agent\\.Main source: shared objects file")
                .containsPattern("io\\.agent7\\.schema\\.JsonTrees source: shared objects file")
                .containsPattern("tools\\.jackson\\.databind\\.node\\.ObjectNode source: shared objects file");
        // The agent handles JSON as trees only: an object mapper's first use loads about a thousand
        // classes (several megabytes resident) that the agent never needs.
        assertThat(output)
                .as("no object mapper on the agent's path")
                .doesNotContain("tools.jackson.databind.ObjectMapper ");
    }
}
