package io.agent7.agent.collect.windows.config;

/**
 * One trigger of a task definition (ITrigger), with the fields of its kind; zero or null where
 * the kind has no such field.
 *
 * @param type               TASK_TRIGGER_TYPE2: EVENT 0, TIME 1, DAILY 2, WEEKLY 3, MONTHLY 4,
 *                           MONTHLYDOW 5, IDLE 6, REGISTRATION 7, BOOT 8, LOGON 9,
 *                           SESSION_STATE_CHANGE 11, CUSTOM_TRIGGER_01 12
 * @param enabled            ITrigger.Enabled
 * @param startBoundary      ITrigger.StartBoundary, ISO 8601 as stored ({@code 2024-01-01T03:00:00},
 *                           an offset or Z when the task is synchronised across time zones)
 * @param repetitionInterval IRepetitionPattern.Interval, an ISO 8601 duration ({@code PT1H}), or null
 * @param daysInterval       IDailyTrigger.DaysInterval
 * @param weeksInterval      IWeeklyTrigger.WeeksInterval
 * @param daysOfWeek         IWeeklyTrigger / IMonthlyDOWTrigger.DaysOfWeek: bit 0 Sunday ... bit 6 Saturday
 * @param daysOfMonth        IMonthlyTrigger.DaysOfMonth: bit 0 the 1st ... bit 30 the 31st, bit 31 the last day
 * @param weeksOfMonth       IMonthlyDOWTrigger.WeeksOfMonth: bit 0 first ... bit 3 fourth
 * @param userId             ILogonTrigger / ISessionStateChangeTrigger.UserId, or null for any user
 */
public record TaskTrigger(
        int type,
        boolean enabled,
        String startBoundary,
        String repetitionInterval,
        int daysInterval,
        int weeksInterval,
        int daysOfWeek,
        int daysOfMonth,
        int weeksOfMonth,
        String userId) {}
