package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;

/**
 * How a Debian or Ubuntu server runs: systemd and the kernel threads, the units of its role
 * (nginx and php-fpm, PostgreSQL and its backends, Tomcat, Docker and its containers), SSH
 * sessions of its admins, and the kernel workers, maintenance jobs and client connections
 * that come and go.
 */
final class LinuxModel implements OsModel {

    static final LinuxModel INSTANCE = new LinuxModel();

    private static final long SECOND = SimTime.SECOND;
    private static final long MINUTE = SimTime.MINUTE;
    private static final long NEVER = Long.MAX_VALUE;
    private static final int ROOT = 0;
    private static final List<String> SESSION_COMMANDS = List.of("top", "vim", "less", "journalctl", "sudo");

    private LinuxModel() {}

    @Override
    public void boot(HostState h, long b) {
        HostProfile p = h.profile;
        h.spawnWithPid("systemd", 1, 0, b, ROOT);
        h.spawnWithPid("kthreadd", 2, 0, b, ROOT);
        long at = b + 1;
        for (int i = 0; i < KernelThreads.EARLY.size(); i++) {
            h.spawn("kthread", 2, at++, NEVER, -1, i, ROOT, 0);
        }
        for (int cpu = 1; cpu < p.cores; cpu++) {
            for (int kind = 0; kind < KernelThreads.perCpuKinds(); kind++) {
                h.spawn("kthread", 2, at++, NEVER, -1, KernelThreads.perCpu(cpu, kind), ROOT, 0);
            }
        }
        for (int i = 0; i < KernelThreads.LATE.size(); i++) {
            if (KernelThreads.LATE.get(i).startsWith("vmw_") && !p.virtual) {
                continue;
            }
            h.spawn("kthread", 2, at + 200 + i * 3L, NEVER, -1, KernelThreads.LATE_BASE + i, ROOT, 0);
        }
        for (int cpu = 0; cpu < p.cores; cpu++) {
            for (int kind = 0; kind < KernelThreads.perCpuLateKinds(); kind++) {
                h.spawn("kthread", 2, at + 900 + cpu, NEVER, -1, KernelThreads.perCpuLate(cpu, kind), ROOT, 0);
            }
        }
        long start = b + 1800;
        for (int i = 0; i < h.services.size(); i++) {
            ServiceDef def = h.services.get(i);
            if (def.run() != 'R' || def.host().equals("-") || !h.serviceExists(def, b)) {
                continue;
            }
            start += 40 + h.random.nextInt(300);
            int pid = h.spawn(def.host(), 1, start, NEVER, i, 0, uid(h, def.account()), 0);
            startChildren(h, def.host(), pid, start);
        }
        Planted planted = p.planted;
        if (planted != null && planted.has(Finding.SYSTEMD_UNIT_IN_TMP)) {
            int pid = h.spawn("planted_unit", 1, start + 700, NEVER, -1, 0, ROOT, 0);
            h.connect(pid, p.ip, h.ephemeralPort(), planted.callHome, planted.callHomePort, -1, false, NEVER);
        }
        if (planted != null && planted.has(Finding.CRON_REBOOT_IN_TMP)) {
            int pid = h.spawn("planted_cron", 1, start + 30 * SECOND, NEVER, -1, 0, ROOT, 0);
            h.connect(pid, p.ip, h.ephemeralPort(), planted.callHome, planted.callHomePort, -1, false, NEVER);
        }
        connectAgent(h);
    }

    /** The uid of a unit's User=, which may differ by distribution ("root/syslog"). */
    static int uid(HostState h, String account) {
        String name = account;
        int slash = account.indexOf('/');
        if (slash >= 0) {
            name = h.profile.os.debian() ? account.substring(0, slash) : account.substring(slash + 1);
        }
        LinuxAccounts.User user = h.linuxAccounts().byName(name);
        return user == null ? ROOT : user.uid();
    }

    private static void startChildren(HostState h, String program, int parent, long at) {
        HostProfile p = h.profile;
        switch (program) {
            case "nginx" -> {
                for (int i = 0; i < p.cores; i++) {
                    h.spawn("nginx_worker", parent, at + 20 + i, NEVER, -1, 0, uid(h, "www-data"), 0);
                }
            }
            case "phpfpm" -> {
                int pool = 2 + h.random.nextInt(4);
                for (int i = 0; i < pool; i++) {
                    h.spawn("phpfpm_pool", parent, at + 30 + i, NEVER, -1, 0, uid(h, "www-data"), 0);
                }
            }
            case "postgres" -> {
                int postgres = uid(h, "postgres");
                for (int i = 0; i < ProcessVars.POSTGRES_AUX.size(); i++) {
                    h.spawn("postgres_aux", parent, at + 50 + i, NEVER, -1, i, postgres, 0);
                }
                int backends = 4 + h.random.nextInt(9);
                for (int i = 0; i < backends; i++) {
                    startBackend(h, parent, at + (2 + h.random.nextInt(60)) * MINUTE);
                }
            }
            case "tomcat" -> {
                int database = Org.ip(10, 30, h.random.nextInt(40), 2 + h.random.nextInt(200));
                int pool = 5 + h.random.nextInt(6);
                for (int i = 0; i < pool; i++) {
                    h.connect(parent, p.ip, h.ephemeralPort(), database, 5432, -1, false, NEVER);
                }
            }
            case "dockerd" -> startContainers(h, parent, at);
            default -> {}
        }
    }

    private static void startBackend(HostState h, int postmaster, long at) {
        int pid = h.spawn("postgres_backend", postmaster, at, NEVER, -1, 0, uid(h, "postgres"), 0);
        int client = Org.ip(10, 30, h.random.nextInt(40), 2 + h.random.nextInt(200));
        h.connect(pid, h.profile.ip, 5432, client, 32768 + h.random.nextInt(28000), -1, true, NEVER);
    }

    private static void startContainers(HostState h, int dockerd, long at) {
        int count = Containers.count(h.profile);
        for (int c = 0; c < count; c++) {
            Containers.Container container = Containers.of(h.profile, c);
            long started = at + (5 + c) * SECOND;
            int shim = h.spawn("shim", 1, started, NEVER, -1, c, ROOT, 0);
            h.spawn(container.program(), shim, started + 300, NEVER, -1, c, ROOT, 0);
            if (container.hostPort() > 0) {
                h.spawn("dockerproxy", dockerd, started + 100, NEVER, -1, c, ROOT, 0);
            }
        }
    }

    private static void connectAgent(HostState h) {
        int agent = h.servicePid("agent7-agent.service");
        if (agent != 0) {
            h.connect(agent, h.profile.ip, h.ephemeralPort(), Org.AGENT7_SERVER, Org.AGENT7_PORT, -1, false, NEVER);
        }
    }

    @Override
    public void logon(HostState h, Session s, long now) {
        int slot = s.slot();
        int uid = s.user();
        long at = s.logon();
        int sshd = h.servicePid("ssh.service");
        int priv = h.spawn("sshd_priv", sshd, at, NEVER, -1, uid, ROOT, slot);
        int systemd = h.spawn("systemd_user", 1, at + 150, NEVER, -1, 0, uid, slot);
        h.spawn("sdpam", systemd, at + 160, NEVER, -1, 0, uid, slot);
        int user = h.spawn("sshd_user", priv, at + 300, NEVER, -1, s.number(), uid, slot);
        h.spawn("bash", user, at + 400, NEVER, -1, 0, uid, slot);
        h.connect(priv, h.profile.ip, 22, s.source(), s.sourcePort(), -1, true, NEVER);
    }

    @Override
    public void logoff(HostState h, Session s, long now) {
        // The session's processes, and with them its socket, are removed by the caller.
    }

    @Override
    public void restartService(HostState h, Proc main, long at) {
        killTree(h, main.pid());
        ServiceDef def = h.services.get(main.service());
        if (def.host().equals("dockerd")) {
            // Without live-restore, containers stop with the daemon and start again with it.
            int shim = h.programs.index("shim");
            for (Proc p : new ArrayList<>(h.processes.all())) {
                if (p.program() == shim) {
                    killTree(h, p.pid());
                }
            }
        }
        int pid = h.spawn(def.host(), 1, at, NEVER, main.service(), 0, uid(h, def.account()), 0);
        startChildren(h, def.host(), pid, at);
        if (def.name().equals("agent7-agent.service")) {
            connectAgent(h);
        }
    }

    /** A process and its descendants, except login sessions, which outlive a restarted sshd. */
    private static void killTree(HostState h, int pid) {
        for (Proc child : new ArrayList<>(h.processes.all())) {
            if (child.ppid() == pid && child.session() == 0 && child.pid() != pid) {
                killTree(h, child.pid());
            }
        }
        h.kill(pid);
    }

    @Override
    public void churn(HostState h, long t, long dt) {
        HostProfile p = h.profile;
        double f = (double) dt / MINUTE;
        if (h.chance(0.35 * f)) {
            long at = t + h.random.nextLong(dt);
            int arg = KernelThreads.unbound(h.random.nextInt(40), h.random.nextInt(KernelThreads.queues()));
            h.spawn("kthread", 2, at, at + h.lifetime(6 * MINUTE, 30 * SECOND), -1, arg, ROOT, 0);
        }
        for (Session s : h.sessions) {
            if (h.chance(0.12 * f)) {
                Proc bash = h.processes.find(h.programs.index("bash"), s.slot());
                if (bash != null) {
                    String command = SESSION_COMMANDS.get(h.random.nextInt(SESSION_COMMANDS.size()));
                    long at = t + h.random.nextLong(dt);
                    int user = command.equals("sudo") ? ROOT : s.user();
                    h.spawn(command, bash.pid(), at, at + h.lifetime(3 * MINUTE, 10 * SECOND), -1, 0, user, s.slot());
                }
            }
        }
        if (p.role == Role.WEB && h.chance(0.1 * f)) {
            RemoteEndpoints.ClientNetwork network =
                    RemoteEndpoints.CLIENTS.get(h.random.nextInt(RemoteEndpoints.CLIENTS.size()));
            int client = network.prefix() | h.random.nextInt(0x10000);
            Proc worker = h.processes.find(h.programs.index("nginx_worker"), 0);
            if (worker != null) {
                h.connect(
                        worker.pid(),
                        p.ip,
                        443,
                        client,
                        1024 + h.random.nextInt(64000),
                        -1,
                        true,
                        t + h.lifetime(4 * MINUTE, 5 * SECOND));
            }
        }
        if (p.role == Role.DB) {
            databaseChurn(h, t, dt, f);
        }
        if (containsLocalMinute(p, t, dt, p.dailyMinute)) {
            long at = t + h.random.nextLong(dt);
            long end = at + h.lifetime(3 * MINUTE, MINUTE);
            int upgrade = h.spawn("uu_run", 1, at, end, -1, 0, ROOT, 0);
            int http = h.spawn("apt_http", upgrade, at + 2 * SECOND, at + 40 * SECOND, -1, 0, uid(h, "_apt"), 0);
            h.connectTo(http, p.os.debian() ? "debian" : "ubuntu", at + 40 * SECOND);
        }
        if (h.chance(f / 240)) {
            int agent = h.servicePid("agent7-agent.service");
            h.connections.removeIf(c -> c.pid() == agent && c.remoteIp() == Org.AGENT7_SERVER);
            connectAgent(h);
        }
    }

    private static void databaseChurn(HostState h, long t, long dt, double f) {
        int postmaster = h.servicePid("postgresql@" + h.profile.postgresVersion() + "-main.service");
        if (postmaster == 0) {
            return;
        }
        if (h.chance(0.04 * f)) {
            long at = t + h.random.nextLong(dt);
            h.spawn(
                    "postgres_autovacuum",
                    postmaster,
                    at,
                    at + h.lifetime(MINUTE, 10 * SECOND),
                    -1,
                    0,
                    uid(h, "postgres"),
                    0);
        }
        if (h.chance(0.01 * f)) {
            int backend = h.programs.index("postgres_backend");
            Proc old = h.processes.find(backend, 0);
            if (old != null) {
                h.processes.removeIf(proc -> proc.pid() == old.pid());
                h.connections.removeIf(c -> c.pid() == old.pid());
                startBackend(h, postmaster, t + h.random.nextLong(dt));
            }
        }
        if (containsLocalMinute(h.profile, t, dt, 90)) {
            long at = t + h.random.nextLong(dt);
            long end = at + h.lifetime(8 * MINUTE, 3 * MINUTE);
            int cron = h.servicePid("cron.service");
            int child = h.spawn("cron_child", cron, at, end, -1, 0, ROOT, 0);
            int shell = h.spawn("sh", child, at + 10, end, -1, 0, uid(h, "postgres"), 0);
            h.spawn("pg_dump", shell, at + 20, end, -1, 0, uid(h, "postgres"), 0);
        }
    }

    /** Whether [t, t + dt) contains the given local minute of some day. */
    static boolean containsLocalMinute(HostProfile p, long t, long dt, int minuteOfDay) {
        return SimTime.nextLocalTime(t, p.tz, minuteOfDay) < t + dt;
    }
}
