package io.agent7.agent.collect.windows.config.win32;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.COM.COMException;
import com.sun.jna.platform.win32.COM.COMUtils;
import com.sun.jna.platform.win32.Ole32;
import com.sun.jna.platform.win32.Variant.VARIANT;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT.HRESULT;
import io.agent7.agent.collect.windows.config.ComServer;
import io.agent7.agent.collect.windows.config.RegisteredTask;
import io.agent7.agent.collect.windows.config.TaskAction;
import io.agent7.agent.collect.windows.config.TaskPrincipal;
import io.agent7.agent.collect.windows.config.TaskTrigger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every registered task of every folder, hidden ones included, through Task Scheduler 2.0's
 * automation objects (Schedule.Service).
 */
public final class TaskReader {

    /** ITaskFolder::GetTasks flag that includes hidden tasks. */
    private static final int TASK_ENUM_HIDDEN = 1;

    private static final int TRIGGER_DAILY = 2;
    private static final int TRIGGER_WEEKLY = 3;
    private static final int TRIGGER_MONTHLY = 4;
    private static final int TRIGGER_MONTHLYDOW = 5;
    private static final int TRIGGER_LOGON = 9;
    private static final int TRIGGER_SESSION_STATE_CHANGE = 11;

    private final Map<String, TaskPrincipal> accounts = new HashMap<>();

    public List<RegisteredTask> read() {
        HRESULT init = Ole32.INSTANCE.CoInitializeEx(null, Ole32.COINIT_MULTITHREADED);
        boolean initialized = COMUtils.SUCCEEDED(init);
        // A thread already in an apartment of the other kind can use COM as it is.
        if (!initialized && init.intValue() != WinError.RPC_E_CHANGED_MODE) {
            throw new COMException("CoInitializeEx failed", init);
        }
        try {
            Automation service = new Automation("Schedule.Service");
            try {
                service.call("Connect");
                List<RegisteredTask> tasks = new ArrayList<>();
                Automation root = service.callForObject("GetFolder", new VARIANT("\\"));
                walk(root, tasks);
                return tasks;
            } finally {
                service.release();
            }
        } finally {
            if (initialized) {
                Ole32.INSTANCE.CoUninitialize();
            }
        }
    }

    /** The folder's tasks, then its subfolders', depth first; releases the folder. */
    private void walk(Automation folder, List<RegisteredTask> tasks) {
        try {
            Automation registered = folder.callForObject("GetTasks", new VARIANT(TASK_ENUM_HIDDEN));
            try {
                for (int i = 1, n = registered.number("Count"); i <= n; i++) {
                    Automation task = registered.item(i);
                    try {
                        tasks.add(task(task));
                    } finally {
                        task.release();
                    }
                }
            } finally {
                registered.release();
            }
            Automation folders = folder.callForObject("GetFolders", new VARIANT(0));
            try {
                for (int i = 1, n = folders.number("Count"); i <= n; i++) {
                    walk(folders.item(i), tasks);
                }
            } finally {
                folders.release();
            }
        } finally {
            folder.release();
        }
    }

    private RegisteredTask task(Automation task) {
        Automation definition = task.object("Definition");
        try {
            Automation info = definition.object("RegistrationInfo");
            Automation settings = definition.object("Settings");
            Automation principal = definition.object("Principal");
            try {
                TaskPrincipal resolved = principal(principal);
                return new RegisteredTask(
                        task.text("Path"),
                        task.text("Name"),
                        task.flag("Enabled"),
                        task.number("State"),
                        task.date("LastRunTime"),
                        task.date("NextRunTime"),
                        task.number("LastTaskResult"),
                        settings.flag("Hidden"),
                        info.text("Author"),
                        info.text("Description"),
                        resolved,
                        withServer(actions(definition), resolved),
                        triggers(definition));
            } finally {
                principal.release();
                settings.release();
                info.release();
            }
        } finally {
            definition.release();
        }
    }

    private static List<TaskAction> actions(Automation definition) {
        List<TaskAction> actions = new ArrayList<>();
        Automation collection = definition.object("Actions");
        try {
            for (int i = 1, n = collection.number("Count"); i <= n; i++) {
                Automation action = collection.item(i);
                try {
                    int type = action.number("Type");
                    actions.add(
                            switch (type) {
                                case TaskAction.EXEC ->
                                    TaskAction.exec(
                                            action.text("Path"),
                                            action.text("Arguments"),
                                            action.text("WorkingDirectory"));
                                case TaskAction.COM_HANDLER ->
                                    TaskAction.comHandler(action.text("ClassId"), action.text("Data"));
                                default -> new TaskAction(type, null, null, null, null, null, null);
                            });
                } finally {
                    action.release();
                }
            }
        } finally {
            collection.release();
        }
        return actions;
    }

    /**
     * The actions, the first that runs something given its COM server when it is a handler:
     * looked up in the principal's Classes, as the handler runs as that account.
     */
    private static List<TaskAction> withServer(List<TaskAction> actions, TaskPrincipal principal) {
        TaskAction first = TaskAction.first(actions).orElse(null);
        if (first == null || first.type() != TaskAction.COM_HANDLER) {
            return actions;
        }
        ClassesReader classes = new ClassesReader(principal.sid());
        ComServer server = ComServer.resolve(first.classId(), classes).orElse(null);
        List<TaskAction> found = new ArrayList<>(actions);
        found.set(actions.indexOf(first), first.withServer(server));
        return found;
    }

    private static List<TaskTrigger> triggers(Automation definition) {
        List<TaskTrigger> triggers = new ArrayList<>();
        Automation collection = definition.object("Triggers");
        try {
            for (int i = 1, n = collection.number("Count"); i <= n; i++) {
                Automation trigger = collection.item(i);
                try {
                    triggers.add(trigger(trigger));
                } finally {
                    trigger.release();
                }
            }
        } finally {
            collection.release();
        }
        return triggers;
    }

    /** Reads only the properties the trigger's kind has: asking another kind's fails with DISP_E_UNKNOWNNAME. */
    private static TaskTrigger trigger(Automation trigger) {
        int type = trigger.number("Type");
        Automation repetition = trigger.object("Repetition");
        String interval;
        try {
            interval = repetition.text("Interval");
        } finally {
            repetition.release();
        }
        return new TaskTrigger(
                type,
                trigger.flag("Enabled"),
                trigger.text("StartBoundary"),
                interval,
                type == TRIGGER_DAILY ? trigger.number("DaysInterval") : 0,
                type == TRIGGER_WEEKLY ? trigger.number("WeeksInterval") : 0,
                type == TRIGGER_WEEKLY || type == TRIGGER_MONTHLYDOW ? trigger.number("DaysOfWeek") : 0,
                type == TRIGGER_MONTHLY ? trigger.number("DaysOfMonth") : 0,
                type == TRIGGER_MONTHLYDOW ? trigger.number("WeeksOfMonth") : 0,
                type == TRIGGER_LOGON || type == TRIGGER_SESSION_STATE_CHANGE ? trigger.text("UserId") : null);
    }

    private TaskPrincipal principal(Automation principal) {
        String userId = principal.text("UserId");
        String groupId = principal.text("GroupId");
        int logonType = principal.number("LogonType");
        int runLevel = principal.number("RunLevel");
        String account = groupId != null ? groupId : userId;
        TaskPrincipal resolved = account == null
                ? new TaskPrincipal(null, null, 0, 0, null, null, null)
                : accounts.computeIfAbsent(account, TaskReader::resolve);
        return new TaskPrincipal(
                userId, groupId, logonType, runLevel, resolved.sid(), resolved.name(), resolved.domain());
    }

    /** The account's SID, name and domain; all null when it no longer resolves. */
    private static TaskPrincipal resolve(String account) {
        try {
            Advapi32Util.Account found = account.startsWith("S-1-")
                    ? Advapi32Util.getAccountBySid(account)
                    : Advapi32Util.getAccountByName(account);
            String sid = found.sidString != null ? found.sidString : account.startsWith("S-1-") ? account : null;
            return new TaskPrincipal(null, null, 0, 0, sid, found.name, found.domain);
        } catch (Win32Exception e) {
            if (e.getErrorCode() == WinError.ERROR_NONE_MAPPED) {
                return new TaskPrincipal(null, null, 0, 0, null, null, null);
            }
            throw e;
        }
    }
}
