package io.agent7.agent.collect.windows.config;

import static io.agent7.agent.collect.Fields.assertConforms;
import static io.agent7.agent.collect.windows.config.ComServer.Kind.INPROC_SERVER32;
import static io.agent7.agent.collect.windows.config.ComServer.Kind.LOCAL_SERVER32;
import static io.agent7.agent.collect.windows.config.ComServer.Registration.MACHINE;
import static io.agent7.agent.collect.windows.config.ComServer.Registration.USER;
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

    /** TASK_ACTION_SHOW_MESSAGE, deprecated: the action runs nothing. */
    static final int SHOW_MESSAGE = 7;

    static final String JDOE = "S-1-5-21-1004336348-1177238915-682003330-1105";

    /** The task fields every {@link #comTask} has, as a document writes them, the closing brace left off. */
    static final String COM_TASK = """
            {"name": "Handler", "path": "\\\\Vendor\\\\Handler", "folder": "\\\\Vendor",
             "source": "task_scheduler", "hidden": false, "enabled": true, "state": "ready", "last_result": 0,
             "run_level": "limited", "schedule": "At log on of any user\"""";

    /** A task at logon that does what {@code actions} do, as {@code principal}. */
    static RegisteredTask comTask(TaskPrincipal principal, TaskAction... actions) {
        return new RegisteredTask(
                "\\Vendor\\Handler",
                "Handler",
                true,
                3,
                0,
                0,
                0,
                false,
                null,
                null,
                principal,
                List.of(actions),
                List.of(new TaskTrigger(9, true, null, null, 0, 0, 0, 0, 0, null)));
    }

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
                        "a hidden COM handler task that never ran, run by the Users group, its DLL registered for the machine",
                        new RegisteredTask(
                                "\\Microsoft\\Windows\\Wininet\\CacheTask",
                                "CacheTask",
                                true,
                                3,
                                NEVER,
                                0,
                                0x41303,
                                true,
                                null,
                                null,
                                new TaskPrincipal(null, "S-1-5-32-545", 4, 1, "S-1-5-32-545", "Users", "BUILTIN"),
                                List.of(TaskAction.comHandler(
                                        "{0358B920-0AC7-461F-98F4-58E32CD89148}",
                                        "",
                                        new ComServer(
                                                INPROC_SERVER32, "%SystemRoot%\\system32\\wininet.dll", MACHINE))),
                                List.of(trigger(6, null, null, 0, 0, 0, 0, 0))),
                        """
                        {"scheduled_task": {"name": "CacheTask",
                          "path": "\\\\Microsoft\\\\Windows\\\\Wininet\\\\CacheTask",
                          "folder": "\\\\Microsoft\\\\Windows\\\\Wininet", "source": "task_scheduler",
                          "hidden": true, "enabled": true, "state": "ready", "last_result": 267011,
                          "run_level": "highest", "schedule": "When the computer is idle",
                          "account_type": "group", "privileged": false,
                          "com_handler": {"class_id": "{0358B920-0AC7-461F-98F4-58E32CD89148}", "registered_in": "machine"}},
                         "process": {"executable": "C:\\\\Windows\\\\system32\\\\wininet.dll"},
                         "user": {"name": "Users", "id": "S-1-5-32-545", "domain": "BUILTIN"}}
                        """),
                arguments(
                        "a root-folder task whose Path has spaces: Task Scheduler runs it whole, so it is quoted;"
                                + " a message box before it runs nothing, the actions after it are not described",
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
                                        new TaskAction(SHOW_MESSAGE, null, null, null, null, null, null),
                                        TaskAction.exec(
                                                "C:\\Program Files\\Vendor\\updater.exe",
                                                "/silent \"C:\\Users\\Public\\a b.log\"",
                                                "%ProgramFiles%\\Vendor"),
                                        TaskAction.comHandler("{00000000-0000-0000-0000-000000000001}", null),
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
                        "a handler shadowed by the user's own registration, its CLSID stored lowercase and quoted DLL"
                                + " in AppData: the COM hijack, described before the program that follows it",
                        comTask(
                                new TaskPrincipal("CORP\\jdoe", null, 3, 0, JDOE, "jdoe", "CORP"),
                                TaskAction.comHandler(
                                        "{2dea658f-54c1-4227-af9b-260ab5fc3543}",
                                        "sounds",
                                        new ComServer(
                                                INPROC_SERVER32,
                                                "\"C:\\Users\\jdoe\\AppData\\Roaming\\Microsoft\\Sounds\\playsnd.dll\"",
                                                USER)),
                                TaskAction.exec("C:\\Windows\\notepad.exe", null, null)),
                        """
                        {"scheduled_task": %s, "account_type": "user",
                          "com_handler": {"class_id": "{2dea658f-54c1-4227-af9b-260ab5fc3543}", "registered_in": "user"}},
                         "process": {"executable": "C:\\\\Users\\\\jdoe\\\\AppData\\\\Roaming\\\\Microsoft\\\\Sounds\\\\playsnd.dll"},
                         "user": {"name": "jdoe", "id": "%s", "domain": "CORP"}}
                        """.formatted(COM_TASK, JDOE)),
                arguments(
                        "a handler whose class no registration has: the class id, and no program",
                        comTask(
                                new TaskPrincipal("SYSTEM", null, 5, 0, "S-1-5-18", "SYSTEM", "NT AUTHORITY"),
                                TaskAction.comHandler("{D7B4B3A5-1C2E-4F60-9A1B-0C3D5E7F9A2B}", null, null)),
                        """
                        {"scheduled_task": %s, "account_type": "system", "privileged": true,
                          "com_handler": {"class_id": "{D7B4B3A5-1C2E-4F60-9A1B-0C3D5E7F9A2B}"}},
                         "user": {"name": "SYSTEM", "id": "S-1-5-18", "domain": "NT AUTHORITY"}}
                        """.formatted(COM_TASK)),
                arguments(
                        "a per-user class key with no server: it hides the machine's, and names no program",
                        comTask(
                                new TaskPrincipal("CORP\\jdoe", null, 3, 0, JDOE, "jdoe", "CORP"),
                                TaskAction.comHandler(
                                        "{D7B4B3A5-1C2E-4F60-9A1B-0C3D5E7F9A2B}",
                                        null,
                                        new ComServer(null, null, USER))),
                        """
                        {"scheduled_task": %s, "account_type": "user",
                          "com_handler": {"class_id": "{D7B4B3A5-1C2E-4F60-9A1B-0C3D5E7F9A2B}", "registered_in": "user"}},
                         "user": {"name": "jdoe", "id": "%s", "domain": "CORP"}}
                        """.formatted(COM_TASK, JDOE)),
                arguments(
                        "a handler with only a LocalServer32: a quoted program with arguments, read as a command line",
                        comTask(
                                new TaskPrincipal("SYSTEM", null, 5, 0, "S-1-5-18", "SYSTEM", "NT AUTHORITY"),
                                TaskAction.comHandler(
                                        "{A3C1E0F2-7B4D-4E8A-9C6F-1D2E3F405162}",
                                        null,
                                        new ComServer(
                                                LOCAL_SERVER32,
                                                "\"%ProgramFiles%\\Vendor\\Agent\\vendoragent.exe\" -Embedding /task",
                                                MACHINE))),
                        """
                        {"scheduled_task": %s, "account_type": "system", "privileged": true,
                          "com_handler": {"class_id": "{A3C1E0F2-7B4D-4E8A-9C6F-1D2E3F405162}", "registered_in": "machine"}},
                         "process": {"command_line": "\\"%%ProgramFiles%%\\\\Vendor\\\\Agent\\\\vendoragent.exe\\" -Embedding /task",
                          "executable": "C:\\\\Program Files\\\\Vendor\\\\Agent\\\\vendoragent.exe",
                          "args": ["C:\\\\Program Files\\\\Vendor\\\\Agent\\\\vendoragent.exe", "-Embedding", "/task"],
                          "args_count": 3},
                         "user": {"name": "SYSTEM", "id": "S-1-5-18", "domain": "NT AUTHORITY"}}
                        """.formatted(COM_TASK)),
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
