package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;

/**
 * What can be installed: Windows programs with their publishers and versions, and the
 * Debian 12 and Ubuntu 22.04 packages of a server. Versions start at real ones of early
 * 2024 and move with each product's release clock. Entries with the same version scheme
 * share a clock: they are built from one source (systemd and udev, Edge and WebView2) and
 * are released together.
 */
final class SoftwareCatalog {

    static final Catalog<SoftwareEntry> WINDOWS = windows("""
        # key | display name | publisher | type | arch | scope | install location | size MB | release every (days, 0 never) | version | updater: A auto, M manual, F fixed, H hidden (not in the uninstall list) | availability | uninstall command | help link
        chrome|Google Chrome|Google LLC|msi|x64|global|C:\\Program Files\\Google\\Chrome\\Application|452|56|{120+2}.0.{6099+124}.{71+38%2}|A|W=0.75,S=0.1,later=500|"C:\\Program Files\\Google\\Chrome\\Application\\{v}\\Installer\\setup.exe" --uninstall --channel=stable --system-level --verbose-logging|https://support.google.com/chrome
        edge|Microsoft Edge|Microsoft Corporation|msi|x64|global|C:\\Program Files (x86)\\Microsoft\\Edge\\Application|520|56|{120+2}.0.{2210+124}.{61+30%2}|A|W=1,S=1|"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\{v}\\Installer\\setup.exe" --uninstall --msedge --channel=stable --system-level --verbose-logging|https://support.microsoft.com/microsoft-edge
        webview2|Microsoft Edge WebView2 Runtime|Microsoft Corporation|exe|x64|global|C:\\Program Files (x86)\\Microsoft\\EdgeWebView\\Application|560|56|{120+2}.0.{2210+124}.{61+30%2}|A|W=1,S=0.6|"C:\\Program Files (x86)\\Microsoft\\EdgeWebView\\Application\\{v}\\Installer\\setup.exe" --uninstall --msedgewebview --system-level --verbose-logging|https://developer.microsoft.com/microsoft-edge/webview2
        office|Microsoft 365 Apps for enterprise - en-us|Microsoft Corporation|exe|x64|global|C:\\Program Files\\Microsoft Office|2350|30|16.0.{17126+115}.{20132+2}|A|W=0.95|"C:\\Program Files\\Common Files\\Microsoft Shared\\ClickToRun\\OfficeClickToRun.exe" scenario=install scenariosubtype=ARP sourcetype=None productstoremove=O365ProPlusRetail.16_en-us_x-none culture=en-us version.16=16.0|https://go.microsoft.com/fwlink/?LinkId=280384
        teamsaddin|Microsoft Teams Meeting Add-in for Microsoft Office|Microsoft|msi|x64|global|C:\\Program Files (x86)\\Microsoft\\TeamsMeetingAdd-in\\|48|60|1.{24+1/12}.{1400+37}|A|W=0.9|MsiExec.exe /X{guid}|
        teams|Microsoft Teams|Microsoft Corporation|appx|x64|global|C:\\Program Files\\WindowsApps\\MSTeams_{v}_x64__8wekyb3d8bbwe|410|45|{24004+21}.{405+11}.{2620+19}.{6910+31}|A|W=0.9||https://aka.ms/teams
        onedrive|Microsoft OneDrive|Microsoft Corporation|exe|x64|user|C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive|305|45|{24+1/26}.{5+8%26}.1020.0001|A|W=0.95|C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive\\{v}\\OneDriveSetup.exe  /uninstall|https://go.microsoft.com/fwlink/?LinkID=215117
        defender|Microsoft Defender Antivirus|Microsoft Corporation|exe|x64|global|C:\\ProgramData\\Microsoft\\Windows Defender\\Platform|120|30|4.18.{24010+10}.{3+2%5}-0|H|W=1,S=1||
        healthtools|Microsoft Update Health Tools|Microsoft Corporation|msi|x64|global||1|180|5.{71+1}.0.0|M|W=1|MsiExec.exe /X{guid}|
        vcredist64|Microsoft Visual C++ 2015-2022 Redistributable (x64) - {v}|Microsoft Corporation|exe|x64|global||21|180|14.{38+2}.{33135+400}.0|M|W=0.9,S=0.9|"C:\\ProgramData\\Package Cache\\{guid}\\VC_redist.x64.exe"  /uninstall|
        vcredist86|Microsoft Visual C++ 2015-2022 Redistributable (x86) - {v}|Microsoft Corporation|exe|x86|global||18|180|14.{38+2}.{33135+400}.0|M|W=0.9,S=0.7|"C:\\ProgramData\\Package Cache\\{guid}\\VC_redist.x86.exe"  /uninstall|
        acrobat|Adobe Acrobat (64-bit)|Adobe|msi|x64|global|C:\\Program Files\\Adobe\\Acrobat DC\\|1130|35|{23+1/10}.{1+1%10:3}.{20093+37}|A|W=0.7,S=0.1,later=600|MsiExec.exe /I{guid}|https://helpx.adobe.com/support.html
        sevenzip|7-Zip {v} (x64)|Igor Pavlov|exe|x64|global|C:\\Program Files\\7-Zip\\|6|120|{23+1/3}.{1+3%3:2}|M|W=0.4,S=0.5,later=500|"C:\\Program Files\\7-Zip\\Uninstall.exe"|https://www.7-zip.org/
        notepadpp|Notepad++ (64-bit x64)|Notepad++ Team|exe|x64|global|C:\\Program Files\\Notepad++|15|45|8.{6+1/8}.{1+1%8}|M|W=0.25,S=0.4,later=600|"C:\\Program Files\\Notepad++\\uninstall.exe"|https://notepad-plus-plus.org/
        firefox|Mozilla Firefox (x64 en-US)|Mozilla|exe|x64|global|C:\\Program Files\\Mozilla Firefox|232|28|{121+1}.0.{1+1%2}|A|W=0.12,later=900|"C:\\Program Files\\Mozilla Firefox\\uninstall\\helper.exe"|https://support.mozilla.org
        zoom|Zoom Workplace (64-bit)|Zoom Video Communications, Inc.|msi|x64|global|C:\\Program Files\\Zoom\\bin\\|330|45|6.{0+1/5}.{0+2%5}.{30000+1117}|A|W=0.3,later=400|MsiExec.exe /X{guid}|https://support.zoom.us/hc/en-us
        anyconnect|Cisco Secure Client - AnyConnect VPN|Cisco Systems, Inc.|msi|x86|global|C:\\Program Files (x86)\\Cisco\\Cisco Secure Client\\|82|90|5.1.{1+1}.{42+17}|M|W=0.9|MsiExec.exe /X{guid}|https://www.cisco.com/go/support
        vmtools|VMware Tools|VMware, Inc.|msi|x64|global|C:\\Program Files\\VMware\\VMware Tools\\|112|100|12.{3+1/3}.{5+1%3}.{22544099+310000}|M|W=0.15,S=1|MsiExec.exe /X{guid}|https://www.vmware.com/go/tools
        agent7|Agent7 Agent|Agent7|msi|x64|global|C:\\Program Files\\Agent7\\|96|0|0.1.0|F|W=1,S=1|MsiExec.exe /X{guid}|https://agent7.example/docs
        sqlserver|Microsoft SQL Server 2019 (64-bit)|Microsoft Corporation|exe|x64|global|C:\\Program Files\\Microsoft SQL Server|1480|60|15.0.{4345+20}.5|M|Q=1|"C:\\Program Files\\Microsoft SQL Server\\150\\Setup Bootstrap\\SQL2019\\x64\\SetupARP.exe"|https://go.microsoft.com/fwlink/?LinkId=2089045
        ssms|Microsoft SQL Server Management Studio - 20.{2+1/4}|Microsoft Corporation|exe|x86|global|C:\\Program Files (x86)\\Microsoft SQL Server Management Studio 20|1010|120|20.{2+1/4}.{30+1}.0|M|Q=0.8,W=0.03|"C:\\ProgramData\\Package Cache\\{guid}\\SSMS-Setup-ENU.exe"  /uninstall|https://go.microsoft.com/fwlink/?linkid=2257624
        odbc17|Microsoft ODBC Driver 17 for SQL Server|Microsoft Corporation|msi|x64|global||8|180|17.10.{5+1}.1|M|Q=1,A=0.8,I=0.5|MsiExec.exe /X{guid}|
        dotnet8|Microsoft .NET Runtime - {v} (x64)|Microsoft Corporation|exe|x64|global||78|30|8.0.{1+1}|M|W=0.5,A=1,I=1|"C:\\ProgramData\\Package Cache\\{guid}\\dotnet-runtime-{v}-win-x64.exe"  /uninstall|
        aspnet8|Microsoft ASP.NET Core {v} - Shared Framework (x64)|Microsoft Corporation|msi|x64|global||31|30|8.0.{1+1}|M|I=1,A=0.7|MsiExec.exe /X{guid}|
        desktop8|Microsoft Windows Desktop Runtime - {v} (x64)|Microsoft Corporation|exe|x64|global||92|30|8.0.{1+1}|M|W=0.6|"C:\\ProgramData\\Package Cache\\{guid}\\windowsdesktop-runtime-{v}-win-x64.exe"  /uninstall|
        git|Git|The Git Development Community|exe|x64|global|C:\\Program Files\\Git\\|334|40|2.{43+1/2}.{0+1%2}|M|W=0.08,later=800|"C:\\Program Files\\Git\\unins000.exe"|https://gitforwindows.org/
        python|Python 3.12.{1+1} (64-bit)|Python Software Foundation|exe|x64|user|C:\\Users\\{user}\\AppData\\Local\\Programs\\Python\\Python312|102|60|3.12.{1+1}150.0|M|W=0.06,later=900|"C:\\Users\\{user}\\AppData\\Local\\Package Cache\\{guid}\\python-3.12.{1+1}-amd64.exe"  /uninstall|https://www.python.org/
        vscode|Microsoft Visual Studio Code (User)|Microsoft Corporation|exe|x64|user|C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\|381|35|1.{85+1}.{0+2%3}|A|W=0.1,later=700|"C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\unins000.exe"|https://code.visualstudio.com/
        slack|Slack|Slack Technologies Inc.|exe|x64|user|C:\\Users\\{user}\\AppData\\Local\\slack|302|45|4.{36+1/3}.{131+9}|A|W=0.08,later=800|C:\\Users\\{user}\\AppData\\Local\\slack\\Update.exe --uninstall -s|https://slack.com/help
        keepass|KeePass Password Safe 2.{55+1}|Dominik Reichl|exe|x86|global|C:\\Program Files\\KeePass Password Safe 2\\|15|120|2.{55+1}|M|W=0.05,S=0.2|"C:\\Program Files\\KeePass Password Safe 2\\unins000.exe"|https://keepass.info/
        putty|PuTTY release 0.{80+1} (64-bit)|Simon Tatham|msi|x64|global|C:\\Program Files\\PuTTY\\|5|200|0.{80+1}.0.0|M|W=0.04,S=0.3|MsiExec.exe /X{guid}|https://www.chiark.greenend.org.uk/~sgtatham/putty/
        winscp|WinSCP {v}|Martin Prikryl|exe|x86|global|C:\\Program Files (x86)\\WinSCP\\|45|90|6.{1+1/4}.{2+1%4}|M|S=0.15,W=0.03|"C:\\Program Files (x86)\\WinSCP\\unins000.exe"|https://winscp.net/
        vlc|VLC media player|VideoLAN|exe|x64|global|C:\\Program Files\\VideoLAN\\VLC|170|180|3.0.{20+1}|M|W=0.12,later=900|"C:\\Program Files\\VideoLAN\\VLC\\uninstall.exe"|https://www.videolan.org/
        powerbi|Microsoft Power BI Desktop (x64)|Microsoft Corporation|msi|x64|global|C:\\Program Files\\Microsoft Power BI Desktop\\|1520|30|2.{124+1}.{1052+57}.0|M|W=0.06,later=900|MsiExec.exe /X{guid}|https://powerbi.microsoft.com/
        intune|Microsoft Intune Management Extension|Microsoft Corporation|msi|x86|global|C:\\Program Files (x86)\\Microsoft Intune Management Extension\\|25|60|1.{78+1}.{101+3}.0|A|W=0.6|MsiExec.exe /X{guid}|
        iisrewrite|IIS URL Rewrite Module 2|Microsoft Corporation|msi|x64|global||3|0|7.2.2|F|I=1|MsiExec.exe /X{guid}|
        webdeploy|Microsoft Web Deploy 4.0|Microsoft Corporation|msi|x64|global|C:\\Program Files\\IIS\\Microsoft Web Deploy V3\\|31|0|10.0.1994|F|I=0.8|MsiExec.exe /X{guid}|
        """);

    private static final String LINUX_TABLE = """
        # package | arch | installed size KiB | release every (days, 0 never) | security: Y updated by unattended-upgrades | availability | Debian 12 version (- none) | Ubuntu 22.04 version (- none) | Debian maintainer (! same on both) | description
        adduser|all|612|0|N|*=1|3.134|3.118ubuntu5|Debian Adduser Developers <adduser@packages.debian.org>|add and remove users and groups
        apt|amd64|4232|240|Y|*=1|2.6.{1+1}|2.4.{11+1}|APT Development Team <deity@lists.debian.org>|commandline package manager
        base-files|amd64|340|192|N|*=1|12.4+deb12u{4+1}|12ubuntu4.{6+1}|Santiago Vila <sanvila@debian.org>|Debian base system miscellaneous files
        bash|amd64|7163|0|N|*=1|5.2.15-2+b2|5.1-6ubuntu1.1|Matthias Klose <doko@debian.org>|GNU Bourne Again SHell
        bsdutils|amd64|355|192|Y|*=1|1:2.38.1-5+deb12u{1+1}|1:2.37.2-4ubuntu3.{4+1}|util-linux packagers <util-linux@packages.debian.org>|basic utilities from 4.4BSD-Lite
        ca-certificates|all|384|288|Y|*=1|20230311+deb12u{0+1}|20240203~22.04.{1+1}|Julien Cristau <jcristau@debian.org>|Common CA certificates
        coreutils|amd64|18062|0|N|*=1|9.1-1|8.32-4.1ubuntu1.2|Michael Stone <mstone@debian.org>|GNU core utilities
        cron|amd64|239|0|N|*=1|3.0pl1-162|3.0pl1-137ubuntu3|Georges Khaznadar <georgesk@debian.org>|process scheduling daemon
        curl|amd64|500|120|Y|*=1|7.88.1-10+deb12u{5+1}|7.81.0-1ubuntu1.{15+1}|Debian Curl Maintainers <team+curl@tracker.debian.org>|command line tool for transferring data with URL syntax
        dash|amd64|216|0|N|*=1|0.5.12-2|0.5.11+git20210903+057cd650a4ed-3build1|Andrej Shadura <andrewsh@debian.org>|POSIX-compliant shell
        dbus|amd64|1014|240|Y|*=1|1.14.10-1~deb12u{1+1}|1.12.20-2ubuntu4.{1+1}|Utopia Maintenance Team <pkg-utopia-maintainers@lists.alioth.debian.org>|simple interprocess messaging system (system message bus)
        dpkg|amd64|6480|0|N|*=1|1.21.22|1.21.1ubuntu2.3|Dpkg Developers <debian-dpkg@lists.debian.org>|Debian package management system
        e2fsprogs|amd64|1513|0|N|*=1|1.47.0-2|1.46.5-2ubuntu1.1|Theodore Y. Ts'o <tytso@mit.edu>|ext2/ext3/ext4 file system utilities
        findutils|amd64|1730|0|N|*=1|4.9.0-4|4.8.0-1ubuntu3|Andreas Metzler <ametzler@debian.org>|utilities for finding files--find, xargs
        gnupg|all|885|240|Y|*=1|2.2.40-1.1+deb12u{0+1}|2.2.27-3ubuntu2.{1+1}|Debian GnuPG Maintainers <pkg-gnupg-maint@lists.alioth.debian.org>|GNU privacy guard - a free PGP replacement
        grep|amd64|1221|0|N|*=1|3.8-5|3.7-1build1|Anibal Monsalve Salazar <anibal@debian.org>|GNU grep, egrep and fgrep
        gzip|amd64|253|0|N|*=1|1.12-1|1.10-4ubuntu4.1|Milan Kupcevic <milan@debian.org>|GNU compression utilities
        ifupdown|amd64|220|0|N|*=1,D|0.8.41|-|Santiago Ruano Rincón <santiago@debian.org>|high level tools to configure network interfaces
        iproute2|amd64|3513|0|N|*=1|6.1.0-3|5.15.0-1ubuntu2|Debian Kernel Team <debian-kernel@lists.debian.org>|networking and traffic control tools
        iputils-ping|amd64|122|0|N|*=1|3:20221126-1|3:20211215-1|Noah Meyerhans <noahm@debian.org>|Tools to test the reachability of network hosts
        kmod|amd64|262|0|N|*=1|30+20221128-1|29-1ubuntu1|Marco d'Itri <md@linux.it>|tools for managing Linux kernel modules
        less|amd64|642|192|Y|*=1|590-2.1~deb12u{1+1}|590-1ubuntu0.22.04.{1+1}|Milan Kupcevic <milan@debian.org>|pager program similar to more
        libc6|amd64|12986|96|Y|*=1|2.36-9+deb12u{4+1}|2.35-0ubuntu3.{6+1}|GNU Libc Maintainers <debian-glibc@lists.debian.org>|GNU C Library: Shared libraries
        libssl3|amd64|6141|120|Y|*=1|3.0.{11+1}-1~deb12u1|3.0.2-0ubuntu1.{12+1}|Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>|Secure Sockets Layer toolkit - shared libraries
        libsystemd0|amd64|1012|144|Y|*=1|252.{19+3}-1~deb12u1|249.11-0ubuntu3.{11+1}|Debian systemd Maintainers <pkg-systemd-maintainers@lists.alioth.debian.org>|systemd utility library
        linux-image-amd64|amd64|13|48|Y|*=1,D|6.1.{69+5}-1|-|Debian Kernel Team <debian-kernel@lists.debian.org>|Linux for 64-bit PCs (meta-package)
        linux-image-generic|amd64|16|33|Y|*=1,U|-|5.15.0.{91+2}.{91+2}|!Ubuntu Kernel Team <kernel-team@lists.ubuntu.com>|Generic Linux kernel image
        locales|all|16770|96|Y|*=1|2.36-9+deb12u{4+1}|2.35-0ubuntu3.{6+1}|GNU Libc Maintainers <debian-glibc@lists.debian.org>|GNU C Library: National Language (locale) data [support]
        login|amd64|2593|0|N|*=1|1:4.13+dfsg1-1+b1|1:4.8.1-2ubuntu2.2|Shadow package maintainers <pkg-shadow-devel@lists.alioth.debian.org>|system login tools
        logrotate|amd64|160|0|N|*=1|3.21.0-1|3.19.0-1ubuntu1.1|Christian Göttsche <cgzones@googlemail.com>|Log rotation utility
        man-db|amd64|2801|0|N|*=1|2.11.2-2|2.10.2-1|Colin Watson <cjwatson@debian.org>|tools for reading manual pages
        multipath-tools|amd64|1222|192|N|*=1,U|-|0.8.8-1ubuntu1.22.04.{4+1}|!Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>|maintain multipath block device access
        netbase|all|41|0|N|*=1|6.4|6.3|Marco d'Itri <md@linux.it>|Basic TCP/IP networking system
        networkd-dispatcher|all|63|0|N|*=1,U|-|2.1-2ubuntu0.22.04.2|!Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>|Dispatcher service for systemd-networkd connection status changes
        openssh-client|amd64|4169|144|Y|*=1|1:9.2p1-2+deb12u{2+1}|1:8.9p1-3ubuntu0.{6+1}|Debian OpenSSH Maintainers <debian-ssh@lists.debian.org>|secure shell (SSH) client, for secure access to remote machines
        openssh-server|amd64|1940|144|Y|*=1|1:9.2p1-2+deb12u{2+1}|1:8.9p1-3ubuntu0.{6+1}|Debian OpenSSH Maintainers <debian-ssh@lists.debian.org>|secure shell (SSH) server, for secure access from remote machines
        openssl|amd64|2292|120|Y|*=1|3.0.{11+1}-1~deb12u1|3.0.2-0ubuntu1.{12+1}|Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>|Secure Sockets Layer toolkit - cryptographic utility
        passwd|amd64|2617|0|N|*=1|1:4.13+dfsg1-1+b1|1:4.8.1-2ubuntu2.2|Shadow package maintainers <pkg-shadow-devel@lists.alioth.debian.org>|change and administer password and group data
        perl|amd64|670|192|Y|*=1|5.36.0-7+deb12u{1+1}|5.34.0-3ubuntu1.{3+1}|Niko Tyni <ntyni@debian.org>|Larry Wall's Practical Extraction and Report Language
        procps|amd64|2389|0|N|*=1|2:4.0.2-3|2:3.3.17-6ubuntu2.1|Craig Small <csmall@debian.org>|/proc file system utilities
        python3|amd64|91|0|N|*=1|3.11.2-1+b1|3.10.6-1~22.04.1|Matthias Klose <doko@debian.org>|interactive high-level object-oriented language (default python3 version)
        python3.11|amd64|624|160|Y|*=1,D|3.11.2-6+deb12u{1+1}|-|Matthias Klose <doko@debian.org>|Interactive high-level object-oriented language (version 3.11)
        python3.10|amd64|600|160|Y|*=1,U|-|3.10.12-1~22.04.{3+1}|!Ubuntu Core Developers <ubuntu-devel-discuss@lists.ubuntu.com>|Interactive high-level object-oriented language (version 3.10)
        rsync|amd64|752|192|Y|*=1|3.2.7-1+deb12u{1+1}|3.2.7-0ubuntu0.22.04.{2+1}|Paul Slootman <paul@debian.org>|fast, versatile, remote (and local) file-copying tool
        rsyslog|amd64|1852|0|N|*=1|8.2302.0-1|8.2112.0-2ubuntu2.2|Michael Biebl <biebl@debian.org>|reliable system and kernel logging daemon
        sed|amd64|799|0|N|*=1|4.9-1|4.8-1ubuntu2|Clint Adams <clint@debian.org>|GNU stream editor for filtering/transforming text
        snapd|amd64|93455|72|N|*=1,U|-|2.{61+1}.3+22.04|!Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>|Daemon and tooling that enable snap packages
        sudo|amd64|6199|288|Y|*=1|1.9.13p3-1+deb12u{1+1}|1.9.9-1ubuntu2.{4+1}|Sudo Maintainers <sudo@packages.debian.org>|Provide limited super user privileges to specific users
        systemd|amd64|16086|144|Y|*=1|252.{19+3}-1~deb12u1|249.11-0ubuntu3.{11+1}|Debian systemd Maintainers <pkg-systemd-maintainers@lists.alioth.debian.org>|system and service manager
        systemd-sysv|amd64|106|144|Y|*=1|252.{19+3}-1~deb12u1|249.11-0ubuntu3.{11+1}|Debian systemd Maintainers <pkg-systemd-maintainers@lists.alioth.debian.org>|system and service manager - SysV compatibility symlinks
        systemd-timesyncd|amd64|148|144|Y|*=1|252.{19+3}-1~deb12u1|249.11-0ubuntu3.{11+1}|Debian systemd Maintainers <pkg-systemd-maintainers@lists.alioth.debian.org>|minimalistic service to synchronize local time with NTP servers
        tar|amd64|3133|0|N|*=1|1.34+dfsg-1.2+deb12u1|1.34+dfsg-1ubuntu0.1.22.04.2|Janos Lenart <ocsi@debian.org>|GNU version of the tar archiving utility
        tzdata|all|3307|96|N|*=1|2024a-0+deb12u{1+1}|2024a-0ubuntu0.22.04.{1+1}|GNU Libc Maintainers <debian-glibc@lists.debian.org>|time zone and daylight-saving time data
        udev|amd64|11203|144|Y|*=1|252.{19+3}-1~deb12u1|249.11-0ubuntu3.{11+1}|Debian systemd Maintainers <pkg-systemd-maintainers@lists.alioth.debian.org>|/dev/ and hotplug management daemon
        unattended-upgrades|all|301|0|N|*=1|2.9.1+nmu3|2.8ubuntu1|Michael Vogt <mvo@debian.org>|automatic installation of security upgrades
        util-linux|amd64|4808|192|Y|*=1|2.38.1-5+deb12u{1+1}|2.37.2-4ubuntu3.{4+1}|util-linux packagers <util-linux@packages.debian.org>|miscellaneous system utilities
        vim-tiny|amd64|1722|192|Y|*=1|2:9.0.1378-2+deb12u{0+1}|2:8.2.3995-1ubuntu2.{15+1}|Debian Vim Maintainers <team+vim@tracker.debian.org>|Vi IMproved - enhanced vi editor - compact version
        wget|amd64|3652|0|N|*=1|1.21.3-1+b2|1.21.2-2ubuntu1.1|Noël Köthe <noel@debian.org>|retrieves files from the web
        xz-utils|amd64|1331|192|Y|*=1|5.4.1-0.2+deb12u{0+1}|5.2.5-2ubuntu1|Jonathan Nieder <jrnieder@gmail.com>|XZ-format compression utilities
        zlib1g|amd64|168|0|N|*=1|1:1.2.13.dfsg-1|1:1.2.11.dfsg-2ubuntu9.2|Mark Brown <broonie@debian.org>|compression library - runtime
        open-vm-tools|amd64|3107|192|N|v|2:12.2.0-1+deb12u{1+1}|2:12.3.5-3~ubuntu0.22.04.{1+1}|Bernd Zeimetz <bzed@debian.org>|Open VMware Tools for virtual machines hosted on VMware (CLI)
        agent7-agent|amd64|98304|0|N|*=1|0.1.0|0.1.0|!Agent7 <support@agent7.example>|Agent7 endpoint agent
        nginx|amd64|1530|192|Y|w=1|1.22.1-9+deb12u{1+1}|1.18.0-6ubuntu14.{4+1}|Debian Nginx Maintainers <pkg-nginx-maintainers@alioth-lists.debian.net>|small, powerful, scalable web/proxy server
        nginx-common|all|438|192|Y|w=1|1.22.1-9+deb12u{1+1}|1.18.0-6ubuntu14.{4+1}|Debian Nginx Maintainers <pkg-nginx-maintainers@alioth-lists.debian.net>|small, powerful, scalable web/proxy server - common files
        php8.2-fpm|amd64|5427|144|Y|w=1,D|8.2.{18+3}-1~deb12u1|-|Debian PHP Maintainers <team+pkg-php@tracker.debian.org>|server-side, HTML-embedded scripting language (FPM-CGI binary)
        php8.1-fpm|amd64|5311|144|Y|w=1,U|-|8.1.2-1ubuntu2.{14+1}|!Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>|server-side, HTML-embedded scripting language (FPM-CGI binary)
        certbot|all|87|0|N|w=1|2.1.0-4|1.21.0-1build1|Debian Let's Encrypt <team+letsencrypt@tracker.debian.org>|automatically configure HTTPS using Let's Encrypt
        postgresql-15|amd64|55613|144|Y|d=1,D|15.{5+1}-0+deb12u1|-|Debian PostgreSQL Maintainers <team+postgresql@tracker.debian.org>|The World's Most Advanced Open Source Relational Database
        postgresql-client-15|amd64|5722|144|Y|d=1,D|15.{5+1}-0+deb12u1|-|Debian PostgreSQL Maintainers <team+postgresql@tracker.debian.org>|front-end programs for PostgreSQL 15
        postgresql-14|amd64|52110|144|Y|d=1,U|-|14.{10+1}-0ubuntu0.22.04.1|!Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>|The World's Most Advanced Open Source Relational Database
        postgresql-client-14|amd64|5304|144|Y|d=1,U|-|14.{10+1}-0ubuntu0.22.04.1|!Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>|front-end programs for PostgreSQL 14
        openjdk-17-jre-headless|amd64|193000|144|Y|a=1|17.0.{10+1}+7-1~deb12u1|17.0.{10+1}+7-1~22.04.1|OpenJDK Team <openjdk-17@packages.debian.org>|OpenJDK Java runtime, using Hotspot JIT (headless)
        tomcat10|all|360|240|Y|a=1,D|10.1.6-1+deb12u{1+1}|-|Debian Java Maintainers <pkg-java-maintainers@lists.alioth.debian.org>|Apache Tomcat 10 - Servlet and JSP engine
        tomcat9|all|322|240|Y|a=1,U|-|9.0.58-1ubuntu0.{1+1}|!Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>|Apache Tomcat 9 - Servlet and JSP engine
        redis-server|amd64|236|192|Y|a=0.4,w=0.2|5:7.0.15-1~deb12u{1+1}|5:6.0.16-1ubuntu1.{0+1}|Chris Lamb <lamby@debian.org>|Persistent key-value database with network interface
        docker-ce|amd64|101000|72|N|c=1|5:{25+1/2}.0.{1+2%2}-1~debian.12~bookworm|5:{25+1/2}.0.{1+2%2}-1~ubuntu.22.04~jammy|!Docker <support@docker.com>|Docker: the open-source application container engine
        docker-ce-cli|amd64|38000|72|N|c=1|5:{25+1/2}.0.{1+2%2}-1~debian.12~bookworm|5:{25+1/2}.0.{1+2%2}-1~ubuntu.22.04~jammy|!Docker <support@docker.com>|Docker CLI: the open-source application container engine
        containerd.io|amd64|114000|96|N|c=1|1.6.{28+2}-1|1.6.{28+2}-1|!Containerd team <help@containerd.io>|An open and reliable container runtime
        docker-compose-plugin|amd64|60000|48|N|c=1|2.{24+1}.{5+1%2}-1~debian.12~bookworm|2.{24+1}.{5+1%2}-1~ubuntu.22.04~jammy|!Docker <support@docker.com>|Docker Compose (V2) plugin for the Docker CLI.
        htop|amd64|387|0|N|*=0.5,later=200|3.2.2-2|3.0.5-7build2|Daniel Lange <DLange@debian.org>|interactive processes viewer
        tmux|amd64|1075|0|N|*=0.3,later=300|3.3a-3|3.2a-4ubuntu0.2|Romain Francoise <rfrancoise@debian.org>|terminal multiplexer
        git|amd64|38940|240|Y|*=0.4,later=300|1:2.39.{2+1}-1.1|1:2.34.1-1ubuntu1.{10+1}|Jonathan Nieder <jrnieder@gmail.com>|fast, scalable, distributed revision control system
        jq|amd64|102|0|N|*=0.3,later=250|1.6-2.1|1.6-2.1ubuntu3|ChangZhuo Chen (陳昌倬) <czchen@debian.org>|lightweight and flexible command-line JSON processor
        tcpdump|amd64|1275|192|Y|*=0.2,later=400|4.99.3-1|4.99.1-3ubuntu0.{1+1}|Romain Francoise <rfrancoise@debian.org>|command-line network traffic analyzer
        strace|amd64|2370|0|N|*=0.15,later=400|6.1-0.1|5.16-0ubuntu3|Steve McIntyre <93sam@debian.org>|System call tracer
        net-tools|amd64|1015|0|N|*=0.3,later=500|2.10-0.1|1.60+git20181103.0eebece-1ubuntu5|net-tools Team <team+net-tools@tracker.debian.org>|NET-3 networking toolkit
        bind9-dnsutils|amd64|563|144|Y|*=0.35,later=300|1:9.18.{19+4}-1~deb12u1|1:9.18.{18+4}-0ubuntu0.22.04.2|Debian DNS Team <team+dns@tracker.debian.org>|Clients provided with BIND 9
        """;

    static final Catalog<SoftwareEntry> DEBIAN = linux(LINUX_TABLE, true);
    static final Catalog<SoftwareEntry> UBUNTU = linux(LINUX_TABLE, false);

    private static final String UBUNTU_MAINTAINER = "Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>";

    private SoftwareCatalog() {}

    static Catalog<SoftwareEntry> of(OsRelease os) {
        if (os.windows()) {
            return WINDOWS;
        }
        return os.debian() ? DEBIAN : UBUNTU;
    }

    private static Catalog<SoftwareEntry> windows(String table) {
        List<SoftwareEntry> entries = new ArrayList<>();
        for (String[] row : Catalog.rows(table, 14)) {
            entries.add(new SoftwareEntry(
                    row[0],
                    VersionTemplate.parse(row[1]),
                    row[2],
                    row[3],
                    row[4],
                    row[5],
                    row[6],
                    Long.parseLong(row[7]) * 1024 * 1024,
                    ReleaseClock.everyDays(Integer.parseInt(row[8]), row[9]),
                    VersionTemplate.parse(row[9]),
                    row[10].charAt(0),
                    Availability.parse(row[11]),
                    row[12],
                    row[13],
                    null));
        }
        return new Catalog<>(entries, SoftwareEntry::key);
    }

    private static Catalog<SoftwareEntry> linux(String table, boolean debian) {
        List<SoftwareEntry> entries = new ArrayList<>();
        for (String[] row : Catalog.rows(table, 10)) {
            String version = debian ? row[6] : row[7];
            if (version.equals("-")) {
                continue;
            }
            boolean shared = row[8].startsWith("!");
            String maintainer = shared ? row[8].substring(1) : debian ? row[8] : UBUNTU_MAINTAINER;
            int cadence = Integer.parseInt(row[3]);
            char updater = cadence == 0 ? 'F' : row[4].equals("Y") ? 'S' : 'R';
            entries.add(new SoftwareEntry(
                    row[0],
                    VersionTemplate.parse(row[0]),
                    maintainer,
                    "deb",
                    row[1],
                    "global",
                    null,
                    Long.parseLong(row[2]) * 1024,
                    ReleaseClock.everyDays(cadence, version),
                    VersionTemplate.parse(version),
                    updater,
                    Availability.parse(row[5]),
                    null,
                    null,
                    row[9]));
        }
        return new Catalog<>(entries, SoftwareEntry::key);
    }
}
