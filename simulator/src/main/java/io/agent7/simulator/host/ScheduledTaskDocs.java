package io.agent7.simulator.host;

import io.agent7.agent.collect.windows.Sids;
import io.agent7.agent.collect.windows.config.ComServer;
import io.agent7.agent.collect.windows.config.RegisteredTask;
import io.agent7.agent.collect.windows.config.TaskAction;
import io.agent7.agent.collect.windows.config.TaskMapping;
import io.agent7.agent.collect.windows.config.TaskPrincipal;
import io.agent7.agent.collect.windows.config.TaskTrigger;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/** {@code scheduled_task} documents: Task Scheduler tasks, cron lines and systemd timers. */
final class ScheduledTaskDocs {

    /** SCHED_S_TASK_HAS_NOT_RUN, what Task Scheduler reports for a task that never ran. */
    private static final int NOT_RUN_YET = 0x41303;
    /** ERROR_FILE_NOT_FOUND as an HRESULT: the odd task whose program is gone. */
    private static final int FILE_NOT_FOUND = 0x80070002;
    /** How {@link Tasks} marks a task whose action is a COM handler: the prefix of its server DLL. */
    private static final String COM_HANDLER = "com:";

    /** TASK_STATE. */
    private static final int DISABLED = 1;

    private static final int READY = 3;

    /** TASK_LOGON_TYPE. */
    private static final int LOGON_PASSWORD = 1;

    private static final int LOGON_INTERACTIVE_TOKEN = 3;
    private static final int LOGON_GROUP = 4;
    private static final int LOGON_SERVICE_ACCOUNT = 5;

    /** TASK_TRIGGER_TYPE2. */
    private static final int TRIGGER_DAILY = 2;

    private static final int TRIGGER_WEEKLY = 3;
    private static final int TRIGGER_MONTHLY = 4;
    private static final int TRIGGER_IDLE = 6;
    private static final int TRIGGER_BOOT = 8;
    private static final int TRIGGER_LOGON = 9;

    /** Day zero of an OLE automation DATE, 1899-12-30, in days before the Unix epoch. */
    private static final long OLE_EPOCH_DAYS = -LocalDate.of(1899, 12, 30).toEpochDay();
    /** Where the planted @reboot line is: root's own crontab, below what an admin put there. */
    static final String PLANTED_CRONTAB = "/var/spool/cron/crontabs/root";

    static final int PLANTED_CRON_LINE = 24;

    private ScheduledTaskDocs() {}

    static List<ObjectNode> build(HostState h) {
        List<ObjectNode> docs = new ArrayList<>();
        HostProfile p = h.profile;
        for (Tasks.Task task : p.windows ? Tasks.WINDOWS : Tasks.LINUX) {
            if (!h.rolesMatch(task.roles(), h.clock)) {
                continue;
            }
            if (p.windows) {
                if (task.runAs().equals("user") && p.person < 0) {
                    continue;
                }
                docs.add(windows(h, task));
            } else {
                docs.add(linux(h, task));
            }
        }
        Planted planted = p.planted;
        if (planted != null && planted.has(Finding.TASK_IN_USERS_PUBLIC)) {
            docs.add(plantedTask(h, planted));
        }
        if (planted != null && planted.has(Finding.CRON_REBOOT_IN_TMP)) {
            docs.add(plantedCron(h, planted));
        }
        return docs;
    }

    /**
     * The task as the real collector would see it: Task Scheduler's records built from the
     * definition and turned into a document by the agent's own mapping, then the image facts
     * (hash, signature, version resource) that the agent reads from the file added.
     */
    private static ObjectNode windows(HostState h, Tasks.Task task) {
        HostProfile p = h.profile;
        String name = ProcessVars.expand(task.name(), v -> switch (v) {
            case "guid" -> Hashes.guid(Seeds.of(p.key, task.name()));
            case "sid" ->
                p.person >= 0 ? Accounts.windows(p, Accounts.PERSON + p.person).id() : "";
            default -> null;
        });
        long lastRun = task.enabled() ? lastRun(h, task.when()) : Long.MIN_VALUE;
        long nextRun =
                task.enabled() && task.when().timed() ? task.when().next(h.clock, p.tz, idleMinute(p)) : Long.MIN_VALUE;
        boolean failing = Seeds.chance(Seeds.of(Seeds.of(p.key, task.name()), 0xFA11), 0.03);
        String product = task.roles().startsWith("sw:")
                ? task.roles().substring(3)
                : task.program().contains("{defender}") ? "defender" : "os";
        int level = product.equals("os") ? Patches.patchedMonth(p, h.clock) : h.productLevel(product, h.clock);
        String version = h.productVersion(product, level);
        String user = p.person >= 0 ? People.account(p.person) : "";
        boolean handler = task.program().startsWith(COM_HANDLER);
        // Windows' own maintenance tasks without a program run a COM handler in taskhostw, its
        // class registered for the machine with a system DLL, as the reader resolves it on a
        // clean host. The CLSID is a stand-in, the same on every host.
        TaskAction action = handler
                ? TaskAction.comHandler(
                        Hashes.guid(Seeds.of(0xC0A1, task.name())),
                        null,
                        new ComServer(
                                ComServer.Kind.INPROC_SERVER32,
                                task.program().substring(COM_HANDLER.length()),
                                ComServer.Registration.MACHINE))
                : TaskAction.exec(
                        ProcessVars.expand(task.program(), v -> switch (v) {
                            case "defender" -> version;
                            case "user" -> user;
                            default -> null;
                        }),
                        task.arguments(),
                        null);
        RegisteredTask registered = new RegisteredTask(
                task.folder() + name,
                name,
                task.enabled(),
                task.enabled() ? READY : DISABLED,
                oleDate(lastRun, p.tz),
                oleDate(nextRun, p.tz),
                lastRun == Long.MIN_VALUE ? NOT_RUN_YET : failing ? FILE_NOT_FOUND : 0,
                task.hidden(),
                task.author(),
                task.description(),
                principal(h, task.runAs(), task.runLevel().equals("highest")),
                List.of(action),
                triggers(task.when(), SimTime.localDay(p.osInstalled, p.tz)));
        ObjectNode doc = mapping(p).document(registered);
        String executable = doc.path("process").path("executable").asString(null);
        if (executable != null) {
            ImageFields.write(
                    Json.obj(doc, "process"),
                    executable,
                    null,
                    false,
                    handler ? executable : task.program().replace("{defender}", version),
                    version,
                    product.equals("chrome")
                            ? "Google LLC"
                            : product.equals("acrobat") ? "Adobe Inc." : "Microsoft Corporation",
                    "",
                    true,
                    true);
        }
        return doc;
    }

    /** The agent's mapping for a host: its environment, and its zone, in which task times are written. */
    private static TaskMapping mapping(HostProfile p) {
        return new TaskMapping(
                WindowsEnvironment.VARIABLES, path -> false, ZoneOffset.ofTotalSeconds((int) (p.tz / 1000)));
    }

    /**
     * The principal as Task Scheduler stores it and as LookupAccountSid names it: Windows' own
     * tasks by SID (a service account or a group), an administrator's and a user's by name.
     */
    private static TaskPrincipal principal(HostState h, String account, boolean highest) {
        HostProfile p = h.profile;
        int runLevel = highest ? 1 : 0;
        return switch (account) {
            case "SYSTEM" -> service(Sids.LOCAL_SYSTEM, "SYSTEM", runLevel);
            case "LOCAL SERVICE" -> service(Sids.LOCAL_SERVICE, "LOCAL SERVICE", runLevel);
            case "Users" -> group("S-1-5-32-545", "Users", "BUILTIN", runLevel);
            case "Administrators" -> group(Sids.ADMINISTRATORS, "Administrators", "BUILTIN", runLevel);
            case "INTERACTIVE" -> group("S-1-5-4", "INTERACTIVE", "NT AUTHORITY", runLevel);
            case "svc_backup" -> named(Accounts.windows(p, Accounts.SERVICE_ACCOUNT + 1), LOGON_PASSWORD, runLevel);
            case "user" -> named(Accounts.windows(p, Accounts.PERSON + p.person), LOGON_INTERACTIVE_TOKEN, runLevel);
            default -> throw new IllegalArgumentException("Unknown task account " + account);
        };
    }

    private static TaskPrincipal service(String sid, String name, int runLevel) {
        return new TaskPrincipal(sid, null, LOGON_SERVICE_ACCOUNT, runLevel, sid, name, "NT AUTHORITY");
    }

    private static TaskPrincipal group(String sid, String name, String domain, int runLevel) {
        return new TaskPrincipal(null, sid, LOGON_GROUP, runLevel, sid, name, domain);
    }

    private static TaskPrincipal named(Principal account, int logonType, int runLevel) {
        return new TaskPrincipal(
                account.qualified(), null, logonType, runLevel, account.id(), account.name(), account.domain());
    }

    /**
     * The triggers a schedule stands for, as Task Scheduler stores them; timed ones start on
     * {@code day} (the host's install day) at the schedule's local time. An hourly task is a
     * daily trigger repeating every hour, as updaters register theirs; "twice" repeats every 12 hours.
     */
    static List<TaskTrigger> triggers(Schedule when, long day) {
        String date = LocalDate.ofEpochDay(day).toString();
        String at = date + String.format(Locale.ROOT, "T%02d:%02d:00", when.minute() / 60, when.minute() % 60);
        List<TaskTrigger> triggers = new ArrayList<>();
        if (when.atLogon()) {
            triggers.add(trigger(TRIGGER_LOGON, null, null, 0, 0));
        }
        switch (when.kind()) {
            case "daily" -> triggers.add(trigger(TRIGGER_DAILY, at, null, 0, 0));
            case "twice" -> triggers.add(trigger(TRIGGER_DAILY, at, "PT12H", 0, 0));
            case "hourly" ->
                triggers.add(trigger(
                        TRIGGER_DAILY, date + String.format(Locale.ROOT, "T00:%02d:00", when.minute()), "PT1H", 0, 0));
            case "every" -> triggers.add(trigger(TRIGGER_DAILY, date + "T00:00:00", "PT" + when.minute() + "M", 0, 0));
            case "weekly" -> triggers.add(trigger(TRIGGER_WEEKLY, at, null, 1 << when.day(), 0));
            case "monthly" -> triggers.add(trigger(TRIGGER_MONTHLY, at, null, 0, 1 << (when.day() - 1)));
            case "boot" -> triggers.add(trigger(TRIGGER_BOOT, null, null, 0, 0));
            case "logon" -> {
                // atLogon: the logon trigger is already there
            }
            case "idle" -> triggers.add(trigger(TRIGGER_IDLE, null, null, 0, 0));
            default -> throw new IllegalArgumentException("Unknown schedule " + when);
        }
        return triggers;
    }

    private static TaskTrigger trigger(int type, String start, String repetition, int daysOfWeek, int daysOfMonth) {
        return new TaskTrigger(
                type,
                true,
                start,
                repetition,
                type == TRIGGER_DAILY ? 1 : 0,
                type == TRIGGER_WEEKLY ? 1 : 0,
                daysOfWeek,
                daysOfMonth,
                0,
                null);
    }

    /**
     * An instant as the OLE automation DATE IRegisteredTask gives for LastRunTime and NextRunTime:
     * days since 1899-12-30 in the host's local time, the time of day the fraction, in whole
     * seconds as Task Scheduler keeps them. {@code Long.MIN_VALUE} (never) is 0.
     */
    static double oleDate(long t, long tz) {
        if (t == Long.MIN_VALUE) {
            return 0;
        }
        long local = Math.floorDiv(t + tz, 1000) * 1000;
        return OLE_EPOCH_DAYS + local / (double) SimTime.DAY;
    }

    /** Maintenance at idle happens in the host's quiet hours, between 02:00 and 04:00. */
    static int idleMinute(HostProfile p) {
        return 120 + Seeds.below(Seeds.of(p.key, 0x1D1E), 120);
    }

    private static long lastRun(HostState h, Schedule when) {
        HostProfile p = h.profile;
        long timed = when.timed() ? when.previous(h.clock, p.tz, idleMinute(p)) : Long.MIN_VALUE;
        if (timed != Long.MIN_VALUE && timed < p.osInstalled + SimTime.DAY) {
            timed = Long.MIN_VALUE;
        }
        long event = Long.MIN_VALUE;
        if (when.kind().equals("boot")) {
            event = h.boot + SimTime.MINUTE + Seeds.between(Seeds.of(p.key, h.boot), 0, SimTime.MINUTE);
        } else if (when.atLogon()) {
            event = lastLogon(h);
        }
        return Math.max(timed, event);
    }

    /** The last interactive or remote logon on this host, or {@code Long.MIN_VALUE}. */
    static long lastLogon(HostState h) {
        HostProfile p = h.profile;
        long latest = Long.MIN_VALUE;
        for (Session s : h.sessions) {
            latest = Math.max(latest, s.logon());
        }
        if (latest != Long.MIN_VALUE) {
            return latest;
        }
        long today = SimTime.localDay(h.clock, p.tz);
        for (long day = today; day > today - 30; day--) {
            if (p.role == Role.WORKSTATION) {
                if (SessionPlan.works(p, day) && SessionPlan.logon(p, day) <= h.clock) {
                    return SessionPlan.logon(p, day);
                }
            } else {
                for (int slot = 1; slot >= 0; slot--) {
                    SessionPlan.Planned s = SessionPlan.adminSession(p, day, slot);
                    if (s != null && s.start() <= h.clock) {
                        return s.start();
                    }
                }
            }
        }
        return Long.MIN_VALUE;
    }

    private static ObjectNode linux(HostState h, Tasks.Task task) {
        HostProfile p = h.profile;
        ObjectNode doc = Json.doc();
        ObjectNode node = doc.putObject("scheduled_task");
        boolean cronLine = task.source().equals("crontab") || task.source().equals("cron_d");
        node.put("name", cronLine ? cronName(task.folder(), task.arguments()) : task.name());
        node.put("path", cronLine ? task.folder() + ":" + task.line() : task.folder() + "/" + task.name());
        node.put("folder", task.folder());
        node.put("source", task.source());
        node.put("enabled", true);
        node.put("state", "ready");
        node.put("schedule", task.schedule());
        if (task.source().equals("systemd_timer")) {
            long delay = Seeds.between(Seeds.of(p.key, task.name()), 0, 45 * SimTime.MINUTE);
            long last = task.when().timed()
                    ? task.when().previous(h.clock - delay, p.tz, 0) + delay
                    : h.boot
                            + 15 * SimTime.MINUTE
                            + (h.clock - h.boot - 15 * SimTime.MINUTE) / SimTime.DAY * SimTime.DAY;
            if (last <= h.clock && last > p.osInstalled) {
                Json.date(node, "last_run", last);
            }
        }
        int uid = LinuxModel.uid(h, task.runAs());
        node.put("account_type", uid == 0 ? "system" : "service");
        node.put("privileged", uid == 0);
        ImageFields.write(
                doc.putObject("process"),
                task.program(),
                task.arguments(),
                true,
                task.program(),
                "",
                "",
                "",
                false,
                true);
        Principal principal = h.principal(uid);
        ObjectNode user = doc.putObject("user");
        user.put("name", principal.name());
        user.put("id", principal.id());
        return doc;
    }

    /** How the agent names a cron line: the table's file name and the command, as a person would point at it. */
    static String cronName(String file, String command) {
        String name = file.substring(file.lastIndexOf('/') + 1) + ": " + command;
        return name.length() > 160 ? name.substring(0, 157) + "..." : name;
    }

    /** A hidden task at the root that runs a program in C:\Users\Public at logon and every hour after. */
    private static ObjectNode plantedTask(HostState h, Planted planted) {
        HostProfile p = h.profile;
        long hour = Math.floorDiv(h.clock, SimTime.HOUR) * SimTime.HOUR;
        RegisteredTask registered = new RegisteredTask(
                "\\" + planted.taskName,
                planted.taskName,
                true,
                READY,
                oleDate(hour, p.tz),
                oleDate(hour + SimTime.HOUR, p.tz),
                0,
                true,
                null,
                null,
                named(Accounts.windows(p, planted.taskAccount()), LOGON_INTERACTIVE_TOKEN, 1),
                List.of(TaskAction.exec(planted.taskPath, "-silent", null)),
                List.of(new TaskTrigger(TRIGGER_LOGON, true, null, "PT1H", 0, 0, 0, 0, 0, null)));
        ObjectNode doc = mapping(p).document(registered);
        ImageFields.write(
                Json.obj(doc, "process"), planted.taskPath, null, false, planted.taskPath, "1.0", "", "", true, false);
        return doc;
    }

    private static ObjectNode plantedCron(HostState h, Planted planted) {
        ObjectNode doc = Json.doc();
        ObjectNode node = doc.putObject("scheduled_task");
        node.put("name", cronName(PLANTED_CRONTAB, plantedCronCommand(planted)));
        node.put("path", PLANTED_CRONTAB + ":" + PLANTED_CRON_LINE);
        node.put("folder", PLANTED_CRONTAB);
        node.put("source", "crontab");
        node.put("enabled", true);
        node.put("state", "ready");
        node.put("schedule", "@reboot");
        node.put("account_type", "system");
        node.put("privileged", true);
        ImageFields.write(
                doc.putObject("process"),
                planted.cronBinary,
                plantedCronCommand(planted),
                true,
                planted.cronBinary,
                "1.0",
                "",
                "",
                false,
                false);
        Principal root = h.principal(0);
        ObjectNode user = doc.putObject("user");
        user.put("name", root.name());
        user.put("id", root.id());
        return doc;
    }

    static String plantedCronCommand(Planted planted) {
        return planted.cronBinary + " >/dev/null 2>&1";
    }
}
