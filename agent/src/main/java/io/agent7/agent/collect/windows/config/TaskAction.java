package io.agent7.agent.collect.windows.config;

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
 */
public record TaskAction(
        int type, String path, String arguments, String workingDirectory, String classId, String data) {

    public static final int EXEC = 0;
    public static final int COM_HANDLER = 5;

    public static TaskAction exec(String path, String arguments, String workingDirectory) {
        return new TaskAction(EXEC, path, arguments, workingDirectory, null, null);
    }

    public static TaskAction comHandler(String classId, String data) {
        return new TaskAction(COM_HANDLER, null, null, null, classId, data);
    }
}
