package io.agent7.agent.collect.windows.config;

import java.util.List;

/**
 * A registered task as Task Scheduler 2.0 returns it (IRegisteredTask and its definition).
 *
 * @param path           IRegisteredTask.Path: folder and name ({@code \Microsoft\Windows\Defrag\ScheduledDefrag})
 * @param name           IRegisteredTask.Name
 * @param enabled        IRegisteredTask.Enabled
 * @param state          TASK_STATE: UNKNOWN 0, DISABLED 1, QUEUED 2, READY 3, RUNNING 4
 * @param lastRunTime    IRegisteredTask.LastRunTime, an OLE automation DATE in the host's local
 *                       time (days since 1899-12-30); 1999-11-30 or 0 when it never ran
 * @param nextRunTime    IRegisteredTask.NextRunTime, likewise; 0 when nothing is scheduled
 * @param lastTaskResult IRegisteredTask.LastTaskResult, an HRESULT (SCHED_S_TASK_HAS_NOT_RUN 0x41303 ...)
 * @param hidden         ITaskSettings.Hidden
 * @param author         IRegistrationInfo.Author, or null
 * @param description    IRegistrationInfo.Description, or null
 * @param principal      the definition's principal
 * @param actions        the definition's actions, in order
 * @param triggers       the definition's triggers, in order
 */
public record RegisteredTask(
        String path,
        String name,
        boolean enabled,
        int state,
        double lastRunTime,
        double nextRunTime,
        int lastTaskResult,
        boolean hidden,
        String author,
        String description,
        TaskPrincipal principal,
        List<TaskAction> actions,
        List<TaskTrigger> triggers) {

    public RegisteredTask {
        actions = List.copyOf(actions);
        triggers = List.copyOf(triggers);
    }
}
