package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;

/**
 * The process kinds of each OS. Templates in paths and command lines are filled per
 * process by {@link ProcessVars}. On Linux, names are the kernel's 15-character comm, as
 * process listings show them.
 */
final class Programs {

    static final Catalog<Program> WINDOWS = parse("""
        # key | name | image path | command line | product | company | description | listens
        system|System|||os|Microsoft Corporation|NT Kernel & System|tcp:445:any4,any6;tcp:139:host;udp:137:host;udp:138:host
        registry|Registry|||os|Microsoft Corporation|Registry|
        memcompression|Memory Compression|||os|Microsoft Corporation|Memory Compression|
        smss|smss.exe|C:\\Windows\\System32\\smss.exe|\\SystemRoot\\System32\\smss.exe|os|Microsoft Corporation|Windows Session Manager|
        csrss|csrss.exe|C:\\Windows\\System32\\csrss.exe|%SystemRoot%\\system32\\csrss.exe ObjectDirectory=\\Windows SharedSection=1024,20480,768 Windows=On SubSystemType=Windows ServerDll=basesrv,1 ServerDll=winsrv:UserServerDllInitialization,3 ServerDll=sxssrv,4 ProfileControl=Off MaxRequestThreads=16|os|Microsoft Corporation|Client Server Runtime Process|
        wininit|wininit.exe|C:\\Windows\\System32\\wininit.exe|wininit.exe|os|Microsoft Corporation|Windows Start-Up Application|tcp:49665:any4,any6
        winlogon|winlogon.exe|C:\\Windows\\System32\\winlogon.exe|winlogon.exe|os|Microsoft Corporation|Windows Logon Application|
        services|services.exe|C:\\Windows\\System32\\services.exe|C:\\Windows\\system32\\services.exe|os|Microsoft Corporation|Services and Controller app|tcp:49669:any4,any6
        lsass|lsass.exe|C:\\Windows\\System32\\lsass.exe|C:\\Windows\\system32\\lsass.exe|os|Microsoft Corporation|Local Security Authority Process|tcp:49664:any4,any6
        fontdrvhost|fontdrvhost.exe|C:\\Windows\\System32\\fontdrvhost.exe|"fontdrvhost.exe"|os|Microsoft Corporation|Usermode Font Driver Host|
        dwm|dwm.exe|C:\\Windows\\System32\\dwm.exe|"dwm.exe"|os|Microsoft Corporation|Desktop Window Manager|
        svchost|svchost.exe|C:\\Windows\\System32\\svchost.exe|C:\\Windows\\system32\\svchost.exe -k {group}{split}|os|Microsoft Corporation|Host Process for Windows Services|
        svchost_user|svchost.exe|C:\\Windows\\System32\\svchost.exe|C:\\Windows\\system32\\svchost.exe -k UnistackSvcGroup -s {usvc}|os|Microsoft Corporation|Host Process for Windows Services|
        spoolsv|spoolsv.exe|C:\\Windows\\System32\\spoolsv.exe|C:\\Windows\\System32\\spoolsv.exe|os|Microsoft Corporation|Spooler SubSystem App|tcp:49668:any4,any6
        msmpeng|MsMpEng.exe|C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\{ver}\\MsMpEng.exe|"{exe}"|defender|Microsoft Corporation|Antimalware Service Executable|
        nissrv|NisSrv.exe|C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\{ver}\\NisSrv.exe|"{exe}"|defender|Microsoft Corporation|Microsoft Network Realtime Inspection Service|
        mdcoresvc|MpDefenderCoreService.exe|C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\{ver}\\MpDefenderCoreService.exe|"{exe}"|defender|Microsoft Corporation|Antimalware Core Service|
        mpcmdrun|MpCmdRun.exe|C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\{ver}\\MpCmdRun.exe|"{exe}" SignaturesUpdateService -ScheduleJob -UnmanagedUpdate|defender|Microsoft Corporation|Microsoft Malware Protection Command Line Utility|
        securityhealthservice|SecurityHealthService.exe|C:\\Windows\\System32\\SecurityHealthService.exe|C:\\Windows\\system32\\SecurityHealthService.exe|os|Microsoft Corporation|Windows Security Health Service|
        securityhealthsystray|SecurityHealthSystray.exe|C:\\Windows\\System32\\SecurityHealthSystray.exe|"C:\\Windows\\System32\\SecurityHealthSystray.exe"|os|Microsoft Corporation|Windows Security notification icon|
        searchindexer|SearchIndexer.exe|C:\\Windows\\System32\\SearchIndexer.exe|C:\\Windows\\system32\\SearchIndexer.exe /Embedding|os|Microsoft Corporation|Microsoft Windows Search Indexer|
        searchprotocolhost|SearchProtocolHost.exe|C:\\Windows\\System32\\SearchProtocolHost.exe|"C:\\Windows\\system32\\SearchProtocolHost.exe" Global\\UsGthrFltPipeMssGthrPipe{arg}_ Global\\UsGthrCtrlFltPipeMssGthrPipe{arg} 1 -2147483646 "Software\\Microsoft\\Windows Search" "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT; MS Search 4.0 Robot)" "C:\\ProgramData\\Microsoft\\Search\\Data\\Temp\\usgthrsvc" "DownLevelDaemon"|os|Microsoft Corporation|Microsoft Windows Search Protocol Host|
        wmiprvse|WmiPrvSE.exe|C:\\Windows\\System32\\wbem\\WmiPrvSE.exe|C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding|os|Microsoft Corporation|WMI Provider Host|
        dllhost|dllhost.exe|C:\\Windows\\System32\\dllhost.exe|C:\\Windows\\system32\\DllHost.exe /Processid:{AB8902B4-09CA-4BB6-B78D-A8F59079A8D5}|os|Microsoft Corporation|COM Surrogate|
        taskhostw|taskhostw.exe|C:\\Windows\\System32\\taskhostw.exe|taskhostw.exe {222A245B-E637-4AE9-A93F-A59CA119A75E}|os|Microsoft Corporation|Host Process for Windows Tasks|
        sihost|sihost.exe|C:\\Windows\\System32\\sihost.exe|sihost.exe|os|Microsoft Corporation|Shell Infrastructure Host|
        logonui|LogonUI.exe|C:\\Windows\\System32\\LogonUI.exe|"LogonUI.exe" /flags:0x2 /state0:0xa3b92855 /state1:0x41c64e6d|os|Microsoft Corporation|Windows Logon User Interface Host|
        explorer|explorer.exe|C:\\Windows\\explorer.exe|C:\\Windows\\Explorer.EXE|os|Microsoft Corporation|Windows Explorer|
        ctfmon|ctfmon.exe|C:\\Windows\\System32\\ctfmon.exe|"ctfmon.exe"|os|Microsoft Corporation|CTF Loader|
        runtimebroker|RuntimeBroker.exe|C:\\Windows\\System32\\RuntimeBroker.exe|C:\\Windows\\System32\\RuntimeBroker.exe -Embedding|os|Microsoft Corporation|Runtime Broker|
        searchhost|SearchHost.exe|C:\\Windows\\SystemApps\\MicrosoftWindows.Client.CBS_cw5n1h2txyewy\\SearchHost.exe|"{exe}" -ServerName:CortanaUI.AppX8z9r6jm96hw4bsbneegw0kyxx296wr9t.mca|os|Microsoft Corporation|Search|
        searchapp|SearchApp.exe|C:\\Windows\\SystemApps\\Microsoft.Windows.Search_cw5n1h2txyewy\\SearchApp.exe|"{exe}" -ServerName:CortanaUI.AppX8z9r6jm96hw4bsbneegw0kyxx296wr9t.mca|os|Microsoft Corporation|Search application|
        startmenu|StartMenuExperienceHost.exe|C:\\Windows\\SystemApps\\Microsoft.Windows.StartMenuExperienceHost_cw5n1h2txyewy\\StartMenuExperienceHost.exe|"{exe}" -ServerName:App.AppXywbrabmsek0gm3tkwpr5kwzbs55tkqay.mca|os|Microsoft Corporation|Windows Start Experience Host|
        textinputhost|TextInputHost.exe|C:\\Windows\\SystemApps\\MicrosoftWindows.Client.CBS_cw5n1h2txyewy\\TextInputHost.exe|"{exe}" -ServerName:InputApp.AppXjd5de1g66v206tj52m9d0dtpppx4cgpn.mca|os|Microsoft Corporation|TextInputHost|
        shellexperiencehost|ShellExperienceHost.exe|C:\\Windows\\SystemApps\\ShellExperienceHost_cw5n1h2txyewy\\ShellExperienceHost.exe|"{exe}" -ServerName:App.AppXtk181tbxbce2qsex02s8tw7hfxa9xb3t.mca|os|Microsoft Corporation|Windows Shell Experience Host|
        rdpclip|rdpclip.exe|C:\\Windows\\System32\\rdpclip.exe|rdpclip|os|Microsoft Corporation|RDP Clipboard Monitor|
        servermanager|ServerManager.exe|C:\\Windows\\System32\\ServerManager.exe|"C:\\Windows\\system32\\ServerManager.exe"|os|Microsoft Corporation|Server Manager|
        mmc|mmc.exe|C:\\Windows\\System32\\mmc.exe|"C:\\Windows\\system32\\mmc.exe" "C:\\Windows\\system32\\eventvwr.msc" /s|os|Microsoft Corporation|Microsoft Management Console|
        powershell|powershell.exe|C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe|"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"|os|Microsoft Corporation|Windows PowerShell|
        conhost|conhost.exe|C:\\Windows\\System32\\conhost.exe|\\??\\C:\\Windows\\system32\\conhost.exe 0x4|os|Microsoft Corporation|Console Window Host|
        audiodg|audiodg.exe|C:\\Windows\\System32\\audiodg.exe|C:\\Windows\\system32\\AUDIODG.EXE 0x{arg}|os|Microsoft Corporation|Windows Audio Device Graph Isolation|
        backgroundtaskhost|backgroundTaskHost.exe|C:\\Windows\\System32\\backgroundTaskHost.exe|"C:\\Windows\\system32\\backgroundTaskHost.exe" -ServerName:BackgroundTaskHost.WebAccountBackgroundManagerTask|os|Microsoft Corporation|Background Task Host|
        smartscreen|smartscreen.exe|C:\\Windows\\System32\\smartscreen.exe|C:\\Windows\\System32\\smartscreen.exe -Embedding|os|Microsoft Corporation|Windows Defender SmartScreen|
        compattelrunner|CompatTelRunner.exe|C:\\Windows\\System32\\CompatTelRunner.exe|C:\\Windows\\system32\\compattelrunner.exe -m:appraiser.dll -f:DoScheduledTelemetryRun|os|Microsoft Corporation|Microsoft Compatibility Telemetry|
        mousocoreworker|MoUsoCoreWorker.exe|C:\\Windows\\System32\\MoUsoCoreWorker.exe|C:\\Windows\\System32\\mousocoreworker.exe -Embedding|os|Microsoft Corporation|MoUSO Core Worker Process|
        trustedinstaller|TrustedInstaller.exe|C:\\Windows\\servicing\\TrustedInstaller.exe|C:\\Windows\\servicing\\TrustedInstaller.exe|os|Microsoft Corporation|Windows Modules Installer|
        sppsvc|sppsvc.exe|C:\\Windows\\System32\\sppsvc.exe|C:\\Windows\\system32\\sppsvc.exe|os|Microsoft Corporation|Microsoft Software Protection Platform Service|
        msiexec|msiexec.exe|C:\\Windows\\System32\\msiexec.exe|C:\\Windows\\system32\\msiexec.exe /V|os|Microsoft Corporation|Windows Installer|
        vssvc|VSSVC.exe|C:\\Windows\\System32\\VSSVC.exe|C:\\Windows\\system32\\vssvc.exe|os|Microsoft Corporation|Microsoft Volume Shadow Copy Service|
        wudfhost|WUDFHost.exe|C:\\Windows\\System32\\WUDFHost.exe|"C:\\Windows\\System32\\WUDFHost.exe" -HostGUID:{193a1820-d9ac-4997-8c55-be817523f6aa} -IoEventPortName:\\UMDFCommunicationPorts\\WUDF\\HostProcess-{uuid} -SystemEventPortName:\\UMDFCommunicationPorts\\WUDF\\HostProcess-{uuid} -LifetimeId:{uuid} -DeviceGroupId: -HostArg:0|os|Microsoft Corporation|Windows Driver Foundation - User-mode Driver Framework Host Process|
        vmtoolsd|vmtoolsd.exe|C:\\Program Files\\VMware\\VMware Tools\\vmtoolsd.exe|"{exe}"|vmtools|VMware, Inc.|VMware Tools Core Service|
        vmtoolsd_user|vmtoolsd.exe|C:\\Program Files\\VMware\\VMware Tools\\vmtoolsd.exe|"{exe}" -n vmusr|vmtools|VMware, Inc.|VMware Tools Core Service|
        vgauth|VGAuthService.exe|C:\\Program Files\\VMware\\VMware Tools\\VMware VGAuth\\VGAuthService.exe|"{exe}"|vmtools|VMware, Inc.|VMware Guest Authentication Service|
        agent7|java.exe|C:\\Program Files\\Agent7\\jre\\bin\\java.exe|"{exe}" -Xmx256m -jar "C:\\Program Files\\Agent7\\agent.jar" run --service|agent7|Eclipse Adoptium|OpenJDK Platform binary|
        sqlservr|sqlservr.exe|C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe|"{exe}" -sMSSQLSERVER|sqlserver|Microsoft Corporation|SQL Server Windows NT - 64 Bit|tcp:1433:any4,any6
        sqlagent|SQLAGENT.EXE|C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\SQLAGENT.EXE|"{exe}" -i MSSQLSERVER|sqlserver|Microsoft Corporation|SQLAgent - SQL Server Agent|
        sqlwriter|sqlwriter.exe|C:\\Program Files\\Microsoft SQL Server\\90\\Shared\\sqlwriter.exe|"{exe}"|sqlserver|Microsoft Corporation|SQL Server VSS Writer - 64 Bit|
        sqlceip|sqlceip.exe|C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlceip.exe|"{exe}" -Service MSSQLSERVER|sqlserver|Microsoft Corporation|SQL Server Telemetry Client|
        w3wp|w3wp.exe|C:\\Windows\\System32\\inetsrv\\w3wp.exe|c:\\windows\\system32\\inetsrv\\w3wp.exe -ap "{pool}" -v "v4.0" -l "webengine4.dll" -a \\\\.\\pipe\\iisipm{uuid} -h "C:\\inetpub\\temp\\apppools\\{pool}\\{pool}.config" -w "" -m 0 -t 20 -ta 0|os|Microsoft Corporation|IIS Worker Process|
        officeclicktorun|OfficeClickToRun.exe|C:\\Program Files\\Common Files\\Microsoft Shared\\ClickToRun\\OfficeClickToRun.exe|"{exe}" /service|office|Microsoft Corporation|Microsoft Office Click-to-Run (SxS)|
        outlook|OUTLOOK.EXE|C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE|"{exe}"|office|Microsoft Corporation|Microsoft Outlook|
        winword|WINWORD.EXE|C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE|"{exe}" /n|office|Microsoft Corporation|Microsoft Word|
        excel|EXCEL.EXE|C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE|"{exe}"|office|Microsoft Corporation|Microsoft Excel|
        teams|ms-teams.exe|C:\\Program Files\\WindowsApps\\MSTeams_{ver}_x64__8wekyb3d8bbwe\\ms-teams.exe|"{exe}" msteams:system-initiated|teams|Microsoft Corporation|Microsoft Teams|
        teamswebview|msedgewebview2.exe|C:\\Program Files (x86)\\Microsoft\\EdgeWebView\\Application\\{ver}\\msedgewebview2.exe|"{exe}" --type=renderer --noerrdialogs "--user-data-dir=C:\\Users\\{user}\\AppData\\Local\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams\\EBWebView" --webview-exe-name=ms-teams.exe --lang=en-US --renderer-client-id={arg} /prefetch:1|webview2|Microsoft Corporation|Microsoft Edge WebView2|
        onedrive|OneDrive.exe|C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe|"{exe}" /background|onedrive|Microsoft Corporation|Microsoft OneDrive|
        chrome|chrome.exe|C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe|"{exe}"|chrome|Google LLC|Google Chrome|
        chrome_crashpad|chrome.exe|C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe|"{exe}" --type=crashpad-handler "--user-data-dir=C:\\Users\\{user}\\AppData\\Local\\Google\\Chrome\\User Data" /prefetch:4 --monitor-self-annotation=ptype=crashpad-handler "--database=C:\\Users\\{user}\\AppData\\Local\\Google\\Chrome\\User Data\\Crashpad" --url=https://clients2.google.com/cr/report --annotation=channel= --annotation=plat=Win64 --annotation=prod=Chrome --annotation=ver={ver}|chrome|Google LLC|Google Chrome|
        chrome_gpu|chrome.exe|C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe|"{exe}" --type=gpu-process --no-pre-read-main-dll --field-trial-handle=1900,i,{arg},262144 --variations-seed-version --mojo-platform-channel-handle=1896 /prefetch:2|chrome|Google LLC|Google Chrome|
        chrome_network|chrome.exe|C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe|"{exe}" --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none --no-pre-read-main-dll --field-trial-handle=1900,i,{arg},262144 --variations-seed-version --mojo-platform-channel-handle=2168 /prefetch:3|chrome|Google LLC|Google Chrome|udp:5353:any4
        chrome_storage|chrome.exe|C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe|"{exe}" --type=utility --utility-sub-type=storage.mojom.StorageService --lang=en-US --service-sandbox-type=service --no-pre-read-main-dll --field-trial-handle=1900,i,{arg},262144 --variations-seed-version --mojo-platform-channel-handle=2392 /prefetch:8|chrome|Google LLC|Google Chrome|
        chrome_renderer|chrome.exe|C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe|"{exe}" --type=renderer --lang=en-US --device-scale-factor=1 --num-raster-threads=4 --enable-main-frame-before-activation --renderer-client-id={arg} --launch-time-ticks={ticks} --field-trial-handle=1900,i,{arg},262144 --variations-seed-version --mojo-platform-channel-handle={handle} /prefetch:1|chrome|Google LLC|Google Chrome|
        msedge|msedge.exe|C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe|"{exe}" --no-startup-window --win-session-start|edge|Microsoft Corporation|Microsoft Edge|
        msedge_crashpad|msedge.exe|C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe|"{exe}" --type=crashpad-handler "--user-data-dir=C:\\Users\\{user}\\AppData\\Local\\Microsoft\\Edge\\User Data" /prefetch:4 --monitor-self-annotation=ptype=crashpad-handler "--database=C:\\Users\\{user}\\AppData\\Local\\Microsoft\\Edge\\User Data\\Crashpad" --annotation=IsOfficialBuild=1 --annotation=channel= --annotation=chromium-version={ver} --annotation=plat=Win64 --annotation=prod=Edge --annotation=ver={ver}|edge|Microsoft Corporation|Microsoft Edge|
        msedge_gpu|msedge.exe|C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe|"{exe}" --type=gpu-process --field-trial-handle=2024,i,{arg},262144 --variations-seed-version --mojo-platform-channel-handle=2016 /prefetch:2|edge|Microsoft Corporation|Microsoft Edge|
        msedge_network|msedge.exe|C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe|"{exe}" --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none --field-trial-handle=2024,i,{arg},262144 --variations-seed-version --mojo-platform-channel-handle=2284 /prefetch:3|edge|Microsoft Corporation|Microsoft Edge|
        msedge_storage|msedge.exe|C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe|"{exe}" --type=utility --utility-sub-type=storage.mojom.StorageService --lang=en-US --service-sandbox-type=service --field-trial-handle=2024,i,{arg},262144 --variations-seed-version --mojo-platform-channel-handle=2452 /prefetch:8|edge|Microsoft Corporation|Microsoft Edge|
        msedge_renderer|msedge.exe|C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe|"{exe}" --type=renderer --lang=en-US --js-flags=--ms-user-locale= --device-scale-factor=1 --num-raster-threads=4 --enable-main-frame-before-activation --renderer-client-id={arg} --launch-time-ticks={ticks} --field-trial-handle=2024,i,{arg},262144 --variations-seed-version --mojo-platform-channel-handle={handle} /prefetch:1|edge|Microsoft Corporation|Microsoft Edge|
        armsvc|armsvc.exe|C:\\Program Files (x86)\\Common Files\\Adobe\\ARM\\1.0\\armsvc.exe|"{exe}"|acrobat|Adobe Inc.|Adobe Acrobat Update Service|
        acrobat|Acrobat.exe|C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe|"{exe}"|acrobat|Adobe Inc.|Adobe Acrobat|
        vpnagent|vpnagent.exe|C:\\Program Files (x86)\\Cisco\\Cisco Secure Client\\vpnagent.exe|"{exe}"|anyconnect|Cisco Systems, Inc.|Cisco Secure Client - AnyConnect VPN Agent|tcp:62522:loop4
        vpnui|csc_ui.exe|C:\\Program Files (x86)\\Cisco\\Cisco Secure Client\\UI\\csc_ui.exe|"{exe}" -minimized|anyconnect|Cisco Systems, Inc.|Cisco Secure Client User Interface|
        zoom|Zoom.exe|C:\\Program Files\\Zoom\\bin\\Zoom.exe|"{exe}" "--action=preload"|zoom|Zoom Video Communications, Inc.|Zoom Workplace|
        edgeupdate|MicrosoftEdgeUpdate.exe|C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe|"{exe}" /ua /installsource scheduler|edge|Microsoft Corporation|Microsoft Edge Update|
        edgeupdate_svc|MicrosoftEdgeUpdate.exe|C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe|"{exe}" /svc|edge|Microsoft Corporation|Microsoft Edge Update|
        googleupdate|GoogleUpdate.exe|C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe|"{exe}" /ua /installsource scheduler|chrome|Google LLC|Google Installer|
        googleupdate_svc|GoogleUpdate.exe|C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe|"{exe}" /svc|chrome|Google LLC|Google Installer|
        notepad|notepad.exe|C:\\Windows\\System32\\notepad.exe|"C:\\Windows\\system32\\NOTEPAD.EXE"|os|Microsoft Corporation|Notepad|
        ssms|Ssms.exe|C:\\Program Files (x86)\\Microsoft SQL Server Management Studio 20\\Common7\\IDE\\Ssms.exe|"{exe}"|ssms|Microsoft Corporation|SSMS - SQL Server Management Studio|
        code|Code.exe|C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe|"{exe}"|vscode|Microsoft Corporation|Visual Studio Code|
        slack|slack.exe|C:\\Users\\{user}\\AppData\\Local\\slack\\app-{ver}\\slack.exe|"{exe}" --process-start-args --startup|slack|Slack Technologies Inc.|Slack|
        fxssvc|fxssvc.exe|C:\\Windows\\System32\\fxssvc.exe|C:\\Windows\\system32\\fxssvc.exe|os|Microsoft Corporation|Microsoft Fax Service|
        planted_task|{pname}|{ppath}|"{ppath}" -silent|planted|||
        planted_service|{pname}|{ppath}|"{ppath}"|planted|||
        planted_run|{pname}|{ppath}|"{ppath}" --autorun|planted|||
        """);

    static final Catalog<Program> LINUX = parse("""
        # key | name (comm, 15 characters at most) | image path | command line (! = retitled, one argument) | product | - | - | listens
        systemd|systemd|/usr/lib/systemd/systemd|/sbin/init|systemd|||
        kthreadd|kthreadd|||kernel|||
        kthread|{kname}|||kernel|||
        journald|systemd-journal|/usr/lib/systemd/systemd-journald|/lib/systemd/systemd-journald|systemd|||
        udevd|systemd-udevd|/usr/lib/systemd/systemd-udevd|/lib/systemd/systemd-udevd|udev|||
        timesyncd|systemd-timesyn|/usr/lib/systemd/systemd-timesyncd|/lib/systemd/systemd-timesyncd|systemd-timesyncd|||
        logind|systemd-logind|/usr/lib/systemd/systemd-logind|/lib/systemd/systemd-logind|systemd|||
        networkd|systemd-network|/usr/lib/systemd/systemd-networkd|/lib/systemd/systemd-networkd|systemd|||
        resolved|systemd-resolve|/usr/lib/systemd/systemd-resolved|/lib/systemd/systemd-resolved|systemd|||tcp:53:resolver;udp:53:resolver
        dbus|dbus-daemon|/usr/bin/dbus-daemon|/usr/bin/dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only|dbus|||
        cron|cron|/usr/sbin/cron|/usr/sbin/cron -f|cron|||
        rsyslogd|rsyslogd|/usr/sbin/rsyslogd|/usr/sbin/rsyslogd -n -iNONE|rsyslog|||
        sshd|sshd|/usr/sbin/sshd|!sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups|openssh-server|||tcp:22:any4,any6
        sshd_priv|sshd|/usr/sbin/sshd|!sshd: {suser} [priv]|openssh-server|||
        sshd_user|sshd|/usr/sbin/sshd|!sshd: {user}@pts/{arg}|openssh-server|||
        systemd_user|systemd|/usr/lib/systemd/systemd|/lib/systemd/systemd --user|systemd|||
        sdpam|(sd-pam)|/usr/lib/systemd/systemd|!(sd-pam)|systemd|||
        bash|bash|/usr/bin/bash|-bash|bash|||
        sudo|sudo|/usr/bin/sudo|sudo -i|sudo|||
        top|top|/usr/bin/top|top|procps|||
        vim|vim.tiny|/usr/bin/vim.tiny|vi /etc/hosts|vim-tiny|||
        journalctl|journalctl|/usr/bin/journalctl|journalctl -f|systemd|||
        less|less|/usr/bin/less|less /var/log/syslog|less|||
        agetty|agetty|/usr/sbin/agetty|/sbin/agetty -o -p -- \\u --noclear - linux|util-linux|||
        networkd_dispatcher|networkd-dispat|/usr/bin/python{py}|/usr/bin/python3 /usr/bin/networkd-dispatcher --run-startup-triggers|networkd-dispatcher|||
        multipathd|multipathd|/usr/sbin/multipathd|/sbin/multipathd -d -s|multipath-tools|||
        snapd|snapd|/usr/lib/snapd/snapd|/usr/lib/snapd/snapd|snapd|||
        uu_shutdown|unattended-upgr|/usr/bin/python{py}|/usr/bin/python3 /usr/share/unattended-upgrades/unattended-upgrade-shutdown --wait-for-signal|python{py}|||
        uu_run|unattended-upgr|/usr/bin/python{py}|/usr/bin/python3 /usr/bin/unattended-upgrade|python{py}|||
        apt_http|http|/usr/lib/apt/methods/http|/usr/lib/apt/methods/http|apt|||
        vmtoolsd|vmtoolsd|/usr/bin/vmtoolsd|/usr/bin/vmtoolsd|open-vm-tools|||
        vgauth|VGAuthService|/usr/bin/VGAuthService|/usr/bin/VGAuthService|open-vm-tools|||
        agent7|java|/opt/agent7/jre/bin/java|/opt/agent7/jre/bin/java -Xmx128m -jar /opt/agent7/agent.jar run|agent7-agent|||
        nginx|nginx|/usr/sbin/nginx|!nginx: master process /usr/sbin/nginx -g daemon on; master_process on;|nginx|||tcp:80:any4,any6;tcp:443:any4,any6
        nginx_worker|nginx|/usr/sbin/nginx|!nginx: worker process|nginx|||
        phpfpm|php-fpm{php}|/usr/sbin/php-fpm{php}|!php-fpm: master process (/etc/php/{php}/fpm/php-fpm.conf)|php{php}-fpm|||
        phpfpm_pool|php-fpm{php}|/usr/sbin/php-fpm{php}|!php-fpm: pool www|php{php}-fpm|||
        postgres|postgres|/usr/lib/postgresql/{pg}/bin/postgres|/usr/lib/postgresql/{pg}/bin/postgres -D /var/lib/postgresql/{pg}/main -c config_file=/etc/postgresql/{pg}/main/postgresql.conf|postgresql-{pg}|||tcp:5432:any4,any6
        postgres_aux|postgres|/usr/lib/postgresql/{pg}/bin/postgres|!postgres: {pg}/main: {aux}|postgresql-{pg}|||
        postgres_backend|postgres|/usr/lib/postgresql/{pg}/bin/postgres|!postgres: {pg}/main: app appdb {peer} idle|postgresql-{pg}|||
        postgres_autovacuum|postgres|/usr/lib/postgresql/{pg}/bin/postgres|!postgres: {pg}/main: autovacuum worker appdb|postgresql-{pg}|||
        pg_dump|pg_dump|/usr/lib/postgresql/{pg}/bin/pg_dump|/usr/lib/postgresql/{pg}/bin/pg_dump -Fc -f /var/backups/postgresql/appdb.dump appdb|postgresql-client-{pg}|||
        tomcat|java|/usr/lib/jvm/java-17-openjdk-amd64/bin/java|/usr/lib/jvm/java-17-openjdk-amd64/bin/java -Djava.util.logging.config.file=/var/lib/tomcat{tc}/conf/logging.properties -Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager -Djava.awt.headless=true -XX:+UseG1GC -Xmx2g -Djdk.tls.ephemeralDHKeySize=2048 -Djava.protocol.handler.pkgs=org.apache.catalina.webresources -Dorg.apache.catalina.security.SecurityListener.UMASK=0027 -classpath /usr/share/tomcat{tc}/bin/bootstrap.jar:/usr/share/tomcat{tc}/bin/tomcat-juli.jar -Dcatalina.base=/var/lib/tomcat{tc} -Dcatalina.home=/usr/share/tomcat{tc} -Djava.io.tmpdir=/tmp org.apache.catalina.startup.Bootstrap start|openjdk-17-jre-headless|||tcp:8080:any6;tcp:8005:loop4
        redis|redis-server|/usr/bin/redis-server|!/usr/bin/redis-server 127.0.0.1:6379|redis-server|||tcp:6379:loop4,loop6
        dockerd|dockerd|/usr/bin/dockerd|/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock|docker-ce|||
        containerd|containerd|/usr/bin/containerd|/usr/bin/containerd|containerd.io|||
        shim|containerd-shim|/usr/bin/containerd-shim-runc-v2|/usr/bin/containerd-shim-runc-v2 -namespace moby -id {cid} -address /run/containerd/containerd.sock|containerd.io|||
        dockerproxy|docker-proxy|/usr/bin/docker-proxy|/usr/bin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port {hport} -container-ip {cip} -container-port {cport}|docker-ce|||
        ct_node|node|/usr/local/bin/node|node /app/server.js|container|||
        ct_redis|redis-server|/usr/local/bin/redis-server|!redis-server *:6379|container|||
        ct_gunicorn|gunicorn|/usr/local/bin/python3.12|/usr/local/bin/python3.12 /usr/local/bin/gunicorn app:app --bind 0.0.0.0:8000 --workers 2|container|||
        cron_child|cron|/usr/sbin/cron|/usr/sbin/CRON -f|cron|||
        sh|sh|/usr/bin/dash|/bin/sh -c {job}|dash|||
        logrotate|logrotate|/usr/sbin/logrotate|/usr/sbin/logrotate /etc/logrotate.conf|logrotate|||
        planted_unit|{pname}|{ppath}|{ppath}|planted|||
        planted_cron|{pname}|{ppath}|{ppath}|planted|||
        """);

    private Programs() {}

    static Catalog<Program> of(boolean windows) {
        return windows ? WINDOWS : LINUX;
    }

    private static Catalog<Program> parse(String table) {
        List<Program> programs = new ArrayList<>();
        for (String[] row : Catalog.rows(table, 8)) {
            boolean title = row[3].startsWith("!");
            String command = title ? row[3].substring(1) : row[3];
            programs.add(
                    new Program(row[0], row[1], row[2], command, row[4], row[5], row[6], Listen.parse(row[7]), title));
        }
        return new Catalog<>(programs, Program::key);
    }
}
