package io.agent7.agent.collect.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronTablesTest {

    private static List<CronTables.Entry> systemTable(String text) {
        List<CronTables.Entry> entries = new ArrayList<>();
        CronTables.parse(text, "/etc/crontab", "crontab", null, entries);
        return entries;
    }

    private static List<CronTables.Entry> userTable(String text) {
        List<CronTables.Entry> entries = new ArrayList<>();
        CronTables.parse(text, "/var/spool/cron/crontabs/alice", "crontab", "alice", entries);
        return entries;
    }

    @Test
    void aSystemTableHasAUserColumnAfterFiveScheduleFields() {
        CronTables.Entry entry = systemTable("17 *\t* * *\troot    cd / && run-parts --report /etc/cron.hourly\n")
                .get(0);
        assertThat(entry.schedule()).isEqualTo("17 * * * *");
        assertThat(entry.user()).isEqualTo("root");
        assertThat(entry.command()).isEqualTo("cd / && run-parts --report /etc/cron.hourly");
        assertThat(entry.location()).isEqualTo("/etc/crontab:1");
        assertThat(entry.userTable()).isFalse();
    }

    @Test
    void aUserTableHasNoUserColumn() {
        CronTables.Entry entry = userTable("*/15 * * * * sync-notes --quiet\n").get(0);
        assertThat(entry.user()).isEqualTo("alice");
        assertThat(entry.command()).isEqualTo("sync-notes --quiet");
        assertThat(entry.userTable()).isTrue();
    }

    @Test
    void commentsBlankLinesAndAssignmentsAreNoJobsButLineNumbersCountThem() {
        List<CronTables.Entry> entries = systemTable("""
                # comment
                SHELL=/bin/sh
                MAILTO = "ops@example.com"

                   # indented comment
                0 1 * * * root /bin/true
                """);
        assertThat(entries).extracting(CronTables.Entry::line).containsExactly(6);
    }

    @Test
    void aPathAssignmentAppliesToTheJobsAfterIt() {
        List<CronTables.Entry> entries = userTable("""
                0 1 * * * early
                PATH = "/opt/bin:/usr/bin"
                0 2 * * * late
                """);
        assertThat(entries.get(0).searchPath()).isEqualTo(CommandLine.CRON_PATH);
        assertThat(entries.get(1).searchPath()).containsExactly("/opt/bin", "/usr/bin");
    }

    @Test
    void cronHasNoContinuationLinesSoABackslashStaysAndTheNextLineStandsAlone() {
        List<CronTables.Entry> entries = systemTable(
                "0 4 * * * root /usr/bin/long-command \\\n--continued-arg\n" + "5 4 * * * root /usr/bin/next\n");
        assertThat(entries)
                .extracting(CronTables.Entry::command)
                .containsExactly("/usr/bin/long-command \\", "/usr/bin/next");
        assertThat(entries).extracting(CronTables.Entry::line).containsExactly(1, 3);
    }

    @Test
    void atKeywordsTakeThePlaceOfTheFiveFields() {
        List<CronTables.Entry> entries =
                systemTable("@reboot root /usr/local/bin/on-boot.sh\n@daily\tbob\t/usr/bin/report\n");
        assertThat(entries).extracting(CronTables.Entry::schedule).containsExactly("@reboot", "@daily");
        assertThat(entries.get(0).atReboot()).isTrue();
        assertThat(entries.get(1).user()).isEqualTo("bob");
        assertThat(userTable("@reboot /home/alice/bin/start-agent.sh\n").get(0).command())
                .isEqualTo("/home/alice/bin/start-agent.sh");
    }

    @ParameterizedTest
    @CsvSource(
            value = {
                "61 * * * * root x; false",
                "* 24 * * * root x; false",
                "* * 0 * * root x; false",
                "* * * 13 * root x; false",
                "* * * * 8 root x; false",
                "@every root x; false",
                "0 4 * * * root; false",
                "0-59/5 0,12 1-31 jan-dec mon-fri root x; true",
                "*/5 * * * 7 root x; true",
            },
            delimiter = ';')
    void onlySchedulesCronAcceptsAreJobs(String line, boolean isJob) {
        assertThat(systemTable(line + "\n")).hasSize(isJob ? 1 : 0);
    }

    @Test
    void theShellCommandEndsAtTheFirstUnescapedPercentSign() {
        CronTables.Entry entry = systemTable("0 0 1 * * root echo \"monthly\" | mail -s report root%body\\%line\n")
                .get(0);
        CommandLine command = CronTables.command(entry, new Root(java.nio.file.Path.of("/nonexistent-root")));
        assertThat(command.text()).isEqualTo("echo \"monthly\" | mail -s report root%body\\%line");
        assertThat(command.args()).containsExactly("echo", "monthly", "|", "mail", "-s", "report", "root");
    }

    @ParameterizedTest
    @CsvSource({
        "backup, true",
        "backup.dpkg-old, false",
        "backup.dpkg-dist, false",
        "job~, false",
        ".hidden, false",
        "job.rpmnew, false",
        "e2scrub_all, true",
        "0hourly, true"
    })
    void cronSkipsBackupsAndPackageLeftoversInItsDirectories(String name, boolean runs) {
        assertThat(CronTables.runsAsTable(name)).isEqualTo(runs);
    }
}
