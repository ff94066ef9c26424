package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;

/** The scheduled tasks a host has: Task Scheduler tasks on Windows, cron lines and systemd timers on Linux. */
final class Tasks {

    /**
     * A task.
     *
     * @param folder   Windows task folder, or the cron file or unit directory
     * @param line     cron line number, 0 otherwise
     * @param schedule the trigger as the system writes it (Linux), or empty to describe {@code when}
     * @param when     the trigger in {@link Schedule} form
     * @param program  the program as the action's Path holds it, or {@code com:} and the DLL a COM
     *                 handler's class is registered with on the machine (InprocServer32, unexpanded)
     * @param runAs    SYSTEM, LOCAL SERVICE, Users, Administrators, INTERACTIVE, user (the profile's), svc_backup,
     *                 or a Linux user
     */
    record Task(
            String source,
            String folder,
            int line,
            String name,
            String schedule,
            Schedule when,
            String runAs,
            String runLevel,
            String program,
            String arguments,
            boolean hidden,
            boolean enabled,
            String author,
            String roles,
            String description) {}

    static final List<Task> WINDOWS = windows("""
        # folder | name | program | arguments | run as | run level | schedule | hidden | enabled | author | roles | description
        \\Microsoft\\Windows\\Defrag\\|ScheduledDefrag|C:\\Windows\\system32\\defrag.exe|-c -h -o -$|SYSTEM|highest|weekly:3:01:00|N|Y|Microsoft Corporation|*|This task optimizes local storage drives.
        \\Microsoft\\Windows\\Windows Defender\\|Windows Defender Scheduled Scan|C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\{defender}\\MpCmdRun.exe|Scan -ScheduleJob -ScanTrigger 55 -IdleScheduledJob|SYSTEM|highest|daily:02:00|N|Y|Microsoft Corporation|*|Periodic scan task.
        \\Microsoft\\Windows\\Windows Defender\\|Windows Defender Cache Maintenance|C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\{defender}\\MpCmdRun.exe|-IdleTask -TaskName WdCacheMaintenance|SYSTEM|highest|daily:03:00|N|Y|Microsoft Corporation|*|Periodic maintenance task.
        \\Microsoft\\Windows\\Windows Defender\\|Windows Defender Cleanup|C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\{defender}\\MpCmdRun.exe|-IdleTask -TaskName WdCleanup|SYSTEM|highest|daily:03:30|N|Y|Microsoft Corporation|*|Periodic cleanup task.
        \\Microsoft\\Windows\\Windows Defender\\|Windows Defender Verification|C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\{defender}\\MpCmdRun.exe|-IdleTask -TaskName WdVerification|SYSTEM|highest|daily:04:00|N|Y|Microsoft Corporation|*|Periodic verification task.
        \\Microsoft\\Windows\\DiskCleanup\\|SilentCleanup|C:\\Windows\\system32\\cleanmgr.exe|/autoclean /d C:|Users|highest|idle|Y|Y|Microsoft Corporation|*|Maintenance task used by the system to launch a silent auto disk cleanup when running low on free disk space.
        \\Microsoft\\Windows\\Time Synchronization\\|SynchronizeTime|C:\\Windows\\system32\\sc.exe|start w32time task_started|LOCAL SERVICE|limited|weekly:0:01:00|N|Y|Microsoft Corporation|*|Maintains date and time synchronization on all clients and servers in the network.
        \\Microsoft\\Windows\\Application Experience\\|Microsoft Compatibility Appraiser|C:\\Windows\\system32\\compattelrunner.exe||SYSTEM|highest|daily:03:11|N|Y|Microsoft Corporation|*|Collects program telemetry information if opted-in to the Microsoft Customer Experience Improvement Program.
        \\Microsoft\\Windows\\Application Experience\\|ProgramDataUpdater|C:\\Windows\\system32\\compattelrunner.exe|-maintenance|SYSTEM|highest|idle|N|Y|Microsoft Corporation|*|Collects program telemetry information if opted-in to the Microsoft Customer Experience Improvement Program.
        \\Microsoft\\Windows\\Customer Experience Improvement Program\\|Consolidator|C:\\Windows\\system32\\wsqmcons.exe||SYSTEM|limited|daily:00:00|N|Y|Microsoft Corporation|*|If the user has consented to participate in the Windows Customer Experience Improvement Program, this job collects and sends usage data to Microsoft.
        \\Microsoft\\Windows\\Servicing\\|StartComponentCleanup|com:%SystemRoot%\\system32\\CbsApi.dll||SYSTEM|highest|idle|N|Y|Microsoft Corporation|*|Servicing task that may be better performed when the computer is idle.
        \\Microsoft\\Windows\\TaskScheduler\\|Regular Maintenance|com:%SystemRoot%\\system32\\MaintenanceUI.dll||SYSTEM|highest|daily:01:00|N|Y|Microsoft Corporation|*|Performs periodic maintenance of the computer system by fixing problems automatically or reporting them through Security and Maintenance.
        \\Microsoft\\Windows\\WindowsUpdate\\|Scheduled Start|C:\\Windows\\system32\\sc.exe|start wuauserv|SYSTEM|limited|daily:05:31|N|Y|Microsoft Corporation|*|This task is used to start the Windows Update service when needed to perform scheduled operations such as scans.
        \\Microsoft\\Windows\\UpdateOrchestrator\\|Schedule Scan|C:\\Windows\\system32\\usoclient.exe|StartScan|SYSTEM|highest|daily:06:16|N|Y|Microsoft Corporation|*|Scans the device for updates.
        \\Microsoft\\Windows\\Chkdsk\\|ProactiveScan|com:%SystemRoot%\\system32\\untfs.dll||SYSTEM|limited|idle|N|Y|Microsoft Corporation|*|NTFS Volume Health Scan.
        \\Microsoft\\Windows\\Registry\\|RegIdleBackup|com:%SystemRoot%\\system32\\regidle.dll||SYSTEM|limited|weekly:0:00:00|N|N|Microsoft Corporation|*|Registry Idle Backup Task.
        \\Microsoft\\Windows\\Wininet\\|CacheTask|com:%SystemRoot%\\system32\\wininet.dll||Users|limited|logon|Y|Y|Microsoft Corporation|*|Wininet Cache task.
        \\Microsoft\\Windows\\CertificateServicesClient\\|UserTask|com:%SystemRoot%\\system32\\pautoenr.dll||Users|limited|logon|N|Y|Microsoft Corporation|*|Certificate Services Client task for user auto-enrollment.
        \\Microsoft\\Windows\\CertificateServicesClient\\|SystemTask|com:%SystemRoot%\\system32\\pautoenr.dll||SYSTEM|highest|boot|N|Y|Microsoft Corporation|*|Certificate Services Client task for machine auto-enrollment.
        \\Microsoft\\Windows\\Windows Error Reporting\\|QueueReporting|C:\\Windows\\system32\\wermgr.exe|-upload|SYSTEM|limited|logon|N|Y|Microsoft Corporation|*|Windows Error Reporting task to process queued reports.
        \\Microsoft\\Windows\\Power Efficiency Diagnostics\\|AnalyzeSystem|com:%SystemRoot%\\system32\\energytask.dll||SYSTEM|highest|weekly:2:04:15|N|Y|Microsoft Corporation|*|This task analyzes the system looking for conditions that may cause high energy use.
        \\Microsoft\\Windows\\Maintenance\\|WinSAT|com:%SystemRoot%\\system32\\WinSATAPI.dll||Administrators|highest|idle|N|Y|Microsoft Corporation|W|Measures a system's performance and capabilities.
        \\Microsoft\\Windows\\SystemRestore\\|SR|C:\\Windows\\system32\\rundll32.exe|/d srrstr.dll,ExecuteScheduledSPPCreation|SYSTEM|highest|daily:00:00|N|Y|Microsoft Corporation|W|This task creates regular system protection points.
        \\Microsoft\\Windows\\Diagnosis\\|Scheduled|com:%SystemRoot%\\system32\\sdiagschd.dll||SYSTEM|highest|weekly:1:01:00|N|Y|Microsoft Corporation|*|The Windows Scheduled Maintenance Task performs periodic maintenance of the computer system.
        \\Microsoft\\Windows\\Server Manager\\|ServerManager|C:\\Windows\\system32\\ServerManagerLauncher.exe||Administrators|limited|logon|N|Y|Microsoft Corporation|S|Task for launching Server Manager when the user logs on.
        \\Microsoft\\Windows\\Device Information\\|Device|C:\\Windows\\system32\\devicecensus.exe||SYSTEM|limited|daily:09:27|N|Y|Microsoft Corporation|W|Device Census task.
        \\Microsoft\\Windows\\Feedback\\Siuf\\|DmClient|C:\\Windows\\system32\\dmclient.exe||SYSTEM|limited|daily:04:42|Y|Y|Microsoft Corporation|W|Feedback task.
        \\Microsoft\\Windows\\InstallService\\|ScanForUpdates|com:%SystemRoot%\\system32\\InstallServiceTasks.dll||SYSTEM|highest|daily:05:01|N|Y|Microsoft Corporation|W|Scans for updates to Microsoft Store apps.
        \\Microsoft\\Windows\\Flighting\\OneSettings\\|RefreshCache|com:%SystemRoot%\\system32\\OneSettingsClient.dll||SYSTEM|limited|daily:10:43|N|Y|Microsoft Corporation|*|OneSettings task.
        \\|MicrosoftEdgeUpdateTaskMachineCore{guid}|C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe|/c|SYSTEM|highest|daily+logon:10:37|N|Y|Microsoft Corporation|sw:edge|Keeps your Microsoft software up to date. If this task is disabled or stopped, your Microsoft software will not be kept up to date.
        \\|MicrosoftEdgeUpdateTaskMachineUA{guid}|C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe|/ua /installsource scheduler|SYSTEM|highest|hourly:37|N|Y|Microsoft Corporation|sw:edge|Keeps your Microsoft software up to date. If this task is disabled or stopped, your Microsoft software will not be kept up to date.
        \\|GoogleUpdateTaskMachineCore{guid}|C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe|/c|SYSTEM|highest|daily+logon:12:11|N|Y|Google LLC|sw:chrome|Keeps your Google software up to date. If this task is disabled or stopped, your Google software will not be kept up to date.
        \\|GoogleUpdateTaskMachineUA{guid}|C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe|/ua /installsource scheduler|SYSTEM|highest|hourly:11|N|Y|Google LLC|sw:chrome|Keeps your Google software up to date. If this task is disabled or stopped, your Google software will not be kept up to date.
        \\Microsoft\\Office\\|Office Automatic Updates 2.0|C:\\Program Files\\Common Files\\Microsoft Shared\\ClickToRun\\OfficeC2RClient.exe|/frequentupdate SCHEDULEDTASK displaylevel=False|SYSTEM|highest|daily+logon:03:00|N|Y|Microsoft Office|sw:office|This task ensures that your Microsoft Office installation can check for updates.
        \\Microsoft\\Office\\|Office ClickToRun Service Monitor|C:\\Program Files\\Common Files\\Microsoft Shared\\ClickToRun\\OfficeC2RClient.exe|/watchservice /Frequency:Daily|SYSTEM|highest|daily:06:24|N|Y|Microsoft Office|sw:office|This task monitors the state of your Microsoft Office ClickToRunSvc and sends crash and error logs to Microsoft.
        \\Microsoft\\Office\\|OfficeTelemetryAgentLogOn2016|C:\\Program Files\\Microsoft Office\\root\\Office16\\msoia.exe|scan upload|Users|limited|logon|N|Y|Microsoft Office|sw:office|This task initiates the background task for Office Telemetry Agent that scans and uploads usage and error information for Office solutions when a user logs on to the computer.
        \\|Adobe Acrobat Update Task|C:\\Program Files (x86)\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM.exe||INTERACTIVE|limited|daily+logon:09:00|N|Y|Adobe Systems Incorporated|sw:acrobat|This task keeps your Adobe Reader and Acrobat applications up to date with the latest enhancements and security fixes.
        \\|OneDrive Standalone Update Task-{sid}|C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe|/reporting|user|limited|daily:15:47|N|Y|Microsoft Corporation|sw:onedrive|Keeps OneDrive up to date.
        \\|OneDrive Reporting Task-{sid}|C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe|/reporting|user|limited|daily:16:12|N|Y|Microsoft Corporation|sw:onedrive|Reports OneDrive telemetry.
        \\Corp\\|Nightly SQL Backup|C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe|-NoProfile -ExecutionPolicy Bypass -File C:\\Scripts\\Backup-Databases.ps1|svc_backup|highest|daily:01:30|N|Y|CORP\\adm-lena.keller|Q|Full backup of all user databases to \\\\backup01\\sql.
        \\Corp\\|Mirror File Shares|C:\\Windows\\System32\\Robocopy.exe|D:\\Shares \\\\backup01\\shares /MIR /R:2 /W:5 /LOG:C:\\Logs\\robocopy.log|svc_backup|highest|daily:22:00|N|Y|CORP\\adm-lena.keller|F|Mirrors the file shares to the backup server.
        \\Corp\\|IIS Log Cleanup|C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe|-NoProfile -ExecutionPolicy Bypass -File C:\\Scripts\\Remove-OldIisLogs.ps1 -Days 30|SYSTEM|highest|weekly:0:04:30|N|Y|CORP\\adm-marco.fischer|I|Deletes IIS logs older than 30 days.
        """);

    static final List<Task> LINUX = linux("""
        # source | file | line | name | schedule as written | when (for last and next run) | user | program | roles | command (last: it may hold pipes)
        crontab|/etc/crontab|17|cron.hourly|17 * * * *|hourly:17|root|/usr/bin/run-parts|*|cd / && run-parts --report /etc/cron.hourly
        crontab|/etc/crontab|18|cron.daily|25 6 * * *|daily:06:25|root|/usr/bin/run-parts|*|test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }
        crontab|/etc/crontab|19|cron.weekly|47 6 * * 7|weekly:0:06:47|root|/usr/bin/run-parts|*|test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.weekly; }
        crontab|/etc/crontab|20|cron.monthly|52 6 1 * *|monthly:1:06:52|root|/usr/bin/run-parts|*|test -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.monthly; }
        cron_d|/etc/cron.d/e2scrub_all|3|e2scrub_all|30 3 * * 0|weekly:0:03:30|root|/usr/lib/x86_64-linux-gnu/e2fsprogs/e2scrub_all_cron|*|test -e /run/systemd/system || SERVICE_MODE=1 /usr/lib/x86_64-linux-gnu/e2fsprogs/e2scrub_all_cron
        cron_d|/etc/cron.d/e2scrub_all|4|e2scrub_all|10 3 * * *|daily:03:10|root|/sbin/e2scrub_all|*|test -e /run/systemd/system || SERVICE_MODE=1 /sbin/e2scrub_all -A -r
        cron_d|/etc/cron.d/php|6|php|09,39 * * * *|hourly:09|root|/usr/lib/php/sessionclean|w|[ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then /usr/lib/php/sessionclean; fi
        cron_d|/etc/cron.d/certbot|12|certbot|0 */12 * * *|twice:00:00|root|/usr/bin/certbot|w|test -x /usr/bin/certbot -a \\! -d /run/systemd/system && perl -e 'sleep int(rand(43200))' && certbot -q renew
        cron_periodic|/etc/cron.daily|1|apt-compat|daily|daily:06:25|root|/etc/cron.daily/apt-compat|*|/etc/cron.daily/apt-compat
        cron_periodic|/etc/cron.daily|1|dpkg|daily|daily:06:25|root|/etc/cron.daily/dpkg|*|/etc/cron.daily/dpkg
        cron_periodic|/etc/cron.daily|1|logrotate|daily|daily:06:25|root|/etc/cron.daily/logrotate|*|/etc/cron.daily/logrotate
        cron_periodic|/etc/cron.daily|1|man-db|daily|daily:06:25|root|/etc/cron.daily/man-db|*|/etc/cron.daily/man-db
        cron_periodic|/etc/cron.weekly|1|man-db|weekly|weekly:0:06:47|root|/etc/cron.weekly/man-db|*|/etc/cron.weekly/man-db
        crontab|/var/spool/cron/crontabs/postgres|23|pg_backup.sh|30 1 * * *|daily:01:30|postgres|/usr/local/bin/pg_backup.sh|d|/usr/local/bin/pg_backup.sh >> /var/log/postgresql/backup.log 2>&1
        crontab|/var/spool/cron/crontabs/root|23|healthcheck.sh|*/5 * * * *|every:5|root|/usr/local/bin/healthcheck.sh|a|/usr/local/bin/healthcheck.sh > /dev/null 2>&1
        crontab|/var/spool/cron/crontabs/root|23|docker|0 3 * * 0|weekly:0:03:00|root|/usr/bin/docker|c|/usr/bin/docker system prune -af --filter "until=168h" > /var/log/docker-prune.log 2>&1
        systemd_timer|/lib/systemd/system|0|apt-daily.timer|*-*-* 6,18:00|twice:06:00|root|/usr/lib/apt/apt.systemd.daily|*|/usr/lib/apt/apt.systemd.daily update
        systemd_timer|/lib/systemd/system|0|apt-daily-upgrade.timer|*-*-* 6:00|daily:06:00|root|/usr/lib/apt/apt.systemd.daily|*|/usr/lib/apt/apt.systemd.daily install
        systemd_timer|/lib/systemd/system|0|dpkg-db-backup.timer|daily|daily:00:00|root|/usr/libexec/dpkg/dpkg-db-backup|D|/usr/libexec/dpkg/dpkg-db-backup
        systemd_timer|/lib/systemd/system|0|e2scrub_all.timer|Sun *-*-* 03:10:00|weekly:0:03:10|root|/sbin/e2scrub_all|*|/sbin/e2scrub_all
        systemd_timer|/lib/systemd/system|0|fstrim.timer|weekly|weekly:1:00:00|root|/sbin/fstrim|*|/sbin/fstrim --listed-in /etc/fstab:/proc/self/mountinfo --verbose --quiet-unsupported
        systemd_timer|/lib/systemd/system|0|logrotate.timer|daily|daily:00:00|root|/usr/sbin/logrotate|*|/usr/sbin/logrotate /etc/logrotate.conf
        systemd_timer|/lib/systemd/system|0|man-db.timer|daily|daily:00:00|root|/usr/bin/mandb|*|/usr/bin/mandb --quiet
        systemd_timer|/lib/systemd/system|0|systemd-tmpfiles-clean.timer|OnBootSec=15min; OnUnitActiveSec=1d|boot|root|/usr/bin/systemd-tmpfiles|*|systemd-tmpfiles --clean
        systemd_timer|/lib/systemd/system|0|certbot.timer|*-*-* 00,12:00:00|twice:00:00|root|/usr/bin/certbot|w|/usr/bin/certbot -q renew
        systemd_timer|/lib/systemd/system|0|motd-news.timer|00,12:00:00|twice:00:00|root|/etc/update-motd.d/50-motd-news|U|/etc/update-motd.d/50-motd-news --force
        """);

    private Tasks() {}

    private static List<Task> windows(String table) {
        List<Task> tasks = new ArrayList<>();
        for (String[] row : Catalog.rows(table, 12)) {
            tasks.add(new Task(
                    "task_scheduler",
                    row[0],
                    0,
                    row[1],
                    "",
                    Schedule.parse(row[6]),
                    row[4],
                    row[5],
                    row[2],
                    row[3],
                    row[7].equals("Y"),
                    row[8].equals("Y"),
                    row[9],
                    row[10],
                    row[11]));
        }
        return List.copyOf(tasks);
    }

    private static List<Task> linux(String table) {
        List<Task> tasks = new ArrayList<>();
        for (String[] row : Catalog.rows(table, 10)) {
            tasks.add(new Task(
                    row[0],
                    row[1],
                    Integer.parseInt(row[2]),
                    row[3],
                    row[4],
                    Schedule.parse(row[5]),
                    row[6],
                    null,
                    row[7],
                    row[9],
                    false,
                    true,
                    null,
                    row[8],
                    null));
        }
        return List.copyOf(tasks);
    }
}
