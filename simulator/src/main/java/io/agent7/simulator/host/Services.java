package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;

/**
 * Windows services and drivers, and systemd units, as the service control manager and
 * systemd describe them. Whether a host has one depends on its role and software.
 */
final class Services {

    static final Catalog<ServiceDef> WINDOWS = windows("""
        # name | display name | type | start | host: svchost group, lsass, program key or driver file | account | roles | run: R running, T on trigger, S stopped | dependencies | service dll | listens (sys: owned by HTTP.sys, pid 4) | description
        DcomLaunch|DCOM Server Process Launcher|share|auto|DcomLaunch -p|LocalSystem|*|R||rpcss.dll||The DCOMLAUNCH service launches COM and DCOM servers in response to object activation requests.
        BrokerInfrastructure|Background Tasks Infrastructure Service|share|auto|DcomLaunch -p|LocalSystem|*|R|RpcEptMapper,RpcSs|psmsrv.dll||Windows infrastructure service that controls which background tasks can run on the system.
        Power|Power|share|auto|DcomLaunch -p|LocalSystem|*|R||umpo.dll||Manages power policy and power policy notification delivery.
        PlugPlay|Plug and Play|share|manual|DcomLaunch -p|LocalSystem|*|R||umpnpmgr.dll||Enables a computer to recognize and adapt to hardware changes with little or no user input.
        LSM|Local Session Manager|share|auto|DcomLaunch -p|LocalSystem|*|R|RpcEptMapper,RpcSs|lsm.dll||Core Windows Service that manages local user sessions.
        RpcSs|Remote Procedure Call (RPC)|share|auto|rpcss -p|NetworkService|*|R|RpcEptMapper,DcomLaunch|rpcss.dll||The RPCSS service is the Service Control Manager for COM and DCOM servers.
        RpcEptMapper|RPC Endpoint Mapper|share|auto|RPCSS -p|NetworkService|*|R||RpcEpMap.dll|tcp:135:any4,any6|Resolves RPC interfaces identifiers to transport endpoints.
        EventLog|Windows Event Log|share|auto|LocalServiceNetworkRestricted -p|LocalService|*|R||wevtsvc.dll|tcp:49666:any4,any6|This service manages events and event logs.
        Dhcp|DHCP Client|share|auto|LocalServiceNetworkRestricted -p|LocalService|W|R|NSI,Afd|dhcpcore.dll||Registers and updates IP addresses and DNS records for this computer.
        Dnscache|DNS Client|share|auto|NetworkService -p|NetworkService|*|R|nsi|dnsrslvr.dll|udp:5353:any4,any6;udp:5355:any4,any6|The DNS Client service caches Domain Name System (DNS) names and registers the full computer name for this computer.
        NlaSvc|Network Location Awareness|share|auto|NetworkService -p|NetworkService|*|R|NSI,RpcSs,TcpIp,EventLog|nlasvc.dll||Collects and stores configuration information for the network and notifies programs when this information is modified.
        nsi|Network Store Interface Service|share|auto|LocalService -p|LocalService|*|R|rpcss,nsiproxy|nsisvc.dll||This service delivers network notifications to user mode clients.
        Schedule|Task Scheduler|share|auto|netsvcs -p|LocalSystem|*|R|RPCSS,SystemEventsBroker|schedsvc.dll|tcp:49667:any4,any6|Enables a user to configure and schedule automated tasks on this computer.
        SystemEventsBroker|System Events Broker|share|auto|DcomLaunch -p|LocalSystem|*|R|RpcEptMapper,RpcSs|SystemEventsBrokerServer.dll||Coordinates execution of background work for WinRT application.
        ProfSvc|User Profile Service|share|auto|netsvcs -p|LocalSystem|*|R|RpcSs|profsvc.dll||This service is responsible for loading and unloading user profiles.
        UserManager|User Manager|share|auto|netsvcs -p|LocalSystem|*|R|RpcSs,ProfSvc|usermgr.dll||User Manager provides the runtime components required for multi-user interaction.
        Winmgmt|Windows Management Instrumentation|share|auto|netsvcs -p|LocalSystem|*|R|RPCSS|WMIsvc.dll||Provides a common interface and object model to access management information about operating system, devices, applications and services.
        gpsvc|Group Policy Client|share|auto|netsvcs -p|LocalSystem|*|R|RPCSS,Mup|gpsvc.dll||The service is responsible for applying settings configured by administrators for the computer and users through the Group Policy component.
        SENS|System Event Notification Service|share|auto|netsvcs -p|LocalSystem|*|R|EventSystem|Sens.dll||Monitors system events and notifies subscribers to COM+ Event System of these events.
        EventSystem|COM+ Event System|share|auto|LocalService -p|LocalService|*|R|rpcss|es.dll||Supports System Event Notification Service (SENS), which provides automatic distribution of events to subscribing COM components.
        Themes|Themes|share|auto|netsvcs -p|LocalSystem|W|R||themeservice.dll||Provides user experience theme management.
        ShellHWDetection|Shell Hardware Detection|share|auto|netsvcs -p|LocalSystem|*|R|RpcSs|shsvcs.dll||Provides notifications for AutoPlay hardware events.
        iphlpsvc|IP Helper|share|auto|NetSvcs -p|LocalSystem|*|R|RpcSS,Tcpip,nsi,WinHttpAutoProxySvc|iphlpsvc.dll||Provides tunnel connectivity using IPv6 transition technologies and IP-HTTPS.
        LanmanServer|Server|share|auto|smbsvcs|LocalSystem|*|R|SamSS,Srv2|srvsvc.dll||Supports file, print, and named-pipe sharing over the network for this computer.
        LanmanWorkstation|Workstation|share|auto|NetworkService -p|NetworkService|*|R|Bowser,MRxSmb20,NSI|wkssvc.dll||Creates and maintains client network connections to remote servers using the SMB protocol.
        W32Time|Windows Time|share|manual|LocalService|LocalService|*|R||w32time.dll|udp:123:any4,any6|Maintains date and time synchronization on all clients and servers in the network.
        BFE|Base Filtering Engine|share|auto|LocalServiceNoNetworkFirewall -p|LocalService|*|R|RpcSs|bfe.dll||The Base Filtering Engine (BFE) is a service that manages firewall and Internet Protocol security (IPsec) policies.
        mpssvc|Windows Defender Firewall|share|auto|LocalServiceNoNetworkFirewall -p|LocalService|*|R|mpsdrv,bfe|mpssvc.dll||Windows Defender Firewall helps protect your computer by preventing unauthorized users from gaining access to your computer.
        CryptSvc|Cryptographic Services|share|auto|NetworkService -p|NetworkService|*|R|RpcSs|cryptsvc.dll||Provides three management services: Catalog Database Service, Protected Root Service and Automatic Root Certificate Update Service.
        DPS|Diagnostic Policy Service|share|delayed_auto|LocalServiceNoNetwork -p|LocalService|*|R||dps.dll||The Diagnostic Policy Service enables problem detection, troubleshooting and resolution for Windows components.
        WinHttpAutoProxySvc|WinHTTP Web Proxy Auto-Discovery Service|share|manual|LocalServiceNetworkRestricted -p|LocalService|*|T|Dhcp|winhttp.dll||WinHTTP implements the client HTTP stack and provides developers with a Win32 API and COM Automation component for sending HTTP requests.
        AudioSrv|Windows Audio|share|auto|LocalServiceNetworkRestricted -p|LocalService|W|R|AudioEndpointBuilder,RpcSs|Audiosrv.dll||Manages audio for Windows-based programs.
        AudioEndpointBuilder|Windows Audio Endpoint Builder|share|auto|LocalSystemNetworkRestricted -p|LocalSystem|W|R||AudioEndpointBuilder.dll||Manages audio devices for the Windows Audio service.
        CDPSvc|Connected Devices Platform Service|share|delayed_auto|LocalService -p|LocalService|W|R|ncbservice,RpcSS,Tcpip|CDPSvc.dll|tcp:5040:any4|This service is used for Connected Devices Platform scenarios.
        SysMain|SysMain|share|auto|LocalSystemNetworkRestricted -p|LocalSystem|W|R|rpcss|sysmain.dll||Maintains and improves system performance over time.
        TrkWks|Distributed Link Tracking Client|share|auto|LocalSystemNetworkRestricted -p|LocalSystem|*|R|RpcSs|trkwks.dll||Maintains links between NTFS files within a computer or across computers in a network.
        StateRepository|State Repository Service|share|manual|appmodel -p|LocalSystem|*|R|rpcss|windows.staterepository.dll||Provides required infrastructure support for the application model.
        TimeBrokerSvc|Time Broker|share|manual|LocalServiceNetworkRestricted -p|LocalService|*|T|RpcSs|TimeBrokerServer.dll||Coordinates execution of background work for WinRT application.
        wuauserv|Windows Update|share|manual|netsvcs -p|LocalSystem|*|T|rpcss|wuaueng.dll||Enables the detection, download, and installation of updates for Windows and other programs.
        BITS|Background Intelligent Transfer Service|share|manual|netsvcs -p|LocalSystem|*|T|RpcSs|qmgr.dll||Transfers files in the background using idle network bandwidth.
        UsoSvc|Update Orchestrator Service|share|delayed_auto|netsvcs -p|LocalSystem|*|R|rpcss|usosvc.dll||Manages Windows Updates.
        WpnService|Windows Push Notifications System Service|share|auto|netsvcs -p|LocalSystem|W|R|rpcss|WpnService.dll||This service runs in session 0 and hosts the notification platform and connection provider.
        TokenBroker|Web Account Manager|share|manual|netsvcs -p|LocalSystem|W|T|RpcSs|TokenBroker.dll||This service is used by Web Account Manager to provide single-sign-on to apps and services.
        DusmSvc|Data Usage|share|auto|LocalServiceNetworkRestricted -p|LocalService|W|R|RpcSS|dusmsvc.dll||Network data usage, data limit, restrict background data, metered networks.
        DiagTrack|Connected User Experiences and Telemetry|share|auto|utcsvc -p|LocalSystem|*|R|RpcSs|diagtrack.dll||The Connected User Experiences and Telemetry service enables features that support in-application and connected user experiences.
        TermService|Remote Desktop Services|share|manual|NetworkService|NetworkService|S|R|RPCSS|termsrv.dll|tcp:3389:any4,any6;udp:3389:any4,any6|Allows users to connect interactively to a remote computer.
        SessionEnv|Remote Desktop Configuration|share|manual|netsvcs -p|LocalSystem|S|R|RPCSS,LanmanWorkstation|sessenv.dll||Remote Desktop Configuration service (RDCS) is responsible for all Remote Desktop Services and Remote Desktop related configuration and session maintenance activities.
        UmRdpService|Remote Desktop Services UserMode Port Redirector|share|manual|LocalSystemNetworkRestricted -p|LocalSystem|S|R|TermService,RDPDR|umrdp.dll||Allows the redirection of Printers/Drives/Ports for RDP connections.
        WinRM|Windows Remote Management (WS-Management)|share|auto|NetworkService -p|NetworkService|S|R|RPCSS,HTTP|WsmSvc.dll|sys:tcp:5985:any4,any6;sys:tcp:47001:any4,any6|Windows Remote Management (WinRM) service implements the WS-Management protocol for remote management.
        Appinfo|Application Information|share|manual|netsvcs -p|LocalSystem|*|T|RpcSs,ProfSvc|appinfo.dll||Facilitates the running of interactive applications with additional administrative privileges.
        WdiServiceHost|Diagnostic Service Host|share|manual|LocalService -p|LocalService|*|T||wdi.dll||The Diagnostic Service Host is used by the Diagnostic Policy Service to host diagnostics that need to run in a Local Service context.
        SSDPSRV|SSDP Discovery|share|manual|LocalServiceAndNoImpersonation -p|LocalService|W|T|HTTP,NSI|ssdpsrv.dll|udp:1900:loop4,host|Discovers networked devices and services that use the SSDP discovery protocol, such as UPnP devices.
        FontCache|Windows Font Cache Service|share|auto|LocalService -p|LocalService|*|R||FntCache.dll||Optimizes performance of applications by caching commonly used font data.
        SamSs|Security Accounts Manager|share|auto|lsass|LocalSystem|*|R|RPCSS|samsrv.dll||The startup of this service signals other services that the Security Accounts Manager (SAM) is ready to accept requests.
        KeyIso|CNG Key Isolation|share|manual|lsass|LocalSystem|*|R||keyiso.dll||The CNG key isolation service is hosted in the LSA process.
        Netlogon|Netlogon|share|auto|lsass|LocalSystem|*|R|LanmanWorkstation|netlogon.dll||Maintains a secure channel between this computer and the domain controller for authenticating users and services.
        VaultSvc|Credential Manager|share|manual|lsass|LocalSystem|*|R||vaultsvc.dll||Provides secure storage and retrieval of credentials to users, applications and security service packages.
        RemoteRegistry|Remote Registry|share|disabled|localService -p|LocalService|*|S|RPCSS|regsvc.dll||Enables remote users to modify registry settings on this computer.
        Fax|Fax|own|manual|fxssvc|NetworkService|W|S|TapiSrv,RpcSs,PlugPlay|||Enables you to send and receive faxes, utilizing fax resources available on this computer or on the network.
        Spooler|Print Spooler|own|auto|spoolsv|LocalSystem|*|R|RPCSS,http|||This service spools print jobs and handles interaction with the printer.
        WinDefend|Microsoft Defender Antivirus Service|own|auto|msmpeng|LocalSystem|*|R|RpcSs|||Helps protect users from malware and other potentially unwanted software.
        WdNisSvc|Microsoft Defender Antivirus Network Inspection Service|own|manual|nissrv|LocalService|*|R|WdNisDrv|||Helps guard against intrusion attempts targeting known and newly discovered vulnerabilities in network protocols.
        MDCoreSvc|Microsoft Defender Core Service|own|auto|mdcoresvc|LocalSystem|*|R|RpcSs|||Microsoft Defender Core Service.
        SecurityHealthService|Windows Security Service|own|manual|securityhealthservice|LocalSystem|*|R|RpcSs|||Windows Security Service handles unified device protection and health information.
        WSearch|Windows Search|own|delayed_auto|searchindexer|LocalSystem|W|R|RPCSS,BrokerInfrastructure|||Provides content indexing, property caching, and search results for files, e-mail, and other content.
        TrustedInstaller|Windows Modules Installer|own|manual|trustedinstaller|LocalSystem|*|T||||Enables installation, modification, and removal of Windows updates and optional components.
        sppsvc|Software Protection|own|delayed_auto|sppsvc|NetworkService|*|T|RpcSs|||Enables the download, installation and enforcement of digital licenses for Windows and Windows applications.
        msiserver|Windows Installer|own|manual|msiexec|LocalSystem|*|S|rpcss|||Adds, modifies, and removes applications provided as a Windows Installer (*.msi, *.msp) package.
        VSS|Volume Shadow Copy|own|manual|vssvc|LocalSystem|*|S|RPCSS|||Manages and implements Volume Shadow Copies used for backup and other purposes.
        VMTools|VMware Tools|own|auto|vmtoolsd|LocalSystem|sw:vmtools|R||||Provides support for synchronizing objects between the host and guest operating systems.
        VGAuthService|VMware Alias Manager and Ticket Service|own|auto|vgauth|LocalSystem|sw:vmtools|R||||Alias Manager and Ticket Service.
        Agent7Agent|Agent7 Agent|own|auto|agent7|LocalSystem|*|R|Tcpip|||Collects the state of this host and sends it to the Agent7 server.
        MSSQLSERVER|SQL Server (MSSQLSERVER)|own|auto|sqlservr|sql|Q|R||||Provides storage, processing and controlled access of data, and rapid transaction processing.
        SQLSERVERAGENT|SQL Server Agent (MSSQLSERVER)|own|auto|sqlagent|NT Service\\SQLSERVERAGENT|Q|R|MSSQLSERVER|||Executes jobs, monitors SQL Server, fires alerts, and allows automation of some administrative tasks.
        SQLWriter|SQL Server VSS Writer|own|auto|sqlwriter|LocalSystem|Q|R||||Provides the interface to backup/restore Microsoft SQL server through the Windows VSS infrastructure.
        SQLTELEMETRY|SQL Server CEIP service (MSSQLSERVER)|own|auto|sqlceip|NT Service\\SQLTELEMETRY|Q|R||||CEIP service for Sql server.
        W3SVC|World Wide Web Publishing Service|share|auto|iissvcs|LocalSystem|I|R|WAS,HTTP|iisw3adm.dll|sys:tcp:80:any4,any6;sys:tcp:443:any4,any6|Provides Web connectivity and administration through the Internet Information Services Manager.
        WAS|Windows Process Activation Service|share|manual|iissvcs|LocalSystem|I|R|RPCSS|iisw3adm.dll||The Windows Process Activation Service (WAS) provides process activation, resource management and health management services for message-activated applications.
        ClickToRunSvc|Microsoft Office Click-to-Run Service|own|auto|officeclicktorun|LocalSystem|sw:office|R|RpcSs|||Manages resource coordination, background streaming, and system integration of Microsoft Office products.
        edgeupdate|Microsoft Edge Update Service (edgeupdate)|own|delayed_auto|edgeupdate_svc|LocalSystem|sw:edge|S||||Keeps your Microsoft software up to date.
        gupdate|Google Update Service (gupdate)|own|delayed_auto|googleupdate_svc|LocalSystem|sw:chrome|S||||Keeps your Google software up to date.
        AdobeARMservice|Adobe Acrobat Update Service|own|auto|armsvc|LocalSystem|sw:acrobat|R||||Adobe Acrobat Updater keeps your Adobe software up to date.
        csc_vpnagent|Cisco Secure Client - AnyConnect VPN Agent|own|auto|vpnagent|LocalSystem|sw:anyconnect|R|BFE,nsi,Tcpip,Dhcp,Dnscache|||Cisco Secure Client - AnyConnect VPN Agent.
        Tcpip|TCP/IP Protocol Driver|kernel|boot|tcpip.sys||*|R||||TCP/IP Protocol Driver.
        disk|Disk Driver|kernel|boot|disk.sys||*|R||||Disk Driver.
        Ntfs|Ntfs|fs|system|Ntfs.sys||*|R||||Ntfs.
        CLFS|Common Log (CLFS)|kernel|boot|CLFS.sys||*|R||||Common Log (CLFS).
        AFD|Ancillary Function Driver for Winsock|kernel|system|afd.sys||*|R||||Ancillary Function Driver for Winsock.
        http|HTTP Service|kernel|manual|HTTP.sys||*|R||||HTTP Service.
        Srv2|Server SMB 2.xxx Driver|fs|manual|srv2.sys||*|R|srvnet|||Server SMB 2.xxx Driver.
        mrxsmb|SMB MiniRedirector Wrapper and Engine|fs|manual|mrxsmb.sys||*|R|rdbss|||Implements the framework for the SMB filesystem redirector.
        WdFilter|Microsoft Defender Antivirus Mini-Filter Driver|fs|boot|wd\\WdFilter.sys||*|R||||Microsoft Defender Antivirus Mini-Filter Driver.
        WdBoot|Microsoft Defender Antivirus Boot Driver|kernel|boot|wd\\WdBoot.sys||*|S||||Microsoft Defender Antivirus Boot Driver.
        WdNisDrv|Microsoft Defender Antivirus Network Inspection System Driver|kernel|manual|wd\\WdNisDrv.sys||*|R||||Microsoft Defender Antivirus Network Inspection System Driver.
        mpsdrv|Windows Defender Firewall Authorization Driver|kernel|manual|mpsdrv.sys||*|R||||Windows Defender Firewall Authorization Driver.
        vmci|VMware VMCI Bus Driver|kernel|boot|vmci.sys||sw:vmtools|R||||VMware VMCI Bus Driver.
        Beep|Beep|kernel|system|Beep.sys||W|S||||Beep.
        """);

    static final Catalog<ServiceDef> LINUX = linux("""
        # unit | type | start | program (- for none) | user | roles (* all, D Debian, U Ubuntu, v VMware guest, role letters, sw:package) | run: R running, O exited oneshot, S inactive | unit file | ExecStart | description
        systemd-journald.service|notify|static|journald|root|*|R|/lib/systemd/system/systemd-journald.service|/lib/systemd/systemd-journald|Journal Service
        systemd-udevd.service|notify|static|udevd|root|*|R|/lib/systemd/system/systemd-udevd.service|/lib/systemd/systemd-udevd|Rule-based Manager for Device Events and Files
        systemd-timesyncd.service|notify|enabled|timesyncd|systemd-timesync|*|R|/lib/systemd/system/systemd-timesyncd.service|/lib/systemd/systemd-timesyncd|Network Time Synchronization
        systemd-logind.service|dbus|static|logind|root|*|R|/lib/systemd/system/systemd-logind.service|/lib/systemd/systemd-logind|User Login Management
        systemd-networkd.service|notify|enabled|networkd|systemd-network|U|R|/lib/systemd/system/systemd-networkd.service|/lib/systemd/systemd-networkd|Network Configuration
        systemd-resolved.service|notify|enabled|resolved|systemd-resolve|U|R|/lib/systemd/system/systemd-resolved.service|/lib/systemd/systemd-resolved|Network Name Resolution
        dbus.service|notify|static|dbus|messagebus|*|R|/lib/systemd/system/dbus.service|/usr/bin/dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only|D-Bus System Message Bus
        cron.service|simple|enabled|cron|root|*|R|/lib/systemd/system/cron.service|/usr/sbin/cron -f $EXTRA_OPTS|Regular background program processing daemon
        rsyslog.service|notify|enabled|rsyslogd|root/syslog|*|R|/lib/systemd/system/rsyslog.service|/usr/sbin/rsyslogd -n -iNONE|System Logging Service
        ssh.service|notify|enabled|sshd|root|*|R|/lib/systemd/system/ssh.service|/usr/sbin/sshd -D $SSHD_OPTS|OpenBSD Secure Shell server
        getty@tty1.service|idle|enabled|agetty|root|*|R|/lib/systemd/system/getty@.service|/sbin/agetty -o -p -- \\u --noclear - $TERM|Getty on tty1
        unattended-upgrades.service|simple|enabled|uu_shutdown|root|*|R|/lib/systemd/system/unattended-upgrades.service|/usr/share/unattended-upgrades/unattended-upgrade-shutdown --wait-for-signal|Unattended Upgrades Shutdown
        open-vm-tools.service|simple|enabled|vmtoolsd|root|v|R|/lib/systemd/system/open-vm-tools.service|/usr/bin/vmtoolsd|Service for virtual machines hosted on VMware
        vgauth.service|simple|enabled|vgauth|root|v|R|/lib/systemd/system/vgauth.service|/usr/bin/VGAuthService|Authentication service for virtual machines hosted on VMware
        agent7-agent.service|simple|enabled|agent7|root|*|R|/etc/systemd/system/agent7-agent.service|/opt/agent7/jre/bin/java -Xmx128m -jar /opt/agent7/agent.jar run|Agent7 endpoint agent
        networkd-dispatcher.service|simple|enabled|networkd_dispatcher|root|U|R|/lib/systemd/system/networkd-dispatcher.service|/usr/bin/networkd-dispatcher $networkd_dispatcher_args|Dispatcher daemon for systemd-networkd
        multipathd.service|notify|enabled|multipathd|root|U|R|/lib/systemd/system/multipathd.service|/sbin/multipathd -d -s|Device-Mapper Multipath Device Controller
        snapd.service|notify|enabled|snapd|root|U|R|/lib/systemd/system/snapd.service|/usr/lib/snapd/snapd|Snap Daemon
        networking.service|oneshot|enabled|-|root|D|O|/lib/systemd/system/networking.service|/sbin/ifup -a --read-environment|Raise network interfaces
        apt-daily.service|oneshot|static|-|root|*|S|/lib/systemd/system/apt-daily.service|/usr/lib/apt/apt.systemd.daily update|Daily apt download activities
        apt-daily-upgrade.service|oneshot|static|-|root|*|S|/lib/systemd/system/apt-daily-upgrade.service|/usr/lib/apt/apt.systemd.daily install|Daily apt upgrade and clean activities
        logrotate.service|oneshot|static|-|root|*|S|/lib/systemd/system/logrotate.service|/usr/sbin/logrotate /etc/logrotate.conf|Rotate log files
        man-db.service|oneshot|static|-|root|*|S|/lib/systemd/system/man-db.service|/usr/bin/mandb --quiet|Daily man-db regeneration
        e2scrub_reap.service|oneshot|enabled|-|root|*|O|/lib/systemd/system/e2scrub_reap.service|/sbin/e2scrub_all -A -r|Remove Stale Online ext4 Metadata Check Snapshots
        systemd-tmpfiles-clean.service|oneshot|static|-|root|*|S|/lib/systemd/system/systemd-tmpfiles-clean.service|systemd-tmpfiles --clean|Cleanup of Temporary Directories
        dpkg-db-backup.service|oneshot|static|-|root|D|S|/lib/systemd/system/dpkg-db-backup.service|/usr/libexec/dpkg/dpkg-db-backup|Daily dpkg database backup service
        fstrim.service|oneshot|static|-|root|*|S|/lib/systemd/system/fstrim.service|/sbin/fstrim --listed-in /etc/fstab:/proc/self/mountinfo --verbose --quiet-unsupported|Discard unused blocks on filesystems from /etc/fstab
        nginx.service|forking|enabled|nginx|root|w|R|/lib/systemd/system/nginx.service|/usr/sbin/nginx -g 'daemon on; master_process on;'|A high performance web server and a reverse proxy server
        php{php}-fpm.service|notify|enabled|phpfpm|root|w|R|/lib/systemd/system/php{php}-fpm.service|/usr/sbin/php-fpm{php} --nodaemonize --fpm-config /etc/php/{php}/fpm/php-fpm.conf|The PHP {php} FastCGI Process Manager
        certbot.service|oneshot|static|-|root|w|S|/lib/systemd/system/certbot.service|/usr/bin/certbot -q renew|Certbot
        postgresql@{pg}-main.service|forking|enabled|postgres|postgres|d|R|/lib/systemd/system/postgresql@.service|/usr/bin/pg_ctlcluster --skip-systemctl-redirect {pg}-main start|PostgreSQL Cluster {pg}-main
        postgresql.service|oneshot|enabled|-|root|d|O|/lib/systemd/system/postgresql.service|/bin/true|PostgreSQL RDBMS
        tomcat{tc}.service|simple|enabled|tomcat|tomcat|a|R|/lib/systemd/system/tomcat{tc}.service|/bin/sh /usr/libexec/tomcat{tc}/tomcat-start.sh|Apache Tomcat {tc} Web Application Server
        redis-server.service|notify|enabled|redis|redis|sw:redis-server|R|/lib/systemd/system/redis-server.service|/usr/bin/redis-server /etc/redis/redis.conf --supervised systemd --daemonize no|Advanced key-value store
        docker.service|notify|enabled|dockerd|root|c|R|/lib/systemd/system/docker.service|/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock|Docker Application Container Engine
        containerd.service|notify|enabled|containerd|root|c|R|/lib/systemd/system/containerd.service|/usr/bin/containerd|containerd container runtime
        """);

    private Services() {}

    static Catalog<ServiceDef> of(boolean windows) {
        return windows ? WINDOWS : LINUX;
    }

    private static Catalog<ServiceDef> windows(String table) {
        List<ServiceDef> services = new ArrayList<>();
        for (String[] row : Catalog.rows(table, 12)) {
            boolean httpSys = row[10].startsWith("sys:");
            String listens = row[10].replace("sys:", "");
            services.add(new ServiceDef(
                    row[0],
                    row[1],
                    row[2],
                    row[3],
                    row[4],
                    row[5],
                    row[6],
                    row[7].charAt(0),
                    row[8].isEmpty() ? List.of() : List.of(row[8].split(",")),
                    row[9],
                    Listen.parse(listens),
                    httpSys,
                    null,
                    null,
                    row[11]));
        }
        return new Catalog<>(services, ServiceDef::name);
    }

    private static Catalog<ServiceDef> linux(String table) {
        List<ServiceDef> units = new ArrayList<>();
        for (String[] row : Catalog.rows(table, 10)) {
            units.add(new ServiceDef(
                    row[0],
                    null,
                    row[1],
                    row[2],
                    row[3],
                    row[4],
                    row[5],
                    row[6].charAt(0),
                    List.of(),
                    null,
                    List.of(),
                    false,
                    row[7],
                    row[8],
                    row[9]));
        }
        return new Catalog<>(units, ServiceDef::name);
    }
}
