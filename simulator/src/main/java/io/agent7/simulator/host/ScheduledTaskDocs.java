package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code scheduled_task} documents: Task Scheduler tasks, cron lines and systemd timers. */
final class ScheduledTaskDocs {

    /** SCHED_S_TASK_HAS_NOT_RUN, what Task Scheduler reports for a task that never ran. */
    private static final long NOT_RUN_YET = 0x41303;
    /** ERROR_FILE_NOT_FOUND as an HRESULT: the odd task whose program is gone. */
    private static final long FILE_NOT_FOUND = 0x80070002L;
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

    private static ObjectNode windows(HostState h, Tasks.Task task) {
        HostProfile p = h.profile;
        ObjectNode doc = Json.doc();
        ObjectNode node = doc.putObject("scheduled_task");
        String name = ProcessVars.expand(task.name(), v -> switch (v) {
            case "guid" -> Hashes.guid(Seeds.of(p.key, task.name()));
            case "sid" ->
                p.person >= 0 ? Accounts.windows(p, Accounts.PERSON + p.person).id() : "";
            default -> null;
        });
        String folder = task.folder().length() > 1
                ? task.folder().substring(0, task.folder().length() - 1)
                : task.folder();
        node.put("name", name);
        node.put("path", task.folder() + name);
        node.put("folder", folder);
        node.put("source", "task_scheduler");
        node.put("hidden", task.hidden());
        node.put("enabled", task.enabled());
        node.put("state", task.enabled() ? "ready" : "disabled");
        long lastRun = task.enabled() ? lastRun(h, task.when()) : Long.MIN_VALUE;
        Json.dateIfKnown(node, "last_run", lastRun);
        if (task.enabled() && task.when().timed()) {
            Json.date(node, "next_run", task.when().next(h.clock, p.tz, idleMinute(p)));
        }
        boolean failing = Seeds.chance(Seeds.of(Seeds.of(p.key, task.name()), 0xFA11), 0.03);
        node.put("last_result", lastRun == Long.MIN_VALUE ? NOT_RUN_YET : failing ? FILE_NOT_FOUND : 0);
        node.put("run_level", task.runLevel());
        node.put("schedule", task.when().describe());
        Json.text(node, "author", task.author());
        Json.text(node, "description", task.description());
        RunAs runAs = runAs(h, task.runAs());
        node.put("account_type", runAs.type());
        node.put("privileged", runAs.privileged());
        if (!task.program().isEmpty()) {
            String product = task.roles().startsWith("sw:")
                    ? task.roles().substring(3)
                    : task.program().contains("{defender}") ? "defender" : "os";
            int level = product.equals("os") ? Patches.patchedMonth(p, h.clock) : h.productLevel(product, h.clock);
            String version = h.productVersion(product, level);
            String user = p.person >= 0 ? People.account(p.person) : "";
            String executable = ProcessVars.expand(task.program(), v -> switch (v) {
                case "defender" -> version;
                case "user" -> user;
                default -> null;
            });
            String hashPath = task.program().replace("{defender}", version);
            String quoted = executable.contains(" ") ? "\"" + executable + "\"" : executable;
            String command = task.arguments().isEmpty() ? quoted : quoted + " " + task.arguments();
            ImageFields.write(
                    doc.putObject("process"),
                    executable,
                    command,
                    false,
                    hashPath,
                    version,
                    product.equals("chrome")
                            ? "Google LLC"
                            : product.equals("acrobat") ? "Adobe Inc." : "Microsoft Corporation",
                    "",
                    true,
                    true);
        }
        user(doc, runAs.principal());
        return doc;
    }

    private record RunAs(Principal principal, String type, boolean privileged) {}

    private static RunAs runAs(HostState h, String account) {
        HostProfile p = h.profile;
        return switch (account) {
            case "SYSTEM" -> new RunAs(new Principal("SYSTEM", "NT AUTHORITY", "S-1-5-18"), "system", true);
            case "LOCAL SERVICE" ->
                new RunAs(new Principal("LOCAL SERVICE", "NT AUTHORITY", "S-1-5-19"), "service", false);
            case "Users" -> new RunAs(new Principal("Users", "BUILTIN", "S-1-5-32-545"), "group", false);
            case "Administrators" ->
                new RunAs(new Principal("Administrators", "BUILTIN", "S-1-5-32-544"), "group", true);
            case "INTERACTIVE" -> new RunAs(new Principal("INTERACTIVE", "NT AUTHORITY", "S-1-5-4"), "group", false);
            case "svc_backup" -> new RunAs(Accounts.windows(p, Accounts.SERVICE_ACCOUNT + 1), "user", false);
            case "user" -> new RunAs(Accounts.windows(p, Accounts.PERSON + p.person), "user", p.userIsLocalAdmin);
            default -> throw new IllegalArgumentException("Unknown task account " + account);
        };
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

    private static void user(ObjectNode doc, Principal principal) {
        ObjectNode user = doc.putObject("user");
        user.put("name", principal.name());
        Json.text(user, "domain", principal.domain());
        user.put("id", principal.id());
    }

    private static ObjectNode plantedTask(HostState h, Planted planted) {
        ObjectNode doc = Json.doc();
        ObjectNode node = doc.putObject("scheduled_task");
        node.put("name", planted.taskName);
        node.put("path", "\\" + planted.taskName);
        node.put("folder", "\\");
        node.put("source", "task_scheduler");
        node.put("hidden", true);
        node.put("enabled", true);
        node.put("state", "ready");
        long hour = Math.floorDiv(h.clock, SimTime.HOUR) * SimTime.HOUR;
        Json.date(node, "last_run", hour);
        Json.date(node, "next_run", hour + SimTime.HOUR);
        node.put("last_result", 0);
        node.put("run_level", "highest");
        node.put("schedule", "At log on of any user; every 1 hour");
        node.put("account_type", "user");
        node.put("privileged", true);
        ImageFields.write(
                doc.putObject("process"),
                planted.taskPath,
                "\"" + planted.taskPath + "\" -silent",
                false,
                planted.taskPath,
                "1.0",
                "",
                "",
                true,
                false);
        user(doc, Accounts.windows(h.profile, planted.taskAccount()));
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
