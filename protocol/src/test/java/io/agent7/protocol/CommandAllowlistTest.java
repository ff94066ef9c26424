package io.agent7.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandAllowlistTest {

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    static Command run(boolean shell, String... argv) {
        return new Command(
                "c", "h", Command.Action.RUN, List.of(argv), Map.of(), shell, Duration.ofSeconds(5), 10, T0, T0, "n");
    }

    static Command action(Command.Action action) {
        return new Command("c", "h", action, List.of(), Map.of(), false, Duration.ofSeconds(5), 10, T0, T0, "n");
    }

    static final CommandAllowlist JOURNAL = new CommandAllowlist(
            Set.of(Command.Action.PROCESS_LIST),
            List.of(
                    CommandAllowlist.Executable.of(
                            "/usr/bin/journalctl", List.of("-u", "[a-z0-9@._-]+", "-n", "\\d{1,4}")),
                    CommandAllowlist.Executable.of("/usr/bin/uptime", List.of()),
                    CommandAllowlist.Executable.of("/usr/bin/systemctl", List.of("status", "..."))),
            false);

    @Test
    void argumentsMatchPositionByPositionAndWhole() {
        assertThat(JOURNAL.check(run(false, "/usr/bin/journalctl", "-u", "ssh.service", "-n", "50")))
                .isEmpty();
        assertThat(JOURNAL.check(run(false, "/usr/bin/uptime"))).isEmpty();
        assertThat(JOURNAL.check(run(false, "/usr/bin/systemctl", "status", "ssh", "cron")))
                .isEmpty();
        assertThat(JOURNAL.check(run(false, "/usr/bin/systemctl", "status"))).isEmpty();

        assertThat(JOURNAL.check(run(false, "/usr/bin/journalctl", "-u", "ssh.service; rm -rf /", "-n", "50")))
                .contains("the arguments of /usr/bin/journalctl are not allowed");
        assertThat(JOURNAL.check(run(false, "/usr/bin/journalctl", "-u", "ssh", "-n", "50", "--since=1970")))
                .as("one argument too many")
                .isPresent();
        assertThat(JOURNAL.check(run(false, "/usr/bin/uptime", "$(id)"))).isPresent();
        assertThat(JOURNAL.check(run(false, "/usr/bin/systemctl", "stop", "ssh")))
                .isPresent();
        assertThat(JOURNAL.check(run(false, "uptime"))).contains("running uptime is not allowed");
        assertThat(JOURNAL.check(run(false, "/bin/sh", "-c", "uptime"))).contains("running /bin/sh is not allowed");
    }

    @Test
    void shellModeNeedsItsOwnPermissionAndActionsAreListed() {
        assertThat(JOURNAL.check(run(true, "/usr/bin/uptime"))).contains("shell mode is not allowed");
        CommandAllowlist shell = new CommandAllowlist(Set.of(), List.of(), true);
        assertThat(shell.check(run(true, "uptime; id"))).isEmpty();

        assertThat(JOURNAL.check(action(Command.Action.PROCESS_LIST))).isEmpty();
        assertThat(JOURNAL.check(action(Command.Action.GET_FILE))).contains("the action get_file is not allowed");
        assertThat(CommandAllowlist.builtInsOnly().check(action(Command.Action.KILL_PROCESS)))
                .isEmpty();
        assertThat(CommandAllowlist.builtInsOnly().check(run(false, "/usr/bin/uptime")))
                .isPresent();
        assertThat(CommandAllowlist.none().check(action(Command.Action.PROCESS_LIST)))
                .isPresent();
        assertThat(new CommandAllowlist(Set.of(Command.Action.RUN), List.of(), false).actions())
                .as("run is allowed by executables, not by name")
                .isEmpty();
    }

    @Test
    void aBadEntryIsNamed() {
        assertThatThrownBy(() -> CommandAllowlist.Executable.of("journalctl", List.of()))
                .hasMessageContaining("absolute path")
                .hasMessageContaining("journalctl");
        assertThatThrownBy(() -> CommandAllowlist.Executable.of("/usr/bin/x", List.of("[unclosed")))
                .hasMessageContaining("'[unclosed' of /usr/bin/x");
        assertThat(CommandAllowlist.Executable.of("C:\\Windows\\System32\\ipconfig.exe", List.of("/all"))
                        .path())
                .endsWith("ipconfig.exe");
    }
}
