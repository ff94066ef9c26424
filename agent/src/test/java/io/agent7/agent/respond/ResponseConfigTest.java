package io.agent7.agent.respond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.protocol.Command;
import io.agent7.protocol.CommandAllowlist;
import io.agent7.protocol.SettingsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseConfigTest {

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    static Properties properties(String text) {
        return SettingsFile.parse(text, "response.properties");
    }

    static Command run(String... argv) {
        return new Command(
                "c", "h", Command.Action.RUN, List.of(argv), Map.of(), false, Duration.ofSeconds(5), 10, T0, T0, "n");
    }

    static Command action(Command.Action action) {
        return new Command("c", "h", action, List.of(), Map.of(), false, Duration.ofSeconds(5), 10, T0, T0, "n");
    }

    @Test
    void withoutAFileEveryBuiltInAndNothingToRun(@TempDir Path state) throws Exception {
        CommandAllowlist list = ResponseConfig.load(state);
        assertThat(list.check(action(Command.Action.GET_FILE))).isEmpty();
        assertThat(list.check(run("/usr/bin/uptime"))).isPresent();
        assertThat(list.shell()).isFalse();
    }

    @Test
    void theOwnerNamesActionsAndExecutablesWithTheirArguments() throws Exception {
        CommandAllowlist list = ResponseConfig.parse(properties("""
                        actions=process_list, file_info
                        run.journal.path=/usr/bin/journalctl
                        run.journal.args=-u [a-z0-9@._-]+ -n \\d{1,4}
                        run.uptime.path=/usr/bin/uptime
                        """), "response.properties");
        assertThat(list.actions()).containsExactlyInAnyOrder(Command.Action.PROCESS_LIST, Command.Action.FILE_INFO);
        assertThat(list.check(action(Command.Action.GET_FILE))).isPresent();
        assertThat(list.check(run("/usr/bin/journalctl", "-u", "ssh.service", "-n", "100")))
                .isEmpty();
        assertThat(list.check(run("/usr/bin/journalctl", "-u", "ssh.service", "-n", "x")))
                .isPresent();
        assertThat(list.check(run("/usr/bin/uptime"))).isEmpty();
        assertThat(ResponseConfig.parse(properties("actions=none"), "f").actions())
                .isEmpty();
    }

    @Test
    void everyBadSettingIsNamedAtOnce() {
        assertThatThrownBy(() -> ResponseConfig.parse(properties("""
                                actions=process_list,format_disk,run
                                run.x.args=-a
                                run.y.path=relative/tool
                                shell=maybe
                                colour=blue
                                """), "response.properties"))
                .hasMessageContaining("response.properties")
                .hasMessageContaining("unknown action 'format_disk'")
                .hasMessageContaining("run is allowed by run.<name>.path entries")
                .hasMessageContaining("run.x.path is required")
                .hasMessageContaining("run.y: an allowed executable is named by its absolute path")
                .hasMessageContaining("shell must be true or false")
                .hasMessageContaining("unknown setting 'colour'");
    }

    @Test
    void aFileOthersMayWriteIsRefused(@TempDir Path state) throws Exception {
        Path file = state.resolve(ResponseConfig.FILE);
        Files.writeString(file, "shell=true\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThatThrownBy(() -> ResponseConfig.load(state)).hasMessageContaining("chmod go-w");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(ResponseConfig.load(state).shell()).isTrue();
    }
}
