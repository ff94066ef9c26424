package io.agent7.agent.collect.windows.config;

import static io.agent7.agent.collect.Fields.assertConforms;
import static io.agent7.agent.collect.windows.config.ServiceMappingTest.JSON;
import static io.agent7.agent.collect.windows.config.ServiceMappingTest.parsed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class TaskMappingTest {

    static final TaskMapping MAPPING = new TaskMapping(
            Map.of("windir", "C:\\Windows", "SystemRoot", "C:\\Windows", "ProgramFiles", "C:\\Program Files"),
            path -> false,
            ZoneId.of("Europe/Paris"));

    /** 2026-12-02 03:01 as an OLE automation DATE. */
    static final double DEC_2_0301 = 46358 + 181.0 / 1440;
    /** 2026-12-09 03:01. */
    static final double DEC_9_0301 = 46365 + 181.0 / 1440;
    /** What LastRunTime holds for a task that never ran: 1999-11-30. */
    static final double NEVER = 36494;

    static TaskTrigger trigger(int type, String start, String every, int days, int weeks, int dow, int dom, int wom) {
        return new TaskTrigger(type, true, start, every, days, weeks, dow, dom, wom, null);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                arguments(
                        "a weekly Microsoft task as SYSTEM, its %windir% path expanded",
                        new RegisteredTask(
                                "\\Microsoft\\Windows\\Defrag\\ScheduledDefrag",
                                "ScheduledDefrag",
                                true,
                                3,
                                DEC_2_0301,
                                DEC_9_0301,
                                0,
                                false,
                                "Microsoft Corporation",
                                "This task optimizes local storage drives.",
                                new TaskPrincipal("SYSTEM", null, 5, 1, "S-1-5-18", "SYSTEM", "NT AUTHORITY"),
                                List.of(TaskAction.exec("%windir%\\system32\\defrag.exe", "-c -h -o -$", null)),
                                List.of(trigger(3, "2020-01-01T03:01:00", null, 0, 1, 1 << 3, 0, 0))),
                        """
                        {"scheduled_task": {"name": "ScheduledDefrag",
                          "path": "\\\\Microsoft\\\\Windows\\\\Defrag\\\\ScheduledDefrag",
                          "folder": "\\\\Microsoft\\\\Windows\\\\Defrag", "source": "task_scheduler",
                          "hidden": false, "enabled": true, "state": "ready",
                          "last_run": "2026-12-02T02:01:00.000Z", "next_run": "2026-12-09T02:01:00.000Z",
                          "last_result": 0, "run_level": "highest", "schedule": "At 03:01 every Wednesday",
                          "author": "Microsoft Corporation",
                          "description": "This task optimizes local storage drives.",
                          "account_type": "system", "privileged": true},
                         "process": {"command_line": "%windir%\\\\system32\\\\defrag.exe -c -h -o -$",
                          "executable": "C:\\\\Windows\\\\system32\\\\defrag.exe",
                          "args": ["C:\\\\Windows\\\\system32\\\\defrag.exe", "-c", "-h", "-o", "-$"], "args_count": 5},
                         "user": {"name": "SYSTEM", "id": "S-1-5-18", "domain": "NT AUTHORITY"}}
                        """),
                arguments(
                        "a hidden COM handler task that never ran, run by the Users group",
                        new RegisteredTask(
                                "\\Microsoft\\Windows\\DiskCleanup\\SilentCleanup",
                                "SilentCleanup",
                                true,
                                3,
                                NEVER,
                                0,
                                0x41303,
                                true,
                                null,
                                null,
                                new TaskPrincipal(null, "S-1-5-32-545", 4, 1, "S-1-5-32-545", "Users", "BUILTIN"),
                                List.of(TaskAction.comHandler("{C1F85EF8-BCC2-4606-BB39-70C523715EB3}", "")),
                                List.of(trigger(6, null, null, 0, 0, 0, 0, 0))),
                        """
                        {"scheduled_task": {"name": "SilentCleanup",
                          "path": "\\\\Microsoft\\\\Windows\\\\DiskCleanup\\\\SilentCleanup",
                          "folder": "\\\\Microsoft\\\\Windows\\\\DiskCleanup", "source": "task_scheduler",
                          "hidden": true, "enabled": true, "state": "ready", "last_result": 267011,
                          "run_level": "highest", "schedule": "When the computer is idle",
                          "account_type": "group", "privileged": false},
                         "user": {"name": "Users", "id": "S-1-5-32-545", "domain": "BUILTIN"}}
                        """),
                arguments(
                        "a root-folder task whose Path has spaces: Task Scheduler runs it whole, so it is quoted",
                        new RegisteredTask(
                                "\\VendorUpdate",
                                "VendorUpdate",
                                true,
                                4,
                                DEC_2_0301,
                                0,
                                0x80070002,
                                false,
                                "CORP\\jdoe",
                                null,
                                new TaskPrincipal("CORP\\jdoe", null, 3, 0, null, null, null),
                                List.of(
                                        TaskAction.comHandler("{00000000-0000-0000-0000-000000000001}", null),
                                        TaskAction.exec(
                                                "C:\\Program Files\\Vendor\\updater.exe",
                                                "/silent \"C:\\Users\\Public\\a b.log\"",
                                                "%ProgramFiles%\\Vendor"),
                                        TaskAction.exec("C:\\Windows\\notepad.exe", null, null)),
                                List.of(
                                        new TaskTrigger(9, true, null, null, 0, 0, 0, 0, 0, null),
                                        trigger(2, "2026-01-01T09:00:00+01:00", "PT1H", 1, 0, 0, 0, 0),
                                        new TaskTrigger(8, false, null, null, 0, 0, 0, 0, 0, null))),
                        """
                        {"scheduled_task": {"name": "VendorUpdate", "path": "\\\\VendorUpdate", "folder": "\\\\",
                          "source": "task_scheduler", "hidden": false, "enabled": true, "state": "running",
                          "last_run": "2026-12-02T02:01:00.000Z", "last_result": 2147942402, "run_level": "limited",
                          "schedule": "At log on of any user; At 09:00 every day, repeating every 1 hour",
                          "author": "CORP\\\\jdoe", "account_type": "user"},
                         "process": {"command_line": "\\"C:\\\\Program Files\\\\Vendor\\\\updater.exe\\" /silent \\"C:\\\\Users\\\\Public\\\\a b.log\\"",
                          "executable": "C:\\\\Program Files\\\\Vendor\\\\updater.exe",
                          "args": ["C:\\\\Program Files\\\\Vendor\\\\updater.exe", "/silent", "C:\\\\Users\\\\Public\\\\a b.log"],
                          "args_count": 3, "working_directory": "C:\\\\Program Files\\\\Vendor"},
                         "user": {"name": "jdoe", "domain": "CORP"}}
                        """),
                arguments(
                        "a principal stored as a well-known SID only, and a non-ASCII name",
                        new RegisteredTask(
                                "\\Sauvegarde — données",
                                "Sauvegarde — données",
                                false,
                                1,
                                0,
                                0,
                                0,
                                false,
                                null,
                                "Copie les données",
                                new TaskPrincipal("S-1-5-19", null, 5, 0, null, null, null),
                                List.of(TaskAction.exec("\"C:\\Outils\\copie.exe\"", null, null)),
                                List.of(
                                        trigger(4, "2026-01-01T22:30:00Z", null, 0, 0, 0, 1 | 1 << 14 | 1 << 31, 0),
                                        trigger(5, "2026-01-01T23:00:00", null, 0, 0, 1 << 5, 0, 1))),
                        """
                        {"scheduled_task": {"name": "Sauvegarde — données", "path": "\\\\Sauvegarde — données",
                          "folder": "\\\\", "source": "task_scheduler", "hidden": false, "enabled": false,
                          "state": "disabled", "last_result": 0, "run_level": "limited",
                          "schedule": "At 22:30 on days 1, 15, the last day of every month; At 23:00 on the first Friday of every month",
                          "description": "Copie les données", "account_type": "service", "privileged": false},
                         "process": {"command_line": "\\"C:\\\\Outils\\\\copie.exe\\"", "executable": "C:\\\\Outils\\\\copie.exe",
                          "args": ["C:\\\\Outils\\\\copie.exe"], "args_count": 1},
                         "user": {"name": "LOCAL SERVICE", "id": "S-1-5-19", "domain": "NT AUTHORITY"}}
                        """),
                arguments(
                        "a principal whose account was deleted: its SID is all there is",
                        new RegisteredTask(
                                "\\Orphan",
                                "Orphan",
                                true,
                                3,
                                0,
                                0,
                                0,
                                false,
                                null,
                                null,
                                new TaskPrincipal(
                                        "S-1-5-21-1004336348-1177238915-682003330-1107", null, 1, 0, null, null, null),
                                List.of(),
                                List.of(trigger(1, "2026-03-04T05:06:07", null, 0, 0, 0, 0, 0))),
                        """
                        {"scheduled_task": {"name": "Orphan", "path": "\\\\Orphan", "folder": "\\\\",
                          "source": "task_scheduler", "hidden": false, "enabled": true, "state": "ready",
                          "last_result": 0, "run_level": "limited", "schedule": "At 05:06 on 2026-03-04",
                          "account_type": "user"},
                         "user": {"id": "S-1-5-21-1004336348-1177238915-682003330-1107"}}
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void mapsWhatTaskSchedulerReturns(String why, RegisteredTask task, String expected) {
        ObjectNode doc = MAPPING.document(task);

        assertThat(parsed(doc)).isEqualTo(JSON.readTree(expected));
        assertConforms("scheduled_task", doc);
    }

    @ParameterizedTest
    @CsvSource({
        "46358.125694444444, 2026-12-02T02:01:00Z",
        "46358.5, 2026-12-02T11:00:00Z",
        // 2026-07-01 12:00 in summer time (UTC+2)
        "46204.5, 2026-07-01T10:00:00Z",
    })
    void readsOleDatesInTheHostsZone(double date, Instant expected) {
        assertThat(TaskMapping.oleDate(date, ZoneId.of("Europe/Paris"))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "36494"})
    void readsNeverFromTheDatesTaskSchedulerUsesForIt(double date) {
        assertThat(TaskMapping.oleDate(date, ZoneId.of("UTC"))).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            PT1H      | 1 hour
            PT12H     | 12 hours
            PT15M     | 15 minutes
            P1DT2H30M | 1 day 2 hours 30 minutes
            PT90S     | 90 seconds
            weird     | weird
            """)
    void putsRepetitionIntervalsInWords(String iso, String words) {
        assertThat(TriggerSummary.duration(iso)).isEqualTo(words);
    }
}
