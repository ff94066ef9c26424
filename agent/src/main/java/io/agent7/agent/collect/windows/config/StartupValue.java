package io.agent7.agent.collect.windows.config;

/**
 * One thing Windows starts at boot or logon, as found: a registry value (Run, RunOnce,
 * Winlogon, Active Setup StubPath) or a file of a Startup folder.
 *
 * @param location        the key ({@code HKLM\SOFTWARE\WOW6432Node\...\Run}, per-user keys
 *                        written {@code HKCU\...}) or the folder
 * @param name            the value name, the component key, or the file name
 * @param source          registry_run, registry_runonce, startup_folder, winlogon, active_setup
 * @param data            the registry value as stored (REG_EXPAND_SZ unexpanded), or the path of a
 *                        Startup folder file that is not a shortcut; null for a shortcut
 * @param link            the parsed shortcut, for a .lnk file
 * @param startupApproved the first byte of the matching Explorer\StartupApproved value, whose
 *                        low bit Task Manager sets to disable the entry; null when there is none
 * @param isInstalled     an Active Setup component's IsInstalled DWORD; null when absent
 * @param userSid         the SID of the hive or profile a per-user entry belongs to, null for machine entries
 * @param userName        that account's name, null when it does not resolve
 * @param userDomain      that account's domain, null when it does not resolve
 */
public record StartupValue(
        String location,
        String name,
        String source,
        String data,
        ShellLink link,
        Integer startupApproved,
        Integer isInstalled,
        String userSid,
        String userName,
        String userDomain) {}
