package io.agent7.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassArchiveTest {

    static final Path STATE = Path.of("/var/lib/agent7");

    @Test
    void theUnitMapsTheArchiveInTheStateFolder() {
        assertThat(AgentUnit.jvmOptions(AgentUnit.text(), STATE))
                .contains("-XX:SharedArchiveFile=" + STATE.resolve(ClassArchive.FILE))
                .noneMatch(option -> option.contains("@"));
    }

    @Test
    void theTrainingRunsTheFirstRoundUnderTheUnitsOptionsAndListsTheClassesInsteadOfMapping() {
        String unit = AgentUnit.text();
        Path list = STATE.resolve("agent.classlist");
        List<String> command = ClassArchive.training(unit, "/usr/bin/java", "/opt/agent7/agent.jar", STATE, list);

        List<String> unitOptions = unitOptionsWithoutArchive(unit);
        assertThat(command.get(0)).isEqualTo("/usr/bin/java");
        assertThat(command.subList(1, 1 + unitOptions.size())).isEqualTo(unitOptions);
        assertThat(command)
                .contains("-XX:DumpLoadedClassList=" + list)
                .noneMatch(option -> option.startsWith("-XX:SharedArchiveFile="));
        assertThat(command.subList(command.size() - 6, command.size()))
                .containsExactly("-jar", "/opt/agent7/agent.jar", "run", "--once", "--state-dir", STATE.toString());
    }

    @Test
    void theDumpWritesTheListedClassesIntoTheTargetUnderTheUnitsOptions() {
        String unit = AgentUnit.text();
        Path list = STATE.resolve("agent.classlist");
        Path target = STATE.resolve("agent.jsa.partial");
        List<String> command = ClassArchive.dump(unit, "/usr/bin/java", "/opt/agent7/agent.jar", STATE, list, target);

        List<String> unitOptions = unitOptionsWithoutArchive(unit);
        assertThat(command.subList(1, 1 + unitOptions.size())).isEqualTo(unitOptions);
        assertThat(command.subList(1 + unitOptions.size(), command.size()))
                .containsExactly(
                        "-Xshare:dump",
                        "-XX:SharedClassListFile=" + list,
                        "-XX:SharedArchiveFile=" + target,
                        "-jar",
                        "/opt/agent7/agent.jar");
    }

    private static List<String> unitOptionsWithoutArchive(String unit) {
        return AgentUnit.jvmOptions(unit, STATE).stream()
                .filter(option -> !option.startsWith("-XX:SharedArchiveFile="))
                .toList();
    }

    @Test
    void anArchiveTheJvmDoesNotShareIsNoticed() {
        List<String> configured = List.of("-Xmx48m", "-XX:SharedArchiveFile=/var/lib/agent7/agent.jsa");
        assertThat(ClassArchive.configuredButUnused(configured, "mixed mode, sharing"))
                .isFalse();
        assertThat(ClassArchive.configuredButUnused(configured, "mixed mode")).isTrue();
        assertThat(ClassArchive.configuredButUnused(configured, null)).isTrue();
        assertThat(ClassArchive.configuredButUnused(List.of("-Xmx48m"), "mixed mode"))
                .isFalse();
    }
}
