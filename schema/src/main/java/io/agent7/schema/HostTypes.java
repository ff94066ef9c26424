package io.agent7.schema;

import static io.agent7.schema.FieldType.BOOLEAN;
import static io.agent7.schema.FieldType.DATE;
import static io.agent7.schema.FieldType.FLOAT;
import static io.agent7.schema.FieldType.IP;
import static io.agent7.schema.FieldType.LONG;

import java.util.List;

/**
 * Data types collected from each endpoint. ECS names wherever ECS has the concept; the
 * type's own namespace otherwise. Field aliases keep the original Agent7's names working
 * ({@code cmd_line}, {@code image}, {@code is_priv}, ...).
 */
final class HostTypes {

    static final DataType HOST = DataType.builder("host")
            .description("One document per enrolled host: its OS, addresses, agent and last check-in.")
            .alias("hosts", "agents", "computers")
            .keyword("host.hostname", "Host name as the OS reports it, without domain.")
            .keyword("host.domain", "DNS or Windows domain the host belongs to.")
            .keyword("host.os.family", "OS family: windows, linux, macos.")
            .keywordText("host.os.name", "OS name, e.g. Windows Server 2022 Datacenter or Debian GNU/Linux.")
            .keywordText("host.os.full", "OS name with version and edition.")
            .keyword("host.os.version", "OS version.")
            .keyword("host.os.kernel", "Kernel version or Windows build.")
            .keyword("host.os.platform", "OS platform, e.g. windows, debian, rhel.")
            .keyword("host.os.type", "OS type: windows, linux, macos.")
            .field("host.ip", IP, "The host's IP addresses.")
            .keyword("host.mac", "The host's MAC addresses.")
            .keyword("host.architecture", "CPU architecture, e.g. x86_64.")
            .field("host.uptime", LONG, "Seconds since boot at the last check-in.")
            .keyword("host.boot.id", "Identifier of the current boot.")
            .keyword("agent.version", "Version of the Agent7 agent.")
            .field("host_state.last_checkin", DATE, "When the agent last checked in.")
            .field("host_state.enrolled_at", DATE, "When the agent enrolled.")
            .keyword("host_state.group", "Host group: decides the host's policy.")
            .keyword("host_state.policy_version", "Version of the policy the agent runs.")
            .field(
                    "host_state.spool_dropped",
                    LONG,
                    "Batches the agent dropped from a full spool, as reported at check-in.")
            .field("host_state.spool_bytes", LONG, "Bytes waiting in the agent's spool at the last check-in.")
            .field(
                    "host_state.clock_skew",
                    LONG,
                    "Seconds the agent's clock ran ahead of the server's in its latest batch, when past the"
                            + " ingest API's tolerance (its batches are then taken as collected at the server's"
                            + " time); 0 while its batches come on time.")
            .keyword("host_state.forced_collections", "Collections an admin asked for that the agent has not yet run.")
            .keyword(
                    "host_state.collector_errors",
                    "Collectors whose last run failed or ran over its time budget, as type: reason.")
            .fieldAlias("hostname", "host.hostname")
            .fieldAlias("os", "host.os.name")
            .fieldAlias("last_checkin", "host_state.last_checkin")
            .identity("host.id")
            .build();

    static final DataType PROCESS = DataType.builder("process")
            .description("A process running on the host.")
            .alias("processes", "procs", "ps")
            .field("process.pid", LONG, "Process id.")
            .field("process.start", DATE, "When the process started.")
            .field("process.parent.pid", LONG, "Parent process id.")
            .keywordText("process.parent.name", "Name of the parent process.")
            .keywordText("process.name", "Process name, usually the executable's file name.")
            .executable("the process runs")
            .caselessText("process.user.name", "Name of the account the process runs as.")
            .keyword("process.user.id", "Id of that account: a uid on Linux, a SID on Windows.")
            .keyword(
                    "process.integrity_level",
                    "Mandatory integrity level of the process's token (Windows): untrusted, low, medium, high,"
                            + " system or protected.")
            .keyword(
                    "process.entity_id",
                    "Unique id of the process: set by the ingest API, the document's id (host, pid and start time).")
            .fieldAlias("pid", "process.pid")
            .fieldAlias("ppid", "process.parent.pid")
            .fieldAliases("process.command_line", "cmd_line", "command")
            .fieldAlias("image", "process.executable")
            .fieldAlias("username", "process.user.name")
            .fieldAlias("hash", "process.hash.sha256")
            .fieldAlias("host_name", "host.name")
            .identity("process.pid", "process.start")
            .build();

    static final DataType SERVICE = DataType.builder("service")
            .description("A service: a Windows service or driver, or a systemd unit.")
            .alias("services")
            .caseless("service.name", "Service (key) name, e.g. WinDefend or sshd.service.")
            .keywordText("service.display_name", "Display name.")
            .keywordText("service.description", "Description.")
            .keyword(
                    "service.state",
                    "Current state: running, stopped, start_pending, ... (systemd: active, inactive, failed).")
            .keyword(
                    "service.start_type",
                    "How it starts: boot, system, auto, delayed_auto, manual, disabled (systemd: enabled, disabled, static, masked).")
            .keyword(
                    "service.type",
                    "Service type: own_process, share_process, kernel_driver, file_system_driver (systemd: simple, forking, oneshot, notify).")
            .keyword("service.dependencies", "Services it depends on.")
            .field("service.pid", LONG, "Process id while running.")
            .keyword("service.unit_file", "Unit file (systemd) or registry key (Windows) that defines it.")
            .keyword("service.service_dll", "ServiceDll of a shared-process service (Windows).")
            .executable("the service runs")
            .runAs("the service runs as")
            .field("service.privileged", BOOLEAN, "Whether it runs as a privileged account (LocalSystem, root, ...).")
            .fieldAlias("image", "process.executable")
            .fieldAliases("process.command_line", "cmd_line", "command")
            .fieldAlias("arguments", "process.args")
            .fieldAlias("display_name", "service.display_name")
            .fieldAlias("start_type", "service.start_type")
            .fieldAlias("service_type", "service.type")
            .fieldAlias("status", "service.state")
            .fieldAlias("dependencies", "service.dependencies")
            .fieldAlias("hash", "process.hash.sha256")
            .fieldAliases("user.name", "username", "run_as")
            .fieldAlias("is_priv", "service.privileged")
            .fieldAlias("host_name", "host.name")
            .identity("service.name")
            .optionalIdentity("process.command_line")
            .build();

    static final DataType SCHEDULED_TASK = DataType.builder("scheduled_task")
            .description("A scheduled task: Windows Task Scheduler, cron tables and systemd timers.")
            .alias("schtasks", "scheduled_tasks", "cron")
            .caselessText("scheduled_task.name", "Task name.")
            .caseless("scheduled_task.path", "Full path: task folder and name (Windows), or file and line (cron).")
            .caseless("scheduled_task.folder", "Task folder (Windows) or cron file.")
            .keyword(
                    "scheduled_task.source",
                    "Where it is defined: task_scheduler, crontab, cron_d, cron_periodic, systemd_timer.")
            .field("scheduled_task.hidden", BOOLEAN, "Whether the task is hidden (Windows).")
            .keyword("scheduled_task.state", "State: ready, running, disabled, queued, unknown.")
            .field("scheduled_task.enabled", BOOLEAN, "Whether the task is enabled.")
            .field("scheduled_task.last_run", DATE, "When it last ran.")
            .field("scheduled_task.next_run", DATE, "When it runs next.")
            .field("scheduled_task.last_result", LONG, "Result code of the last run.")
            .keyword("scheduled_task.run_level", "Run level: highest or limited (Windows).")
            .keyword(
                    "scheduled_task.schedule",
                    "When it runs: the cron expression, the timer's OnCalendar, or a trigger summary.")
            .keyword("scheduled_task.author", "Author recorded in the task.")
            .keywordText("scheduled_task.description", "Description.")
            .keyword("scheduled_task.account_type", "Kind of run-as account: user, group, service, system.")
            .field("scheduled_task.privileged", BOOLEAN, "Whether the run-as account is privileged.")
            .caseless(
                    "scheduled_task.com_handler.class_id",
                    "CLSID of the COM handler the task runs instead of a program, in braces as stored"
                            + " (Windows); process.executable is then the class's server.")
            .keyword(
                    "scheduled_task.com_handler.registered_in",
                    "Which registration of that class the handler resolves to for the task's account:"
                            + " machine (HKLM\\SOFTWARE\\Classes) or user (the account's own Software\\Classes,"
                            + " which shadows the machine's: COM hijacking). Absent when the class is not registered.")
            .executable("the task runs")
            .runAs("the task runs as")
            .fieldAliases("process.command_line", "cmd_line", "command")
            .fieldAlias("image", "process.executable")
            .fieldAlias("arguments", "process.args")
            .fieldAlias("hash", "process.hash.sha256")
            .fieldAlias("folder", "scheduled_task.folder")
            .fieldAlias("hidden", "scheduled_task.hidden")
            .fieldAlias("state", "scheduled_task.state")
            .fieldAlias("enabled", "scheduled_task.enabled")
            .fieldAlias("last_run", "scheduled_task.last_run")
            .fieldAlias("next_run", "scheduled_task.next_run")
            .fieldAlias("last_result", "scheduled_task.last_result")
            .fieldAlias("run_level", "scheduled_task.run_level")
            .fieldAlias("username", "user.name")
            .fieldAlias("is_priv", "scheduled_task.privileged")
            .fieldAlias("host_name", "host.name")
            .identity("scheduled_task.path")
            .optionalIdentity("process.command_line", "user.name")
            .build();

    static final DataType STARTUP_ITEM = DataType.builder("startup_item")
            .description("Something that starts with the system or at logon: Run keys, startup folders, "
                    + "enabled systemd units, rc.local, XDG autostart, @reboot cron.")
            .alias("startup", "tasks", "autoruns", "startup_items")
            .caselessText("startup_item.name", "Entry name: registry value name, shortcut or unit name.")
            .caseless("startup_item.location", "Where it is registered: registry key, folder or file.")
            .keyword(
                    "startup_item.source",
                    "Mechanism: registry_run, registry_runonce, startup_folder, winlogon, active_setup, "
                            + "systemd_unit, rc_local, xdg_autostart, cron_reboot, init_d.")
            .keyword("startup_item.scope", "Whom it applies to: machine (all users) or user.")
            .field("startup_item.enabled", BOOLEAN, "Whether it is enabled.")
            .executable("the item starts")
            .runAs("the item starts for (the owning user for per-user entries)")
            .field("startup_item.privileged", BOOLEAN, "Whether it runs as a privileged account.")
            .fieldAliases("process.command_line", "cmd_line", "command")
            .fieldAlias("image", "process.executable")
            .fieldAlias("hash", "process.hash.sha256")
            .fieldAlias("location", "startup_item.location")
            .fieldAlias("username", "user.name")
            .fieldAlias("is_priv", "startup_item.privileged")
            .fieldAlias("host_name", "host.name")
            .identity("startup_item.location", "startup_item.name")
            .optionalIdentity("process.command_line", "user.name")
            .build();

    static final DataType SOFTWARE = DataType.builder("software")
            .description("An installed package or program: dpkg, rpm, Windows Installer and uninstall entries.")
            .alias("packages", "programs", "installed_software")
            .caselessText("package.name", "Package or program name.")
            .keyword("package.version", "Installed version.")
            .keyword("package.architecture", "Architecture, e.g. amd64, x86_64, x86.")
            .keyword("package.type", "Package kind: deb, rpm, msi, exe, appx.")
            .keyword("package.description", "Description.")
            .field("package.installed", DATE, "When it was installed.")
            .keyword("package.install_scope", "Install scope: global, user.")
            .keyword("package.path", "Install location.")
            .field("package.size", LONG, "Installed size in bytes.")
            .keyword("package.license", "License.")
            .keyword("package.reference", "Home page or help link.")
            .keywordText("software.vendor", "Publisher or maintainer.")
            .keyword("software.source", "Where the entry was found: dpkg, rpm, uninstall_key, msi, appx.")
            .keyword("software.uninstall_command", "Uninstall command line (Windows).")
            .fieldAlias("name", "package.name")
            .fieldAlias("version", "package.version")
            .fieldAliases("software.vendor", "vendor", "publisher")
            .fieldAlias("install_date", "package.installed")
            .fieldAlias("host_name", "host.name")
            .identity("package.name")
            .optionalIdentity("package.version", "package.architecture", "package.install_scope")
            .build();

    static final DataType UPDATE = DataType.builder("update")
            .description(
                    "An installed update: Windows hotfixes and OS updates, package installs and upgrades on Linux.")
            .alias("updates", "hotfixes", "patches")
            .caseless("update.id", "Update id: a KB number, or package@version on Linux.")
            .keywordText("update.title", "Title or description.")
            .keyword(
                    "update.type",
                    "Kind: hotfix, security_update, update, package_install, package_upgrade, package_remove.")
            .field("update.installed_at", DATE, "When it was installed.")
            .keyword("update.installed_by", "Who installed it.")
            .keyword("update.previous_version", "Version it replaced (upgrades).")
            .keyword("update.source", "Where it was read: qfe, windows_update, dpkg_log, apt_history, yum_history.")
            .keyword("update.reference", "Support link.")
            .caseless("package.name", "Package it installed or upgraded (Linux).")
            .keyword("package.version", "Version it installed.")
            .fieldAliases("update.id", "kb", "hotfix_id")
            .fieldAlias("installed_on", "update.installed_at")
            .fieldAlias("installed_by", "update.installed_by")
            .fieldAlias("host_name", "host.name")
            .identity("update.id")
            .optionalIdentity("update.installed_at")
            .build();

    static final DataType LOGGED_ON_USER = DataType.builder("logged_on_user")
            .description("A user session on the host now: console, remote desktop, SSH, network logons.")
            .alias("logons", "sessions", "logged_on_users", "who")
            .runAs("logged on")
            .keyword("logged_on_user.session_id", "Session id (Windows) or terminal (Linux).")
            .keyword(
                    "logged_on_user.logon_type",
                    "Logon type: interactive, remote_interactive, network, batch, service, unlock, cached.")
            .field("logged_on_user.logon_time", DATE, "When the session started.")
            .keyword("logged_on_user.terminal", "Terminal or station, e.g. pts/0, Console, RDP-Tcp#3.")
            .keyword("logged_on_user.logon_server", "Server that authenticated the logon (Windows).")
            .keyword("logged_on_user.auth_package", "Authentication package: Kerberos, NTLM, Negotiate.")
            .field("source.ip", IP, "Address the session comes from, for remote sessions.")
            .keyword("source.address", "Host name or address the session comes from, as recorded.")
            .fieldAlias("username", "user.name")
            .fieldAlias("logon_time", "logged_on_user.logon_time")
            .fieldAlias("host_name", "host.name")
            .identity("user.name")
            .optionalIdentity("user.domain", "logged_on_user.session_id", "logged_on_user.logon_time")
            .build();

    static final DataType NETWORK_CONNECTION = DataType.builder("network_connection")
            .description("A TCP or UDP socket: listening, or connected to a remote address.")
            .alias("net", "connections", "netstat", "network_connections", "sockets")
            .keyword("network.transport", "tcp or udp.")
            .keyword("network.type", "ipv4 or ipv6.")
            .keyword("network.direction", "listening, inbound, outbound.")
            .field("source.ip", IP, "Local address.")
            .field("source.port", LONG, "Local port.")
            .field("destination.ip", IP, "Remote address.")
            .field("destination.port", LONG, "Remote port.")
            .keyword("destination.domain", "Remote host name, when known.")
            .keyword("network_connection.state", "Socket state: listen, established, time_wait, close_wait, ...")
            .field("process.pid", LONG, "Process that owns the socket.")
            .keywordText("process.name", "Name of that process.")
            .keywordText("process.executable", "Path of that process's program.")
            .caselessText("user.name", "Account of that process.")
            .keyword("destination.geo.country_iso_code", "Country of the remote address.")
            .keyword("destination.geo.city_name", "City of the remote address.")
            .field("destination.geo.location", FieldType.GEO_POINT, "Location of the remote address.")
            .field("destination.as.number", LONG, "Autonomous system of the remote address.")
            .keywordText("destination.as.organization.name", "Organisation of that autonomous system.")
            .fieldAliases("source.ip", "local_address", "laddr")
            .fieldAliases("source.port", "local_port", "lport")
            .fieldAliases("destination.ip", "remote_address", "raddr")
            .fieldAliases("destination.port", "remote_port", "rport")
            .fieldAlias("pid", "process.pid")
            .fieldAlias("state", "network_connection.state")
            .fieldAlias("protocol", "network.transport")
            .fieldAlias("host_name", "host.name")
            .identity("network.transport", "source.ip", "source.port")
            .optionalIdentity("destination.ip", "destination.port", "process.pid")
            .build();

    static final DataType SHARE = DataType.builder("share")
            .description("A shared folder or printer: SMB shares, Samba shares, NFS exports.")
            .alias("shares")
            .caseless("share.name", "Share name, e.g. C$ or public.")
            .caseless("share.path", "Local path that is shared.")
            .keyword("share.type", "Kind: disk, print, ipc, special (admin), nfs, samba.")
            .keywordText("share.description", "Remark or comment.")
            .keyword("share.permissions", "Access entries as principal:access, e.g. Everyone:full or 10.0.0.0/8(rw).")
            .field("share.everyone_access", BOOLEAN, "Whether everyone (or any host) may access it.")
            .field("share.max_users", LONG, "Connection limit, when set.")
            .field("share.current_users", LONG, "Open connections now.")
            .fieldAlias("name", "share.name")
            .fieldAlias("path", "share.path")
            .fieldAlias("host_name", "host.name")
            .identity("share.name")
            .optionalIdentity("share.path")
            .build();

    static final DataType LOCAL_USER = DataType.builder("local_user")
            .description("An account of the host itself: Windows local accounts, /etc/passwd entries.")
            .alias("users", "local_users", "accounts")
            .caselessText("user.name", "Account name.")
            .keyword("user.id", "Account id: a SID on Windows, a uid on Linux.")
            .caseless("user.domain", "Computer name (Windows) or host name the account belongs to.")
            .caselessText("user.full_name", "Full name.")
            .caseless("user.group.name", "Groups the account belongs to.")
            .field(
                    "user.privileged",
                    BOOLEAN,
                    "Whether the account is privileged: an administrator or root, or in "
                            + "a group that grants it (Administrators, sudo, wheel, admin).")
            .field("user.enabled", BOOLEAN, "Whether the account can log on (not disabled, not locked, not expired).")
            .field("user.last_logon", DATE, "Last logon.")
            .field("user.password_last_set", DATE, "When the password last changed.")
            .field("local_user.last_logoff", DATE, "Last logoff (Windows).")
            .field("local_user.password_age_days", LONG, "Days since the password changed.")
            .field("local_user.password_expires", DATE, "When the password expires.")
            .field("local_user.bad_password_count", LONG, "Failed logons since the last success.")
            .field("local_user.logon_count", LONG, "Number of logons.")
            .keyword("local_user.flags", "Account flags, e.g. ACCOUNTDISABLE, DONT_EXPIRE_PASSWD, PASSWD_NOTREQD.")
            .keyword("local_user.type", "Kind: normal, system, service, builtin.")
            .keyword("local_user.shell", "Login shell (Linux).")
            .keyword("local_user.home", "Home directory.")
            .field("local_user.locked", BOOLEAN, "Whether the account or its password is locked.")
            .keywordText("local_user.description", "Comment or description.")
            .fieldAliases("user.name", "username", "name")
            .fieldAliases("user.id", "sid", "uid")
            .fieldAlias("is_priv", "user.privileged")
            .fieldAlias("active", "user.enabled")
            .fieldAlias("last_logon", "user.last_logon")
            .fieldAlias("last_logoff", "local_user.last_logoff")
            .fieldAlias("groups", "user.group.name")
            .fieldAlias("flags", "local_user.flags")
            .fieldAlias("bad_password_count", "local_user.bad_password_count")
            .fieldAlias("number_of_logons", "local_user.logon_count")
            .fieldAlias("password_age", "local_user.password_age_days")
            .fieldAlias("host_name", "host.name")
            .identity("user.name")
            .optionalIdentity("user.id")
            .build();

    static final DataType LOCAL_GROUP = DataType.builder("local_group")
            .description("A group of the host itself, with its members.")
            .alias("groups", "local_groups")
            .caselessText("group.name", "Group name.")
            .keyword("group.id", "Group id: a SID on Windows, a gid on Linux.")
            .caseless("group.domain", "Domain or computer name of the group.")
            .keywordText("local_group.description", "Description.")
            .caseless("local_group.members", "Members, as names (DOMAIN\\name on Windows).")
            .keyword("local_group.member_ids", "Members, as SIDs or uids.")
            .field("local_group.member_count", LONG, "Number of members.")
            .field("local_group.privileged", BOOLEAN, "Whether membership makes an account privileged.")
            .fieldAlias("name", "group.name")
            .fieldAlias("members", "local_group.members")
            .fieldAlias("is_priv", "local_group.privileged")
            .fieldAlias("host_name", "host.name")
            .identity("group.name")
            .optionalIdentity("group.id")
            .build();

    static final DataType SYSTEM_METRIC = DataType.builder("system_metric")
            .description("A sample of the host's load: CPU, load averages, memory, swap, uptime.")
            .alias("metrics", "system_metrics", "perf")
            .series()
            .field("system_metric.sampled_at", DATE, "When the sample was taken.")
            .field("system_metric.cpu.pct", FLOAT, "CPU in use across all cores, 0 to 1.")
            .field("system_metric.cpu.cores", LONG, "Logical CPUs.")
            .field("system_metric.load.1", FLOAT, "Load average over 1 minute (Linux).")
            .field("system_metric.load.5", FLOAT, "Load average over 5 minutes (Linux).")
            .field("system_metric.load.15", FLOAT, "Load average over 15 minutes (Linux).")
            .field("system_metric.memory.total", LONG, "Physical memory, bytes.")
            .field("system_metric.memory.used", LONG, "Physical memory in use, bytes.")
            .field("system_metric.memory.pct", FLOAT, "Physical memory in use, 0 to 1.")
            .field("system_metric.swap.total", LONG, "Swap or page file size, bytes.")
            .field("system_metric.swap.used", LONG, "Swap or page file in use, bytes.")
            .field("system_metric.process_count", LONG, "Processes running.")
            .field("host.uptime", LONG, "Seconds since boot.")
            .fieldAlias("cpu", "system_metric.cpu.pct")
            .fieldAlias("memory", "system_metric.memory.pct")
            .fieldAlias("uptime", "host.uptime")
            .fieldAlias("host_name", "host.name")
            .identity("system_metric.sampled_at")
            .build();

    static final DataType DISK = DataType.builder("disk")
            .description("A mounted volume or drive, with its size and use.")
            .alias("disks", "volumes", "drives")
            .caseless("disk.mount_point", "Where it is mounted: a drive letter or a path.")
            .keyword("volume.device_name", "Device, e.g. /dev/sda1 or \\\\?\\Volume{...}.")
            .keyword("volume.file_system_type", "File system: ext4, xfs, NTFS, ReFS, ...")
            .keyword("volume.mount_name", "Volume label.")
            .keyword("volume.serial_number", "Volume serial number.")
            .field("volume.size", LONG, "Size in bytes.")
            .field("volume.removable", BOOLEAN, "Whether the medium is removable.")
            .field("volume.writable", BOOLEAN, "Whether it is mounted writable.")
            .keyword("volume.device_type", "Device type: fixed, removable, network, optical, ram.")
            .field("disk.used", LONG, "Bytes in use.")
            .field("disk.free", LONG, "Bytes free.")
            .field("disk.used_pct", FLOAT, "Share in use, 0 to 1.")
            .keyword("disk.mount_options", "Mount options, e.g. rw, nosuid.")
            .field("disk.encrypted", BOOLEAN, "Whether it is encrypted (BitLocker, LUKS).")
            .fieldAlias("mount", "disk.mount_point")
            .fieldAlias("size", "volume.size")
            .fieldAlias("host_name", "host.name")
            .identity("disk.mount_point")
            .optionalIdentity("volume.device_name")
            .build();

    static final DataType PRINTER = DataType.builder("printer")
            .description("A printer the host knows: Windows printers, CUPS queues.")
            .alias("printers")
            .caselessText("printer.name", "Printer or queue name.")
            .keyword("printer.driver", "Driver or model.")
            .keyword("printer.port", "Port or device URI.")
            .keywordText("printer.location", "Location.")
            .keywordText("printer.description", "Description.")
            .keyword("printer.status", "Status: idle, printing, stopped, offline, error.")
            .field("printer.shared", BOOLEAN, "Whether it is shared.")
            .keyword("printer.share_name", "Share name, when shared.")
            .field("printer.default", BOOLEAN, "Whether it is the default printer.")
            .field("printer.network", BOOLEAN, "Whether it is a network printer.")
            .fieldAlias("name", "printer.name")
            .fieldAlias("host_name", "host.name")
            .identity("printer.name")
            .build();

    static final DataType PIPE = DataType.builder("pipe")
            .description("A named pipe (Windows), or a FIFO or Unix socket in the file system (Linux).")
            .alias("pipes", "named_pipes")
            .keyword("pipe.name", "Pipe name, e.g. lsass or /run/dbus/system_bus_socket.")
            .keyword("pipe.type", "Kind: named_pipe, fifo, unix_socket.")
            .keywordText("file.path", "Full path: \\\\.\\pipe\\name, or the file system path.")
            .keyword("file.owner", "Owner of the file (Linux).")
            .keyword("file.mode", "Permissions in octal, e.g. 0660 (Linux).")
            .field("pipe.max_instances", LONG, "Most instances allowed (Windows).")
            .field("pipe.current_instances", LONG, "Instances open now (Windows).")
            .keyword("pipe.state", "Socket state for Unix sockets: listen, connected.")
            .field("process.pid", LONG, "Process that serves it, when known.")
            .keywordText("process.name", "Name of that process.")
            .fieldAlias("name", "pipe.name")
            .fieldAlias("path", "file.path")
            .fieldAlias("pid", "process.pid")
            .fieldAlias("host_name", "host.name")
            .identity("pipe.type", "file.path")
            .build();

    static final DataType NET_SESSION = DataType.builder("net_session")
            .description("An inbound network session to this host: SMB sessions (Windows) and "
                    + "established SMB and SSH connections (Linux).")
            .alias("netsessions", "net_sessions", "smb_sessions")
            .field("source.ip", IP, "Client address.")
            .field("source.port", LONG, "Client port.")
            .keyword("source.address", "Client name as reported.")
            .field("destination.port", LONG, "Local port: 445, 22, ...")
            .keyword("network.protocol", "Protocol: smb, ssh.")
            .runAs("of the session")
            .keyword("net_session.client_type", "Client software, when reported (Windows).")
            .field("net_session.open_files", LONG, "Files the session has open (Windows).")
            .field("net_session.active_time", LONG, "Seconds the session has been active.")
            .field("net_session.idle_time", LONG, "Seconds since the session was last used.")
            .field("net_session.guest", BOOLEAN, "Whether it is a guest session.")
            .field("process.pid", LONG, "Server process handling it (Linux).")
            .fieldAlias("client", "source.ip")
            .fieldAlias("username", "user.name")
            .fieldAlias("host_name", "host.name")
            .identity("network.protocol", "source.ip")
            .optionalIdentity("source.port", "user.name")
            .build();

    static final DataType REGISTRY_VALUE = DataType.builder("registry_value")
            .description("A value of a Windows registry key the policy asks for. There is no Linux equivalent.")
            .alias("registry", "registry_values", "reg")
            .keyword("registry.hive", "Hive, abbreviated: HKLM, HKU, ...")
            .caseless("registry.key", "Key path below the hive.")
            .caseless("registry.value", "Value name.")
            .caseless("registry.path", "Full path: hive, key and value.")
            .keyword("registry.data.type", "Value type: REG_SZ, REG_DWORD, ...")
            .keyword("registry.data.strings", "Value data as text; REG_MULTI_SZ has several.")
            .keyword("registry.data.bytes", "Binary data, base64.")
            .field("registry_value.last_written", DATE, "When the key was last written.")
            .caseless("registry_value.user", "Owning user, for keys under HKU.")
            .fieldAlias("path", "registry.path")
            .fieldAlias("data", "registry.data.strings")
            .fieldAlias("host_name", "host.name")
            .identity("registry.path")
            .build();

    static final List<DataType> ALL = List.of(
            HOST,
            PROCESS,
            SERVICE,
            SCHEDULED_TASK,
            STARTUP_ITEM,
            SOFTWARE,
            UPDATE,
            LOGGED_ON_USER,
            NETWORK_CONNECTION,
            SHARE,
            LOCAL_USER,
            LOCAL_GROUP,
            SYSTEM_METRIC,
            DISK,
            PRINTER,
            PIPE,
            NET_SESSION,
            REGISTRY_VALUE);

    private HostTypes() {}
}
