package io.agent7.agent.collect.windows.config;

/**
 * The principal of a task definition (IPrincipal) and what LookupAccountName/Sid made of it.
 *
 * @param userId     IPrincipal.UserId as stored: a name (SYSTEM, CORP\svc) or a SID, or null
 * @param groupId    IPrincipal.GroupId, or null
 * @param logonType  TASK_LOGON_TYPE: NONE 0, PASSWORD 1, S4U 2, INTERACTIVE_TOKEN 3, GROUP 4,
 *                   SERVICE_ACCOUNT 5, INTERACTIVE_TOKEN_OR_PASSWORD 6
 * @param runLevel   TASK_RUNLEVEL_TYPE: LUA 0, HIGHEST 1
 * @param sid        the account's SID, or null when it did not resolve
 * @param name       the account's name as the lookup gives it (SYSTEM, LOCAL SERVICE), or null
 * @param domain     the account's domain as the lookup gives it (NT AUTHORITY, BUILTIN), or null
 */
public record TaskPrincipal(
        String userId, String groupId, int logonType, int runLevel, String sid, String name, String domain) {}
