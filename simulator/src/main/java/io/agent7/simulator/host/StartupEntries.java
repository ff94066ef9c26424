package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What starts with a Windows host or at logon: Run keys of the machine and of the profile
 * user, startup folders and Winlogon values, following the installed software. Shared by
 * the startup_item and registry_value documents, so the two always agree.
 */
final class StartupEntries {

    static final String HKLM_RUN = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run";
    static final String HKLM_RUN32 = "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Run";
    static final String HKCU_RUN = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    static final String WINLOGON = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon";
    static final String COMMON_STARTUP = "C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp";

    /**
     * One entry.
     *
     * @param data       the registry value as stored (REG_EXPAND_SZ keeps %windir%), or the shortcut target
     * @param executable the program it starts, expanded
     * @param user       the profile user for per-user entries, null for machine-wide ones
     * @param hash       the path its hash is derived from
     * @param version    the version its hash is derived from
     */
    record Entry(
            String location,
            String name,
            String source,
            String data,
            String dataType,
            String command,
            String executable,
            Principal user,
            String hash,
            String version,
            boolean signed,
            long written) {

        boolean registry() {
            return location.startsWith("HK");
        }
    }

    private StartupEntries() {}

    static List<Entry> of(HostState h) {
        HostProfile p = h.profile;
        long t = h.clock;
        List<Entry> entries = new ArrayList<>();
        String build = h.productVersion("os", Patches.patchedMonth(p, t));
        entries.add(new Entry(
                HKLM_RUN,
                "SecurityHealth",
                "registry_run",
                "%windir%\\system32\\SecurityHealthSystray.exe",
                "REG_EXPAND_SZ",
                "C:\\Windows\\system32\\SecurityHealthSystray.exe",
                "C:\\Windows\\System32\\SecurityHealthSystray.exe",
                null,
                "C:\\Windows\\System32\\SecurityHealthSystray.exe",
                build,
                true,
                p.osInstalled));
        machine(
                h,
                entries,
                "vmtools",
                HKLM_RUN,
                "VMware User Process",
                "C:\\Program Files\\VMware\\VMware Tools\\vmtoolsd.exe",
                " -n vmusr");
        machine(
                h,
                entries,
                "acrobat",
                HKLM_RUN32,
                "AdobeGCInvoker-1.0",
                "C:\\Program Files (x86)\\Common Files\\Adobe\\AdobeGCClient\\AGCInvokerUtility.exe",
                "");
        machine(
                h,
                entries,
                "anyconnect",
                HKLM_RUN32,
                "Cisco Secure Client - AnyConnect VPN",
                "C:\\Program Files (x86)\\Cisco\\Cisco Secure Client\\UI\\csc_ui.exe",
                " -minimized");
        entries.add(new Entry(
                WINLOGON,
                "Userinit",
                "winlogon",
                "C:\\Windows\\system32\\userinit.exe,",
                "REG_SZ",
                "C:\\Windows\\system32\\userinit.exe,",
                "C:\\Windows\\System32\\userinit.exe",
                null,
                "C:\\Windows\\System32\\userinit.exe",
                build,
                true,
                p.osInstalled));
        entries.add(new Entry(
                WINLOGON,
                "Shell",
                "winlogon",
                "explorer.exe",
                "REG_SZ",
                "explorer.exe",
                "C:\\Windows\\explorer.exe",
                null,
                "C:\\Windows\\explorer.exe",
                build,
                true,
                p.osInstalled));
        if (p.role == Role.WORKSTATION) {
            String script = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
            entries.add(new Entry(
                    COMMON_STARTUP,
                    "Map Network Drives.lnk",
                    "startup_folder",
                    script,
                    null,
                    "\"" + script + "\" -NoProfile -WindowStyle Hidden -File \\\\" + Org.DNS_DOMAIN
                            + "\\NETLOGON\\map-drives.ps1",
                    script,
                    null,
                    script,
                    build,
                    true,
                    p.osInstalled + SimTime.DAY));
            perUser(h, entries);
        }
        Planted planted = p.planted;
        if (planted != null && planted.has(Finding.RUN_KEY_IN_APPDATA_ROAMING)) {
            Principal user = profileUser(p);
            entries.add(new Entry(
                    HKCU_RUN,
                    planted.runName,
                    "registry_run",
                    "\"" + planted.runPath + "\" --autorun",
                    "REG_SZ",
                    "\"" + planted.runPath + "\" --autorun",
                    planted.runPath,
                    user,
                    planted.runPath,
                    "1.0",
                    false,
                    p.created - Seeds.between(Seeds.of(p.key, 0x4E), SimTime.DAY, 60 * SimTime.DAY)));
        }
        return entries;
    }

    private static void machine(
            HostState h, List<Entry> entries, String software, String key, String name, String path, String arguments) {
        if (!h.installed(software, h.clock)) {
            return;
        }
        Installs.Install install = h.products.install(software);
        String version = install.version(install.level(h.clock));
        String data = "\"" + path + "\"" + arguments;
        entries.add(new Entry(
                key,
                name,
                "registry_run",
                data,
                "REG_SZ",
                data,
                path,
                null,
                path,
                version,
                true,
                install.installedAt()));
    }

    private static void perUser(HostState h, List<Entry> entries) {
        HostProfile p = h.profile;
        Principal user = profileUser(p);
        String home = "C:\\Users\\" + user.name();
        if (h.installed("onedrive", h.clock)) {
            Installs.Install install = h.products.install("onedrive");
            String path = home + "\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe";
            String data = "\"" + path + "\" /background";
            entries.add(new Entry(
                    HKCU_RUN,
                    "OneDrive",
                    "registry_run",
                    data,
                    "REG_SZ",
                    data,
                    path,
                    user,
                    "C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe",
                    install.version(install.level(h.clock)),
                    true,
                    install.installedAt()));
        }
        if (h.installed("edge", h.clock) && Seeds.chance(Seeds.of(p.key, 0xED6E), 0.6)) {
            Installs.Install install = h.products.install("edge");
            String path = "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe";
            String data = "\"" + path + "\" --no-startup-window --win-session-start";
            entries.add(new Entry(
                    HKCU_RUN,
                    "MicrosoftEdgeAutoLaunch_"
                            + Hashes.hex(Seeds.of(p.key, 0xED6F), 32).toUpperCase(Locale.ROOT),
                    "registry_run",
                    data,
                    "REG_SZ",
                    data,
                    path,
                    user,
                    path,
                    install.version(install.level(h.clock)),
                    true,
                    install.installedAt()));
        }
        if (h.installed("slack", h.clock)) {
            Installs.Install install = h.products.install("slack");
            String path = home + "\\AppData\\Local\\slack\\slack.exe";
            String data = "\"" + path + "\" --process-start-args --startup";
            entries.add(new Entry(
                    HKCU_RUN,
                    "com.squirrel.slack.slack",
                    "registry_run",
                    data,
                    "REG_SZ",
                    data,
                    path,
                    user,
                    "C:\\Users\\{user}\\AppData\\Local\\slack\\slack.exe",
                    install.version(install.level(h.clock)),
                    true,
                    install.installedAt()));
        }
        if (h.installed("keepass", h.clock)) {
            Installs.Install install = h.products.install("keepass");
            String path = "C:\\Program Files\\KeePass Password Safe 2\\KeePass.exe";
            entries.add(new Entry(
                    home + "\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup",
                    "KeePass 2.lnk",
                    "startup_folder",
                    path,
                    null,
                    "\"" + path + "\"",
                    path,
                    user,
                    path,
                    install.version(install.level(h.clock)),
                    true,
                    install.installedAt()));
        }
    }

    /** The user whose hive HKCU is: the workstation's user, or the first admin's profile on a server. */
    static Principal profileUser(HostProfile p) {
        return Accounts.windows(p, p.person >= 0 ? Accounts.PERSON + p.person : Accounts.ADMIN + p.admins[0]);
    }
}
