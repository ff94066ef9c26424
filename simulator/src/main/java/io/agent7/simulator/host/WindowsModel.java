package io.agent7.simulator.host;

import java.util.List;

/**
 * How a Windows host runs: the boot-time process tree (System, smss, csrss, wininit,
 * services, lsass, a svchost per running shared service), the desktop processes of each
 * logon, and the short-lived processes, tabs and connections that come and go.
 */
final class WindowsModel implements OsModel {

    static final WindowsModel INSTANCE = new WindowsModel();

    private static final long SECOND = SimTime.SECOND;
    private static final long MINUTE = SimTime.MINUTE;
    private static final long NEVER = Long.MAX_VALUE;

    /**
     * A short-lived system process: its program, the service that starts it, its account
     * (-1 for the logged-on user), whether it belongs to a logon session, whether only
     * workstations run it, how often it is picked, and its mean lifetime in seconds.
     */
    private record Transient(
            String program,
            String parent,
            int user,
            boolean sessionUser,
            boolean workstationOnly,
            int weight,
            int meanSeconds) {}

    private static final List<Transient> TRANSIENTS = List.of(
            new Transient("wmiprvse", "DcomLaunch", Accounts.NETWORK_SERVICE, false, false, 4, 180),
            new Transient("dllhost", "DcomLaunch", Accounts.SYSTEM, false, false, 2, 120),
            new Transient("searchprotocolhost", "WSearch", Accounts.SYSTEM, false, true, 3, 120),
            new Transient("taskhostw", "Schedule", Accounts.SYSTEM, false, false, 2, 300),
            new Transient("mpcmdrun", "WinDefend", Accounts.SYSTEM, false, false, 1, 120),
            new Transient("mousocoreworker", "DcomLaunch", Accounts.SYSTEM, false, false, 1, 360),
            new Transient("compattelrunner", "Schedule", Accounts.SYSTEM, false, false, 1, 480),
            new Transient("backgroundtaskhost", "DcomLaunch", -1, true, false, 2, 120),
            new Transient("smartscreen", "DcomLaunch", -1, true, true, 1, 180),
            new Transient("audiodg", "AudioSrv", Accounts.LOCAL_SERVICE, true, true, 1, 600));
    private static final int TRANSIENT_WEIGHT =
            TRANSIENTS.stream().mapToInt(Transient::weight).sum();

    private WindowsModel() {}

    @Override
    public void boot(HostState h, long b) {
        HostProfile p = h.profile;
        h.spawnWithPid("system", 4, 0, b, Accounts.SYSTEM);
        h.spawn("registry", 4, b, NEVER, -1, 0, Accounts.SYSTEM, 0);
        h.spawn("smss", 4, b + 1200, NEVER, -1, 0, Accounts.SYSTEM, 0);
        int setup0 = h.exitedPid();
        int setup1 = h.exitedPid();
        h.spawn("csrss", setup0, b + 3000, NEVER, -1, 0, Accounts.SYSTEM, 0);
        int wininit = h.spawn("wininit", setup0, b + 3100, NEVER, -1, 0, Accounts.SYSTEM, 0);
        h.spawn("csrss", setup1, b + 3200, NEVER, -1, 0, Accounts.SYSTEM, 0);
        int winlogon = h.spawn("winlogon", setup1, b + 3300, NEVER, -1, 0, Accounts.SYSTEM, 0);
        int services = h.spawn("services", wininit, b + 4000, NEVER, -1, 0, Accounts.SYSTEM, 0);
        h.spawn("lsass", wininit, b + 4100, NEVER, -1, 0, Accounts.SYSTEM, 0);
        h.spawn("fontdrvhost", wininit, b + 4500, NEVER, -1, 0, Accounts.UMFD, 0);
        h.spawn("fontdrvhost", winlogon, b + 4600, NEVER, -1, 0, Accounts.UMFD + 1, 0);
        h.spawn("dwm", winlogon, b + 6000, NEVER, -1, 0, Accounts.DWM + 1, 0);
        h.spawn("logonui", winlogon, b + 9000, NEVER, -1, 0, Accounts.SYSTEM, 0);
        h.spawn("memcompression", 4, b + 15 * SECOND, NEVER, -1, 0, Accounts.SYSTEM, 0);
        long at = b + 5 * SECOND;
        for (int i = 0; i < h.services.size(); i++) {
            ServiceDef def = h.services.get(i);
            if (def.run() != 'R'
                    || def.driver()
                    || def.inLsass()
                    || !h.serviceExists(def, b)
                    || h.serviceProcess(i) != null) {
                continue;
            }
            long start = def.start().equals("delayed_auto") ? b + 2 * MINUTE + h.random.nextInt(60_000) : at;
            at += 150 + h.random.nextInt(400);
            startService(h, i, services, start, NEVER);
        }
        h.spawn("wmiprvse", h.servicePid("DcomLaunch"), b + 40 * SECOND, NEVER, -1, 0, Accounts.NETWORK_SERVICE, 0);
        if (p.role == Role.WORKSTATION) {
            h.spawn("wudfhost", services, b + 7 * SECOND, NEVER, -1, 0, Accounts.LOCAL_SERVICE, 0);
        }
        if (p.role == Role.IIS_SERVER) {
            for (int pool = 0; pool < Accounts.APP_POOLS.size(); pool++) {
                h.spawn(
                        "w3wp",
                        h.servicePid("WAS"),
                        b + (3 + pool) * MINUTE,
                        NEVER,
                        -1,
                        pool,
                        Accounts.APP_POOL + pool,
                        0);
            }
        }
        Planted planted = p.planted;
        if (planted != null && planted.has(Finding.SERVICE_IN_TEMP)) {
            int pid = h.spawn("planted_service", services, b + 20 * SECOND, NEVER, -1, 0, Accounts.SYSTEM, 0);
            h.connect(pid, p.ip, h.ephemeralPort(), planted.callHome, planted.callHomePort, -1, false, NEVER);
        }
        connectAgent(h);
        if (p.role == Role.WORKSTATION) {
            h.connectTo(h.servicePid("WpnService"), "wns", NEVER);
        }
        if (p.role == Role.FILE_SERVER) {
            // Mapped drives reconnect as soon as the server is back: the steady state from the start.
            int sessions = 5 + h.random.nextInt(11);
            for (int i = 0; i < sessions; i++) {
                long end = h.now() + h.lifetime(4 * SimTime.HOUR, MINUTE);
                h.connect(4, p.ip, 445, workstation(h), h.ephemeralPort(), -1, true, end);
            }
        }
        if (p.role == Role.SQL_SERVER) {
            int sql = h.servicePid("MSSQLSERVER");
            int pool = 3 + h.random.nextInt(6);
            for (int i = 0; i < pool; i++) {
                h.connect(sql, p.ip, 1433, appServer(h), h.ephemeralPort(), -1, true, NEVER);
            }
        }
    }

    private static void connectAgent(HostState h) {
        int agent = h.servicePid("Agent7Agent");
        if (agent != 0) {
            h.connect(agent, h.profile.ip, h.ephemeralPort(), Org.AGENT7_SERVER, Org.AGENT7_PORT, -1, false, NEVER);
        }
    }

    /** Starts the process that hosts a service: its own program, or a svchost of its group. */
    static int startService(HostState h, int index, int services, long at, long end) {
        ServiceDef def = h.services.get(index);
        int user = ServiceAccounts.code(h.profile, def);
        String program = def.shared() ? "svchost" : def.host();
        return h.spawn(program, services, at, end, index, 0, user, 0);
    }

    /** An application server or workstation in the office network, as a client. */
    private static int appServer(HostState h) {
        return Org.ip(10, 10, h.random.nextInt(40), 2 + h.random.nextInt(200));
    }

    private static int workstation(HostState h) {
        return Org.ip(10, 20, h.random.nextInt(40), 2 + h.random.nextInt(248));
    }

    @Override
    public void logon(HostState h, Session s, long now) {
        HostProfile p = h.profile;
        int slot = s.slot();
        int user = s.user();
        long at = s.logon();
        int winlogon;
        if (s.remote()) {
            int setup = h.exitedPid();
            h.spawn("csrss", setup, at, NEVER, -1, 0, Accounts.SYSTEM, slot);
            winlogon = h.spawn("winlogon", setup, at + 100, NEVER, -1, 0, Accounts.SYSTEM, slot);
            h.spawn("dwm", winlogon, at + 900, NEVER, -1, 0, Accounts.DWM + s.number(), slot);
            h.spawn("fontdrvhost", winlogon, at + 400, NEVER, -1, 0, Accounts.UMFD + s.number(), slot);
            int termService = h.servicePid("TermService");
            h.connect(termService, p.ip, 3389, s.source(), s.sourcePort(), -1, true, NEVER);
        } else {
            winlogon = h.pid("winlogon", 0);
            h.processes.removeIf(proc -> proc.program() == h.programs.index("logonui"));
        }
        int services = h.pid("services", 0);
        int dcom = h.servicePid("DcomLaunch");
        int schedule = h.servicePid("Schedule");
        h.spawn("sihost", h.servicePid("UserManager"), at + 2 * SECOND, NEVER, -1, 0, user, slot);
        for (int i = 0; i < 3; i++) {
            h.spawn("svchost_user", services, at + 2100 + i * 50, NEVER, -1, i, user, slot);
        }
        h.spawn("taskhostw", schedule, at + 2500, NEVER, -1, 0, user, slot);
        h.spawn("ctfmon", dcom, at + 2800, NEVER, -1, 0, user, slot);
        int explorer = h.spawn("explorer", h.exitedPid(), at + 4 * SECOND, NEVER, -1, 0, user, slot);
        h.spawn("shellexperiencehost", dcom, at + 6 * SECOND, NEVER, -1, 0, user, slot);
        h.spawn("startmenu", dcom, at + 6500, NEVER, -1, 0, user, slot);
        h.spawn("textinputhost", dcom, at + 7 * SECOND, NEVER, -1, 0, user, slot);
        if (p.role == Role.WORKSTATION) {
            h.spawn(p.os == OsRelease.WIN11 ? "searchhost" : "searchapp", dcom, at + 7500, NEVER, -1, 0, user, slot);
        }
        for (int i = 0; i < 3; i++) {
            h.spawn("runtimebroker", dcom, at + 8 * SECOND + i * 2100L, NEVER, -1, 0, user, slot);
        }
        h.spawn("securityhealthsystray", explorer, at + 12 * SECOND, NEVER, -1, 0, user, slot);
        if (h.installed("vmtools", at)) {
            h.spawn("vmtoolsd_user", explorer, at + 12500, NEVER, -1, 0, user, slot);
        }
        if (p.role == Role.WORKSTATION) {
            startDesktopApps(h, s, explorer);
        } else {
            h.spawn("rdpclip", h.servicePid("UmRdpService"), at + 3 * SECOND, NEVER, -1, 0, user, slot);
            h.spawn("servermanager", schedule, at + 20 * SECOND, NEVER, -1, 0, user, slot);
            if (p.role == Role.SQL_SERVER && h.chance(0.5)) {
                h.spawn("ssms", explorer, at + 2 * MINUTE, NEVER, -1, 0, user, slot);
            }
        }
        Planted planted = p.planted;
        if (planted != null && planted.has(Finding.RUN_KEY_IN_APPDATA_ROAMING) && userOwnsProfile(h, user)) {
            int pid = h.spawn("planted_run", explorer, at + 15 * SECOND, NEVER, -1, 0, user, slot);
            h.connect(pid, p.ip, h.ephemeralPort(), planted.callHome, planted.callHomePort, -1, false, NEVER);
        }
    }

    /** The planted Run value is in the profile user's hive, so it starts only when that user logs on. */
    private static boolean userOwnsProfile(HostState h, int user) {
        return h.principal(user).name().equals(h.profile.profileUser());
    }

    private static void startDesktopApps(HostState h, Session s, int explorer) {
        int slot = s.slot();
        int user = s.user();
        long at = s.logon();
        if (h.installed("onedrive", at)) {
            int onedrive = h.spawn("onedrive", explorer, at + 14 * SECOND, NEVER, -1, 0, user, slot);
            h.connectTo(onedrive, "onedrive", NEVER);
        }
        if (h.installed("anyconnect", at)) {
            h.spawn("vpnui", explorer, at + 13 * SECOND, NEVER, -1, 0, user, slot);
        }
        if (h.installed("teams", at)) {
            int teams = h.spawn("teams", explorer, at + 20 * SECOND, NEVER, -1, 0, user, slot);
            for (int i = 0; i < 4; i++) {
                h.spawn("teamswebview", teams, at + 23 * SECOND + i * 700L, NEVER, -1, 4 + i, user, slot);
            }
            h.connectTo(teams, "teams", NEVER);
            h.connectTo(teams, "teams", NEVER);
        }
        if (h.installed("office", at)) {
            int outlook =
                    h.spawn("outlook", explorer, at + (1 + h.random.nextInt(10)) * MINUTE, NEVER, -1, 0, user, slot);
            h.connectTo(outlook, "m365", NEVER);
            h.connectTo(outlook, "m365", NEVER);
        }
        int browser = h.profile.browser;
        if ((browser == 0 || browser == 2) && h.installed("chrome", at)) {
            startBrowser(h, "chrome", explorer, user, slot, at + (2 + h.random.nextInt(20)) * MINUTE);
        }
        if (browser >= 1 || !h.installed("chrome", at)) {
            startBrowser(h, "msedge", explorer, user, slot, at + (1 + h.random.nextInt(20)) * MINUTE);
        }
        if (h.installed("zoom", at) && h.chance(0.4)) {
            int zoom = h.spawn("zoom", explorer, at + 30 * SECOND, NEVER, -1, 0, user, slot);
            h.connectTo(zoom, "zoom", NEVER);
        }
        if (h.installed("slack", at)) {
            int slack = h.spawn("slack", explorer, at + 40 * SECOND, NEVER, -1, 0, user, slot);
            h.connectTo(slack, "slack", NEVER);
        }
        if (h.installed("vscode", at) && h.chance(0.6)) {
            h.spawn("code", explorer, at + 15 * MINUTE, NEVER, -1, 0, user, slot);
        }
        h.connect(4, h.profile.ip, h.ephemeralPort(), Org.FILE_SERVER, 445, -1, false, NEVER);
    }

    private static void startBrowser(HostState h, String browser, int explorer, int user, int slot, long at) {
        int main = h.spawn(browser, explorer, at, NEVER, -1, 0, user, slot);
        int session = h.random.nextInt(1 << 30);
        h.spawn(browser + "_crashpad", main, at + 300, NEVER, -1, session, user, slot);
        h.spawn(browser + "_gpu", main, at + 600, NEVER, -1, session, user, slot);
        int network = h.spawn(browser + "_network", main, at + 650, NEVER, -1, session, user, slot);
        h.spawn(browser + "_storage", main, at + 700, NEVER, -1, session, user, slot);
        // Tabs and connections live for an exponential time, which has no memory: for a browser
        // started long ago, what is open now still has a fresh lifetime ahead of it.
        long open = Math.max(at, h.now());
        int tabs = 2 + h.random.nextInt(7);
        for (int i = 0; i < tabs; i++) {
            h.spawn(
                    browser + "_renderer",
                    main,
                    at + 1000 + i * 300L,
                    open + h.lifetime(75 * MINUTE, 5 * MINUTE),
                    -1,
                    5 + i,
                    user,
                    slot);
        }
        int connections = 2 + h.random.nextInt(3);
        for (int i = 0; i < connections; i++) {
            h.connectTo(network, "web", open + h.lifetime(35 * MINUTE, MINUTE));
        }
    }

    @Override
    public void logoff(HostState h, Session s, long now) {
        if (s.remote()) {
            h.connections.removeIf(
                    c -> c.localPort() == 3389 && c.remoteIp() == s.source() && c.remotePort() == s.sourcePort());
            return;
        }
        h.connections.removeIf(c -> c.pid() == 4 && !c.inbound() && c.remotePort() == 445);
        h.spawn("logonui", h.pid("winlogon", 0), now, NEVER, -1, 0, Accounts.SYSTEM, 0);
    }

    @Override
    public void restartService(HostState h, Proc main, long at) {
        h.kill(main.pid());
        startService(h, main.service(), h.pid("services", 0), at, NEVER);
        if (h.services.get(main.service()).name().equals("Agent7Agent")) {
            connectAgent(h);
        }
    }

    @Override
    public void churn(HostState h, long t, long dt) {
        HostProfile p = h.profile;
        double f = (double) dt / MINUTE;
        if (h.chance(0.2 * f)) {
            startTransient(h, t + h.random.nextLong(dt));
        }
        if (h.chance(0.004 * f)) {
            startTriggeredService(h, t + h.random.nextLong(dt));
        }
        for (Session s : h.sessions) {
            if (p.role == Role.WORKSTATION) {
                sessionChurn(h, s, t, dt, f);
            }
        }
        if (h.chance(f / 240)) {
            int agent = h.servicePid("Agent7Agent");
            h.connections.removeIf(c -> c.pid() == agent && c.remoteIp() == Org.AGENT7_SERVER);
            connectAgent(h);
        }
        if (h.chance(0.02 * f)) {
            h.connectTo(h.servicePid("DiagTrack"), "telemetry", t + h.lifetime(2 * MINUTE, 20 * SECOND));
        }
        if (h.chance(0.01 * f) && h.servicePid("WinDefend") != 0) {
            h.connectTo(h.servicePid("WinDefend"), "defender", t + h.lifetime(MINUTE, 10 * SECOND));
        }
        if (p.role == Role.IIS_SERVER && h.chance(0.1 * f)) {
            h.connect(
                    4, p.ip, 443, workstation(h), h.ephemeralPort(), -1, true, t + h.lifetime(5 * MINUTE, 30 * SECOND));
        }
        if (p.role == Role.FILE_SERVER && h.chance(0.04 * f)) {
            h.connect(
                    4,
                    p.ip,
                    445,
                    workstation(h),
                    h.ephemeralPort(),
                    -1,
                    true,
                    t + h.lifetime(4 * SimTime.HOUR, MINUTE));
        }
        Planted planted = p.planted;
        if (planted != null && planted.has(Finding.TASK_IN_USERS_PUBLIC) && crossesHour(t, dt)) {
            long start = t + h.random.nextLong(dt);
            long end = start + h.lifetime(2 * MINUTE, 30 * SECOND);
            int pid = h.spawn("planted_task", h.servicePid("Schedule"), start, end, -1, 0, planted.taskAccount(), 0);
            h.connect(pid, p.ip, h.ephemeralPort(), planted.callHome, planted.callHomePort, -1, false, end);
        }
    }

    private static boolean crossesHour(long t, long dt) {
        return Math.floorDiv(t, SimTime.HOUR) != Math.floorDiv(t + dt, SimTime.HOUR);
    }

    private static void startTransient(HostState h, long at) {
        int pick = h.random.nextInt(TRANSIENT_WEIGHT);
        Transient chosen = TRANSIENTS.get(0);
        for (Transient candidate : TRANSIENTS) {
            pick -= candidate.weight();
            if (pick < 0) {
                chosen = candidate;
                break;
            }
        }
        if (chosen.workstationOnly() && h.profile.role != Role.WORKSTATION) {
            return;
        }
        int parent = h.servicePid(chosen.parent());
        if (parent == 0) {
            return;
        }
        int user = chosen.user();
        int slot = 0;
        if (chosen.sessionUser()) {
            if (h.sessions.isEmpty()) {
                return;
            }
            Session s = h.sessions.get(0);
            slot = s.slot();
            if (user < 0) {
                user = s.user();
            }
        }
        long end = at + h.lifetime(chosen.meanSeconds() * SimTime.SECOND, 20 * SimTime.SECOND);
        h.spawn(chosen.program(), parent, at, end, -1, h.random.nextInt(0x1000), user, slot);
    }

    private static void startTriggeredService(HostState h, long at) {
        int start = h.random.nextInt(h.services.size());
        for (int k = 0; k < h.services.size(); k++) {
            int index = (start + k) % h.services.size();
            ServiceDef def = h.services.get(index);
            if (def.run() == 'T' && h.serviceExists(def, at) && h.serviceProcess(index) == null) {
                startService(h, index, h.pid("services", 0), at, at + h.lifetime(10 * MINUTE, 2 * MINUTE));
                return;
            }
        }
    }

    private static void sessionChurn(HostState h, Session s, long t, long dt, double f) {
        int slot = s.slot();
        for (String browser : new String[] {"chrome", "msedge"}) {
            Proc main = h.processes.find(h.programs.index(browser), slot);
            if (main == null) {
                continue;
            }
            if (h.chance(0.08 * f)) {
                long at = t + h.random.nextLong(dt);
                h.spawn(
                        browser + "_renderer",
                        main.pid(),
                        at,
                        at + h.lifetime(75 * MINUTE, 2 * MINUTE),
                        -1,
                        5 + h.random.nextInt(400),
                        s.user(),
                        slot);
            }
            if (h.chance(0.1 * f)) {
                Proc network = h.processes.find(h.programs.index(browser + "_network"), slot);
                if (network != null) {
                    h.connectTo(network.pid(), "web", t + h.lifetime(35 * MINUTE, MINUTE));
                }
            }
        }
        if (h.installed("office", t) && h.chance(0.006 * f)) {
            String app = h.random.nextBoolean() ? "winword" : "excel";
            if (h.processes.find(h.programs.index(app), slot) == null) {
                long at = t + h.random.nextLong(dt);
                h.spawn(
                        app,
                        h.pid("explorer", slot),
                        at,
                        at + h.lifetime(60 * MINUTE, 5 * MINUTE),
                        -1,
                        0,
                        s.user(),
                        slot);
            }
        }
        if (h.chance(0.002 * f)) {
            long at = t + h.random.nextLong(dt);
            h.spawn(
                    "notepad",
                    h.pid("explorer", slot),
                    at,
                    at + h.lifetime(20 * MINUTE, MINUTE),
                    -1,
                    0,
                    s.user(),
                    slot);
        }
    }
}
