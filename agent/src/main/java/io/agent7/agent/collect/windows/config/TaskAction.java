package io.agent7.agent.collect.windows.config;

import java.util.List;
import java.util.Optional;

/**
 * One action of a task definition (IAction), with the fields of its kind.
 *
 * @param type             TASK_ACTION_TYPE: TASK_ACTION_EXEC 0, TASK_ACTION_COM_HANDLER 5,
 *                         TASK_ACTION_SEND_EMAIL 6, TASK_ACTION_SHOW_MESSAGE 7
 * @param path             IExecAction.Path, as stored (quotes and %VAR% included)
 * @param arguments        IExecAction.Arguments
 * @param workingDirectory IExecAction.WorkingDirectory
 * @param classId          IComHandlerAction.ClassId, a CLSID in braces
 * @param data             IComHandlerAction.Data
 * @param server           the class's server as the registry gives it for the task's account;
 *                         null when no registration has the class, or when it was not looked up
 *                         (a handler that is not the task's first action that runs something)
 */
public record TaskAction(
        int type,
        String path,
        String arguments,
        String workingDirectory,
        String classId,
        String data,
        ComServer server) {

    public static final int EXEC = 0;
    public static final int COM_HANDLER = 5;

    public static TaskAction exec(String path, String arguments, String workingDirectory) {
        return new TaskAction(EXEC, path, arguments, workingDirectory, null, null, null);
    }

    public static TaskAction comHandler(String classId, String data) {
        return comHandler(classId, data, null);
    }

    public static TaskAction comHandler(String classId, String data, ComServer server) {
        return new TaskAction(COM_HANDLER, null, null, null, classId, data, server);
    }

    /** The same handler with its server found. */
    public TaskAction withServer(ComServer found) {
        return new TaskAction(type, path, arguments, workingDirectory, classId, data, found);
    }

    /**
     * The first action that runs something, the one a document describes: a program or a COM
     * handler. Actions of the deprecated kinds (e-mail, message box) and empty ones run nothing.
     */
    public static Optional<TaskAction> first(List<TaskAction> actions) {
        return actions.stream().filter(TaskAction::runs).findFirst();
    }

    private boolean runs() {
        return switch (type) {
            case EXEC -> path != null && !path.isBlank();
            case COM_HANDLER -> classId != null && !classId.isBlank();
            default -> false;
        };
    }
}
