package io.agent7.agent.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.agent.collect.windows.WindowsCommandLine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceDefinitionTest {

    private static final String JAVA = "C:\\Program Files\\Eclipse Adoptium\\jdk-17.0.12.7-hotspot\\bin\\java.exe";
    private static final String JAR = "C:\\Program Files\\Agent7\\agent.jar";
    private static final String STATE = "D:\\Agent7 State\\";

    private static ServiceDefinition agent() {
        return ServiceDefinition.forAgent(Path.of(JAVA), Path.of(JAR), Path.of(STATE));
    }

    @Test
    void theServiceRunsTheInstalledJarsServiceCommandOnTheStateFolder() {
        List<String> args = WindowsCommandLine.split(agent().binaryPath());

        assertThat(args.get(0)).isEqualTo(JAVA);
        assertThat(args.subList(args.size() - 5, args.size()))
                .containsExactly(
                        "-jar", JAR, "service", "--state-dir", Path.of(STATE).toString());
    }

    @Test
    void theProgramIsQuotedSoThatWindowsNeverTriesCProgramExe() {
        assertThat(agent().binaryPath()).startsWith("\"" + JAVA + "\" ");
        assertThat(ServiceDefinition.commandLine(List.of("C:\\java\\bin\\java.exe", "-version")))
                .isEqualTo("\"C:\\java\\bin\\java.exe\" -version");
    }

    @Test
    void theUnitsJvmOptionsApplyButTheClassArchiveAndTheJvmIgnoresLogoff() {
        List<String> args = WindowsCommandLine.split(agent().binaryPath());

        assertThat(args).contains("-Xmx160m", "-XX:+UseSerialGC", "-Xrs");
        assertThat(args).noneMatch(a -> a.contains("SharedArchiveFile") || a.contains("@"));
    }

    @Test
    void aProgramPathWithAQuoteIsRefused() {
        assertThatThrownBy(() -> ServiceDefinition.commandLine(List.of("C:\\a\"b\\java.exe")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("C:\\a\"b\\java.exe");
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "C:\\Agent7|C:\\Agent7",
                "C:\\Program Files\\Agent7|\"C:\\Program Files\\Agent7\"",
                "C:\\Program Files\\Agent7\\|\"C:\\Program Files\\Agent7\\\\\"",
                "say \"hi\"|\"say \\\"hi\\\"\"",
                "a\\\\\"b c|\"a\\\\\\\\\\\"b c\"",
                "tab\there|\"tab\there\"",
                "C:\\x\\y\\|C:\\x\\y\\",
                "''|\"\"",
            })
    void argumentsAreQuotedAsCommandLineToArgvWReadsThem(String arg, String quoted) {
        assertThat(ServiceDefinition.quote(arg)).isEqualTo(quoted);
        assertThat(WindowsCommandLine.split("\"C:\\p.exe\" " + quoted)).containsExactly("C:\\p.exe", arg);
    }

    @Test
    void aFailedAgentRestartsTwiceADayThenStaysStopped() {
        assertThat(agent().failureActions())
                .containsExactly(
                        new ServiceDefinition.Action(ServiceDefinition.Action.RESTART, 10_000),
                        new ServiceDefinition.Action(ServiceDefinition.Action.RESTART, 60_000),
                        new ServiceDefinition.Action(ServiceDefinition.Action.NONE, 0));
        assertThat(agent().resetSeconds()).isEqualTo(86_400);
        assertThat(agent().name()).isEqualTo("agent7-agent");
    }
}
