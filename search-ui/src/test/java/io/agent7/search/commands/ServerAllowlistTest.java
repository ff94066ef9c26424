package io.agent7.search.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.protocol.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerAllowlistTest {

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @TempDir
    Path lists;

    static Command run(String... argv) {
        return new Command(
                "c", "h", Command.Action.RUN, List.of(argv), Map.of(), false, Duration.ofSeconds(5), 10, T0, T0, "n");
    }

    static Command action(Command.Action action) {
        return new Command("c", "h", action, List.of(), Map.of(), false, Duration.ofSeconds(5), 10, T0, T0, "n");
    }

    ServerAllowlist read() {
        return new ServerAllowlist(new CommandsProperties(null, lists, null, null, null, null, null));
    }

    @Test
    void withoutFilesRespondersAndAdminsHaveTheBuiltInActionsEverywhereAndOthersNothing() {
        ServerAllowlist allowlist =
                new ServerAllowlist(new CommandsProperties(null, null, null, null, null, null, null));
        assertThat(allowlist
                        .permission("ann", List.of("responder"), action(Command.Action.KILL_PROCESS))
                        .everywhere())
                .isTrue();
        ServerAllowlist.Permission uptime = allowlist.permission("ann", List.of("admin"), run("/usr/bin/uptime"));
        assertThat(uptime.nowhere()).isTrue();
        assertThat(uptime.refusal()).isEqualTo("running /usr/bin/uptime is not allowed for ann");
        ServerAllowlist.Permission analyst =
                allowlist.permission("bob", List.of("analyst"), action(Command.Action.PROCESS_LIST));
        assertThat(analyst.refusal()).isEqualTo("only responders and admins may send commands");
    }

    @Test
    void aGroupsPartHoldsOnThatGroupsHostsOnTopOfWhatTheFileAllowsEverywhere() throws IOException {
        Files.writeString(lists.resolve("responder.properties"), """
                actions=process_list,file_info
                group.workstations.actions=kill_process
                group.web.run.restart.path=/usr/bin/systemctl
                group.web.run.restart.args=restart (nginx|php-fpm)
                group.eu.web 2.actions=get_file
                """);
        ServerAllowlist allowlist = read();
        List<String> responder = List.of("responder");

        assertThat(allowlist
                        .permission("ann", responder, action(Command.Action.PROCESS_LIST))
                        .everywhere())
                .isTrue();

        ServerAllowlist.Permission kill = allowlist.permission("ann", responder, action(Command.Action.KILL_PROCESS));
        assertThat(kill.everywhere()).isFalse();
        assertThat(kill.groups()).containsExactly("workstations");
        assertThat(kill.allows("workstations")).isTrue();
        assertThat(kill.allows("web")).isFalse();
        assertThat(kill.allows(null)).isFalse();
        assertThat(kill.refusal()).isEqualTo("the action kill_process is not allowed for ann");

        assertThat(allowlist
                        .permission("ann", responder, run("/usr/bin/systemctl", "restart", "nginx"))
                        .groups())
                .containsExactly("web");
        // The group's part names what it allows and nothing else: no built-in action by default.
        assertThat(allowlist
                        .permission("ann", responder, action(Command.Action.LIST_DIRECTORY))
                        .nowhere())
                .isTrue();
        assertThat(allowlist
                        .permission("ann", responder, run("/usr/bin/systemctl", "stop", "nginx"))
                        .nowhere())
                .isTrue();
        // A group's name may hold dots and spaces, as host groups' names do.
        assertThat(allowlist
                        .permission("ann", responder, action(Command.Action.GET_FILE))
                        .groups())
                .containsExactly("eu.web 2");
    }

    @Test
    void rolesAndThePersonsOwnListAddUpGroupByGroup() throws IOException {
        Files.writeString(lists.resolve("responder.properties"), "actions=none\ngroup.web.actions=kill_process\n");
        Files.writeString(lists.resolve("user-Ann.properties"), "actions=none\ngroup.db.actions=kill_process\n");
        Files.writeString(lists.resolve("admin.properties"), "actions=kill_process\n");
        ServerAllowlist allowlist = read();
        Command kill = action(Command.Action.KILL_PROCESS);

        assertThat(allowlist.permission("ann", List.of("responder"), kill).groups())
                .containsExactly("db", "web");
        assertThat(allowlist.permission("bob", List.of("responder"), kill).groups())
                .containsExactly("web");
        assertThat(allowlist
                        .permission("ann", List.of("responder", "admin"), kill)
                        .everywhere())
                .isTrue();
    }

    @Test
    void aBadGroupSettingStopsTheStartNamingIt() throws IOException {
        Files.writeString(
                lists.resolve("responder.properties"),
                "group.web.action=kill_process\ngroup.db.actions=reboot\ngroup.db.run.x.args=-n\n");
        assertThatThrownBy(this::read)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'group.web.action' is not group.<name>.actions");
        Files.writeString(lists.resolve("responder.properties"), "group.db.actions=reboot\ngroup.db.run.x.args=-n\n");
        assertThatThrownBy(this::read)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("responder.properties (group db)")
                .hasMessageContaining("reboot")
                .hasMessageContaining("run.x.path is required");
    }
}
