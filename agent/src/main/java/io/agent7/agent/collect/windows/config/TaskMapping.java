package io.agent7.agent.collect.windows.config;

import io.agent7.agent.collect.Doc;
import io.agent7.agent.collect.windows.Sids;
import io.agent7.agent.collect.windows.WindowsCommandLine;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a registered task into a {@code scheduled_task} document.
 *
 * @param environment the system environment, to expand an action's %VAR%
 * @param fileExists  whether a file exists at an absolute Windows path
 * @param zone        the host's time zone, in which the task's OLE dates are written
 */
public record TaskMapping(Map<String, String> environment, Predicate<String> fileExists, ZoneId zone) {

    /** Day zero of an OLE automation DATE. */
    private static final LocalDateTime OLE_EPOCH = LocalDateTime.of(1899, 12, 30, 0, 0);
    /** The LastRunTime Task Scheduler reports for a task that never ran (schtasks prints 11/30/1999). */
    private static final double NEVER_RAN =
            LocalDate.of(1999, 11, 30).toEpochDay() - OLE_EPOCH.toLocalDate().toEpochDay();

    private static final int LOGON_GROUP = 4;
    private static final int LOGON_SERVICE_ACCOUNT = 5;

    public TaskMapping {
        environment = Map.copyOf(environment);
    }

    public ObjectNode document(RegisteredTask task) {
        String folder = folder(task.path());
        Doc doc = new Doc()
                .text("scheduled_task.name", task.name())
                .text("scheduled_task.path", task.path())
                .text("scheduled_task.folder", folder)
                .text("scheduled_task.source", "task_scheduler")
                .bool("scheduled_task.hidden", task.hidden())
                .bool("scheduled_task.enabled", task.enabled())
                .text("scheduled_task.state", state(task.state()))
                .date("scheduled_task.last_run", oleDate(task.lastRunTime(), zone))
                .date("scheduled_task.next_run", oleDate(task.nextRunTime(), zone))
                .number("scheduled_task.last_result", Integer.toUnsignedLong(task.lastTaskResult()))
                .text("scheduled_task.schedule", TriggerSummary.of(task.triggers()))
                .text("scheduled_task.author", task.author())
                .text("scheduled_task.description", task.description());
        TaskPrincipal principal = task.principal();
        if (principal != null) {
            doc.text("scheduled_task.run_level", principal.runLevel() == 1 ? "highest" : "limited");
            runAs(doc, principal);
        }
        TaskAction.first(task.actions()).ifPresent(action -> {
            if (action.type() == TaskAction.EXEC) {
                exec(doc, action);
            } else {
                comHandler(doc, action);
            }
        });
        return doc.build();
    }

    /**
     * A handler's class and the server it resolved to. An in-process server is a DLL that
     * taskhostw.exe loads, so it is the executable with no command line; a local server is a
     * program COM starts, written as a command line.
     */
    private void comHandler(Doc doc, TaskAction action) {
        doc.text("scheduled_task.com_handler.class_id", action.classId());
        ComServer server = action.server();
        if (server == null) {
            return;
        }
        doc.text(
                "scheduled_task.com_handler.registered_in",
                server.registeredIn().label());
        if (server.kind() == ComServer.Kind.INPROC_SERVER32) {
            doc.text(
                    "process.executable", WindowsCommandLine.path(unquoted(server.written()), environment, fileExists));
        } else if (server.kind() == ComServer.Kind.LOCAL_SERVER32) {
            doc.command(WindowsCommandLine.of(server.written(), environment, fileExists));
        }
    }

    /** An InprocServer32 path without the quotes some installers put around it. */
    private static String unquoted(String path) {
        String p = path.strip();
        return p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"") ? p.substring(1, p.length() - 1) : p;
    }

    /**
     * Task Scheduler hands Path to CreateProcess as the application name, so a path with
     * spaces runs as a whole: it is quoted here, and the command line reads as what runs.
     */
    private void exec(Doc doc, TaskAction action) {
        String path = action.path().strip();
        String program = path.startsWith("\"") || !path.contains(" ") ? path : "\"" + path + "\"";
        String arguments = action.arguments() == null ? "" : action.arguments().strip();
        String text = arguments.isEmpty() ? program : program + " " + arguments;
        doc.command(WindowsCommandLine.of(text, environment, fileExists))
                .text("process.working_directory", WindowsCommandLine.expand(action.workingDirectory(), environment));
    }

    private static void runAs(Doc doc, TaskPrincipal p) {
        String stored = p.groupId() != null && !p.groupId().isBlank() ? p.groupId() : p.userId();
        String sid = p.sid() != null ? p.sid() : stored != null && stored.startsWith("S-1-") ? stored : null;
        String name = p.name();
        String domain = p.domain();
        if (name == null) {
            String qualified =
                    Sids.wellKnownName(sid).orElse(stored != null && !stored.startsWith("S-1-") ? stored : null);
            if (qualified != null) {
                int slash = qualified.lastIndexOf('\\');
                name = qualified.substring(slash + 1);
                domain = slash < 0 ? null : qualified.substring(0, slash);
            }
        }
        doc.account(name, sid, domain);
        String type;
        Boolean privileged;
        if (p.logonType() == LOGON_GROUP || (p.groupId() != null && !p.groupId().isBlank())) {
            type = "group";
            privileged = sid == null ? null : Sids.privilegedGroup(sid);
        } else if (Sids.LOCAL_SYSTEM.equals(sid)) {
            type = "system";
            privileged = true;
        } else if (Sids.LOCAL_SERVICE.equals(sid)
                || Sids.NETWORK_SERVICE.equals(sid)
                || p.logonType() == LOGON_SERVICE_ACCOUNT) {
            type = "service";
            privileged = false;
        } else {
            type = "user";
            // Whether a user is an administrator is a matter of group membership, not of the task.
            privileged = null;
        }
        doc.text("scheduled_task.account_type", type).bool("scheduled_task.privileged", privileged);
    }

    /** The folder of a task path: everything before its name, the root being "\". */
    static String folder(String path) {
        if (path == null) {
            return null;
        }
        int slash = path.lastIndexOf('\\');
        return slash <= 0 ? "\\" : path.substring(0, slash);
    }

    static String state(int state) {
        return switch (state) {
            case 0 -> "unknown";
            case 1 -> "disabled";
            case 2 -> "queued";
            case 3 -> "ready";
            case 4 -> "running";
            default -> null;
        };
    }

    /**
     * An OLE automation DATE (days since 1899-12-30, the fraction the time of day) read in the
     * host's zone; null for 0 and for Task Scheduler's never-ran date.
     */
    static Instant oleDate(double date, ZoneId zone) {
        if (date <= 0 || date == NEVER_RAN || Double.isNaN(date)) {
            return null;
        }
        long days = (long) Math.floor(date);
        // Task times are whole seconds; the double carries them to well under a millisecond.
        long seconds = Math.round((date - days) * Duration.ofDays(1).toSeconds());
        return OLE_EPOCH.plusDays(days).plusSeconds(seconds).atZone(zone).toInstant();
    }
}
