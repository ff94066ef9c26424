package io.agent7.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The systemd unit `install` writes: its JVM options must all mean something to a current JDK 17. */
class UnitFileTest {

    static String unit() {
        return AgentUnit.text();
    }

    @Test
    void everyJvmOptionIsKnownToThisJdk() throws Exception {
        List<String> options = new ArrayList<>(AgentUnit.jvmOptions(unit()));
        // The unit tolerates older JDK 17 builds; here, on a current one, nothing may be ignored.
        assertThat(options.remove("-XX:+IgnoreUnrecognizedVMOptions")).isTrue();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor()).as(output).isZero();
        assertThat(output).doesNotContainIgnoringCase("warning").doesNotContainIgnoringCase("unrecognized");
    }

    @Test
    void placeholdersAreOnlyTheOnesInstallFillsIn() throws Exception {
        String rest = unit().replace("@JAVA@", "").replace("@JAR@", "").replace("@STATE@", "");
        assertThat(rest).doesNotContain("@");
        assertThat(unit()).contains("Environment=MALLOC_ARENA_MAX=2");
    }

    @Test
    void withoutSystemdTheAgentGetsTheUnitsEnvironmentAndOptions() {
        String line =
                AgentUnit.shellCommand(unit(), "/usr/bin/java", "/opt/agent7/agent.jar", Path.of("/var/lib/agent7"));
        assertThat(line)
                .startsWith("MALLOC_ARENA_MAX=2 /usr/bin/java -XX:+IgnoreUnrecognizedVMOptions ")
                .contains(" -Xmx160m ", " -XX:SharedArchiveFile=/var/lib/agent7/agent.jsa ")
                .endsWith(" -jar /opt/agent7/agent.jar run --state-dir /var/lib/agent7")
                .doesNotContain("@");
    }
}
