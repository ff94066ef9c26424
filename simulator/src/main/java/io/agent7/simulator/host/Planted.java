package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The suspicious items planted on one host, with the names and paths they use there. One
 * host in each block of {@link Role#BLOCK} indices is chosen, so the fraction is a steady 2%.
 */
final class Planted {

    private static final List<String> TASK_NAMES = List.of(
            "WindowsUpdateCheck",
            "OneDriveSyncTask",
            "GoogleUpdaterTaskSystem1",
            "AdobeFlashSync",
            "MicrosoftEdgeUpdateCore");
    private static final List<String> PUBLIC_FILES =
            List.of("updater.exe", "Libraries\\svchost.exe", "msupdate.exe", "Documents\\winlogon.exe");
    private static final List<String> SERVICE_NAMES =
            List.of("WinSvcHelper", "UpdateOrchestratorSvc2", "MsCtfMonitor", "NetDiagHost");
    private static final List<String> SERVICE_DISPLAY = List.of(
            "Windows Service Helper",
            "Update Orchestrator Service 2",
            "Text Input Monitor",
            "Network Diagnostics Host");
    private static final List<String> STALE_WINDOWS =
            List.of("helpdesk", "support", "admin2", "tempadmin", "svc_backup_old");
    private static final List<String> STALE_LINUX = List.of("backup-admin", "olduser", "deploy", "contractor");
    private static final List<String> RUN_NAMES =
            List.of("WindowsUpdate", "OneDriveSync", "ChromeHelper", "SecurityHealthUpdate");
    private static final List<String> ROAMING_FILES = List.of(
            "Microsoft\\Network\\netupd.exe",
            "Google\\ChromeUpdate\\chromeupd.exe",
            "Adobe\\AcroSync\\acrosync.exe",
            "Microsoft\\Windows\\Themes\\themesvc.exe");
    private static final List<String> TMP_BINARIES = List.of(
            "/tmp/.X11-unix/.rsync/kworker",
            "/dev/shm/.cache/dbus-helper",
            "/tmp/.font-unix/fontd",
            "/dev/shm/.x/netupd");
    private static final List<String> UNIT_NAMES =
            List.of("dbus-helper.service", "systemd-netupd.service", "kworkerd.service");
    private static final List<String> UID_ZERO = List.of("toor", "sysadm", "ftpadm");

    final Set<Finding> findings;
    final String taskName;
    final String taskPath;
    final String serviceName;
    final String serviceDisplay;
    final String servicePath;
    final String staleUser;
    final long staleLastLogon;
    final long stalePasswordSet;
    final String runName;
    final String runPath;
    final String cronBinary;
    final String unitName;
    final String unitBinary;
    final String uidZeroUser;
    /** Where the planted binaries call home: TEST-NET-3, never a real address. */
    final int callHome;

    final int callHomePort;

    private Planted(Set<Finding> findings, SplittableRandom r, long created, String profileUser) {
        this.findings = findings;
        taskName = pick(r, TASK_NAMES);
        taskPath = "C:\\Users\\Public\\" + pick(r, PUBLIC_FILES);
        int service = r.nextInt(SERVICE_NAMES.size());
        serviceName = SERVICE_NAMES.get(service);
        serviceDisplay = SERVICE_DISPLAY.get(service);
        servicePath = profileUser != null && r.nextBoolean()
                ? "C:\\Users\\" + profileUser + "\\AppData\\Local\\Temp\\" + Hashes.hex(r.nextLong(), 8) + ".exe"
                : "C:\\Windows\\Temp\\svc.exe";
        staleUser = findings.contains(Finding.STALE_PRIVILEGED_USER) ? pick(r, STALE_WINDOWS) : pick(r, STALE_LINUX);
        staleLastLogon = created - (95 + r.nextInt(80)) * SimTime.DAY - r.nextLong(SimTime.DAY);
        stalePasswordSet = staleLastLogon - (300 + r.nextInt(700)) * SimTime.DAY;
        runName = pick(r, RUN_NAMES);
        runPath = "C:\\Users\\" + (profileUser == null ? "Administrator" : profileUser) + "\\AppData\\Roaming\\"
                + pick(r, ROAMING_FILES);
        cronBinary = pick(r, TMP_BINARIES);
        unitName = pick(r, UNIT_NAMES);
        unitBinary = pick(r, TMP_BINARIES);
        uidZeroUser = pick(r, UID_ZERO);
        callHome = Org.ip(203, 0, 113, 10 + r.nextInt(200));
        callHomePort = r.nextBoolean() ? 443 : 8443;
    }

    /** The planted items of host {@code index}, or null for the 49 hosts of 50 that have none. */
    static Planted of(long seed, int index, boolean windows, long created, String profileUser) {
        int chosen = Seeds.below(Seeds.of(seed, index / Role.BLOCK, 0xBAD), Role.BLOCK);
        if (index % Role.BLOCK != chosen) {
            return null;
        }
        SplittableRandom r = new SplittableRandom(Seeds.of(seed, index, 0xBAD));
        List<Finding> candidates = new ArrayList<>();
        for (Finding f : Finding.values()) {
            if (f.windows == windows) {
                candidates.add(f);
            }
        }
        Set<Finding> findings = EnumSet.noneOf(Finding.class);
        for (Finding f : candidates) {
            if (r.nextInt(100) < 45) {
                findings.add(f);
            }
        }
        if (findings.isEmpty()) {
            findings.add(candidates.get(r.nextInt(candidates.size())));
        }
        return new Planted(findings, r, created, profileUser);
    }

    boolean has(Finding finding) {
        return findings.contains(finding);
    }

    /**
     * Who the planted task runs as ({@link Accounts} code): a local administrator, as when an
     * intruder registers it with an account's stolen password, so that a hunt for privileged
     * accounts with tasks outside Program Files finds it. The planted stale account when the
     * host has one (the stale variant of that hunt), otherwise the LAPS-managed one, which
     * logs on weekly.
     */
    int taskAccount() {
        return has(Finding.STALE_PRIVILEGED_USER) ? Accounts.PLANTED_ADMIN : Accounts.LOCAL_ADMIN;
    }

    /** The file name of a planted path, as a process name. */
    static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return path.substring(slash + 1);
    }

    private static String pick(SplittableRandom r, List<String> options) {
        return options.get(r.nextInt(options.size()));
    }
}
