package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The changing state of one virtual host and the clock that moves it. Slow state (boots,
 * logons, software levels) follows from the profile and the time; fast state (short-lived
 * processes, browser tabs, connections) is drawn from the host's own random stream in
 * one-minute steps. Everything is indices and numbers; documents are built only on demand.
 */
final class HostState {

    /** Length of one simulation step. */
    static final long TICK = SimTime.MINUTE;
    /**
     * Only the last half hour of a long advance is stepped minute by minute: everything
     * short-lived that started earlier has ended, and the slow state is a function of time.
     */
    static final long WARM_UP = 30 * SimTime.MINUTE;
    /** Linux hands out pids in order; cron jobs and the like use up about this many an hour. */
    private static final long PIDS_PER_HOUR = 700;

    private static final int LINUX_PID_MAX = 4_194_304;
    /** Upgraded services are noticed within this long, like an installer's service restart. */
    private static final long SERVICE_CHECK = 15 * SimTime.MINUTE;

    final HostProfile profile;
    final SplittableRandom random;
    final Catalog<Program> programs;
    final Catalog<ServiceDef> services;
    final Catalog<SoftwareEntry> software;
    final Products products;
    final OsModel model;
    final ProcessTable processes = new ProcessTable();
    final ArrayList<Session> sessions = new ArrayList<>(2);
    final ArrayList<Conn> connections = new ArrayList<>(16);
    /** The last instant the host was moved to: what samples and relative fields are taken at. */
    long clock;

    long boot;
    /** The OS build (Windows: patch month) or kernel level running since boot. */
    int bootLevel;

    private long nextRebootCheck = Long.MIN_VALUE;
    private long nextServiceCheck = Long.MIN_VALUE;
    /** The end of the step being simulated: nothing starts later than this. */
    private long stepEnd;

    private int nextPid;
    private long pidClock;
    /** Linux: when each admin last logged on, for lastlog. */
    final long[] lastLogon;

    private LinuxAccounts linuxAccounts;

    HostState(HostProfile profile) {
        this.profile = profile;
        this.random = new SplittableRandom(Seeds.of(profile.key, 0x5EED));
        this.programs = Programs.of(profile.windows);
        this.services = Services.of(profile.windows);
        this.software = SoftwareCatalog.of(profile.os);
        this.products = new Products(profile, software);
        this.model = profile.windows ? WindowsModel.INSTANCE : LinuxModel.INSTANCE;
        this.lastLogon = new long[profile.windows ? 0 : profile.admins.length];
    }

    /** Linux: lastlog before the simulation starts, from the admins' planned sessions of the last two months. */
    void initialLastLogons(long now) {
        if (profile.windows) {
            return;
        }
        long today = SimTime.localDay(now, profile.tz);
        for (long day = today - 60; day <= today; day++) {
            for (int slot = 0; slot < 2; slot++) {
                SessionPlan.Planned s = SessionPlan.adminSession(profile, day, slot);
                if (s != null && s.start() <= now - WARM_UP) {
                    int admin = s.user() - 1000;
                    lastLogon[admin] = Math.max(lastLogon[admin], s.start());
                }
            }
        }
    }

    /** Moves the host through [from, to): a quick settle to the start of the warm-up, then minute steps. */
    void run(long from, long to) {
        if (to <= from) {
            clock = Math.max(clock, to);
            return;
        }
        long stepFrom = Math.max(from, to - WARM_UP);
        if (stepFrom > from) {
            settle(stepFrom);
        }
        for (long t = stepFrom; t < to; ) {
            long next = Math.min(to, t + TICK);
            settle(t);
            stepEnd = next;
            model.churn(this, t, next - t);
            t = next;
        }
        settle(to);
        clock = to;
    }

    /** Brings slow state to {@code t}: reboots, ended processes and connections, logons and logoffs. */
    private void settle(long t) {
        stepEnd = t;
        if (t >= nextRebootCheck) {
            long lastBoot = Patches.lastBoot(profile, t);
            if (lastBoot > boot || processes.size() == 0) {
                reboot(lastBoot);
            }
            nextRebootCheck = Patches.nextReboot(profile, t);
        }
        expire(t);
        if (t >= nextServiceCheck) {
            restartUpgradedServices(t);
            nextServiceCheck = t + SERVICE_CHECK;
        }
        reconcileSessions(t);
    }

    /** Services whose package was upgraded since they started get restarted, so they run the installed version. */
    private void restartUpgradedServices(long t) {
        for (Proc p : new ArrayList<>(processes.all())) {
            if (p.service() < 0 || processes.byPid(p.pid()) == null) {
                continue;
            }
            String product = programs.get(p.program()).product();
            if (!product.equals("os") && !product.equals("kernel") && productLevel(product, t) != p.ver()) {
                model.restartService(this, p, t);
            }
        }
    }

    /** Removes a process and the connections it owns. */
    void kill(int pid) {
        processes.removeIf(p -> p.pid() == pid);
        connections.removeIf(c -> c.pid() == pid);
    }

    private void reboot(long at) {
        processes.clear();
        sessions.clear();
        connections.clear();
        boot = at;
        bootLevel = profile.windows ? Patches.patchedMonth(profile, at) : products.kernelLevel(at);
        nextPid = 1;
        pidClock = at;
        model.boot(this, at);
    }

    private void expire(long t) {
        boolean removed = processes.removeIf(p -> p.end() <= t);
        if (removed) {
            connections.removeIf(c -> c.end() <= t || processes.byPid(c.pid()) == null);
        } else {
            connections.removeIf(c -> c.end() <= t);
        }
    }

    private void reconcileSessions(long t) {
        List<SessionPlan.Planned> wanted = SessionPlan.activeAt(profile, t, boot);
        for (int i = sessions.size() - 1; i >= 0; i--) {
            Session s = sessions.get(i);
            if (wanted.stream().noneMatch(w -> w.key() == s.key())) {
                sessions.remove(i);
                model.logoff(this, s, t);
                processes.removeIf(p -> p.session() == s.slot());
                connections.removeIf(c -> processes.byPid(c.pid()) == null);
            }
        }
        for (SessionPlan.Planned w : wanted) {
            if (sessions.stream().noneMatch(s -> s.key() == w.key())) {
                Session s = new Session(
                        w.key(),
                        w.user(),
                        w.start(),
                        w.remote(),
                        sessionNumber(w),
                        w.source(),
                        w.remote() ? ephemeralPort() : 0,
                        freeSlot());
                sessions.add(s);
                if (!profile.windows) {
                    int admin = w.user() - 1000;
                    if (admin >= 0 && admin < lastLogon.length) {
                        lastLogon[admin] = Math.max(lastLogon[admin], w.start());
                    }
                }
                model.logon(this, s, t);
            }
        }
    }

    private int sessionNumber(SessionPlan.Planned planned) {
        if (profile.windows) {
            return planned.remote() ? 2 + (int) Math.floorMod(planned.key(), 3L) : 1;
        }
        int pts = 0;
        while (true) {
            int candidate = pts;
            if (sessions.stream().noneMatch(s -> s.number() == candidate)) {
                return pts;
            }
            pts++;
        }
    }

    private byte freeSlot() {
        for (byte slot = 1; slot < Byte.MAX_VALUE; slot++) {
            byte candidate = slot;
            if (sessions.stream().noneMatch(s -> s.slot() == candidate)) {
                return slot;
            }
        }
        throw new IllegalStateException("No free session slot");
    }

    /** The end of the step being simulated: the latest a process may start. */
    long now() {
        return stepEnd;
    }

    /** Starts a process and returns its pid; a start after the current step is moved back to its end. */
    int spawn(String program, int ppid, long at, long end, int service, int arg, int user, int session) {
        long start = Math.min(at, stepEnd);
        int index = programs.index(program);
        int pid = allocatePid(start);
        Program p = programs.get(index);
        processes.add(new Proc(
                pid,
                ppid,
                start,
                end,
                (short) index,
                (short) service,
                arg,
                (short) productLevel(p.product(), start),
                user,
                (byte) session));
        return pid;
    }

    /** Starts a process with a pid of its own choosing (System is always 4, systemd always 1). */
    void spawnWithPid(String program, int pid, int ppid, long start, int user) {
        int index = programs.index(program);
        processes.add(new Proc(
                pid,
                ppid,
                start,
                Long.MAX_VALUE,
                (short) index,
                (short) -1,
                0,
                (short) productLevel(programs.get(index).product(), start),
                user,
                (byte) 0));
        if (!profile.windows) {
            nextPid = Math.max(nextPid, pid + 1);
        }
    }

    private int allocatePid(long at) {
        if (profile.windows) {
            while (true) {
                int pid = 4 * (25 + random.nextInt(16_000));
                if (!processes.pidInUse(pid)) {
                    return pid;
                }
            }
        }
        if (at > pidClock) {
            nextPid += (int) ((at - pidClock) * PIDS_PER_HOUR / SimTime.HOUR);
            pidClock = at;
        }
        while (true) {
            if (nextPid >= LINUX_PID_MAX) {
                nextPid = 300;
            }
            int pid = nextPid++;
            if (!processes.pidInUse(pid)) {
                return pid;
            }
        }
    }

    /** A pid that no process has: the parent of processes whose parent has exited (csrss, explorer). */
    int exitedPid() {
        return allocatePid(boot);
    }

    int pid(String program, int session) {
        return processes.pidOf(programs.index(program), session);
    }

    /** The pid of the process hosting a service, 0 when it is not running. */
    int servicePid(String service) {
        if (!services.has(service)) {
            return 0;
        }
        Proc p = serviceProcess(services.index(service));
        return p == null ? 0 : p.pid();
    }

    /** The process hosting a service: its own, or the svchost of its group. */
    Proc serviceProcess(int index) {
        Proc own = processes.service(index);
        if (own != null || !services.get(index).grouped()) {
            return own;
        }
        ServiceDef def = services.get(index);
        for (Proc p : processes.all()) {
            if (p.service() >= 0 && services.get(p.service()).sameGroup(def)) {
                return p;
            }
        }
        return null;
    }

    /** The services a process hosts: one, a svchost group, or none. */
    List<Integer> hostedServices(Proc proc) {
        if (proc.service() < 0) {
            return List.of();
        }
        ServiceDef def = services.get(proc.service());
        if (!def.grouped()) {
            return List.of((int) proc.service());
        }
        List<Integer> hosted = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i).sameGroup(def)
                    && services.get(i).run() == 'R'
                    && serviceExists(services.get(i), proc.start())) {
                hosted.add(i);
            }
        }
        return hosted;
    }

    void connect(
            int pid,
            int localIp,
            int localPort,
            int remoteIp,
            int remotePort,
            int endpoint,
            boolean inbound,
            long end) {
        connections.add(new Conn(localIp, localPort, remoteIp, remotePort, (short) endpoint, inbound, pid, end));
    }

    /** An outbound connection from the host's address to a public endpoint of a group. */
    void connectTo(int pid, String group, long end) {
        int[] candidates = RemoteEndpoints.group(group);
        int endpoint = candidates[random.nextInt(candidates.length)];
        RemoteEndpoints.Endpoint e = RemoteEndpoints.ALL.get(endpoint);
        connect(pid, profile.ip, ephemeralPort(), e.ip(), e.port(), endpoint, false, end);
    }

    /** A free local port in the OS's ephemeral range. */
    int ephemeralPort() {
        int low = profile.windows ? 49152 : 32768;
        int high = profile.windows ? 65535 : 60999;
        while (true) {
            int port = low + random.nextInt(high - low);
            boolean used = false;
            for (Conn c : connections) {
                if (c.localPort() == port) {
                    used = true;
                    break;
                }
            }
            if (!used) {
                return port;
            }
        }
    }

    /** A lifetime drawn from an exponential distribution, at least {@code min}. */
    long lifetime(long mean, long min) {
        return min + (long) (-Math.log(1 - random.nextDouble()) * mean);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** The installed level of a product at {@code t}; Windows binaries run the build the host booted. */
    int productLevel(String product, long t) {
        return product.equals("os") ? bootLevel : products.level(product, t);
    }

    String productVersion(String product, int level) {
        return products.version(product, level);
    }

    boolean installed(String key, long t) {
        return products.installed(key, t);
    }

    LinuxAccounts linuxAccounts() {
        if (linuxAccounts == null) {
            linuxAccounts = LinuxAccounts.of(profile);
        }
        return linuxAccounts;
    }

    Principal principal(int user) {
        return profile.windows
                ? Accounts.windows(profile, user)
                : linuxAccounts().principal(user);
    }

    /** Whether a service or unit exists on this host at {@code t}: role, distribution and required software. */
    boolean serviceExists(ServiceDef def, long t) {
        return rolesMatch(def.roles(), t);
    }

    /**
     * Whether a catalogue row's role list covers this host: {@code sw:key} when that
     * software is installed at {@code t}; on Windows see {@link Role#matches}; on Linux
     * {@code *}, {@code D} Debian, {@code U} Ubuntu, {@code v} VMware guests, or role letters.
     */
    boolean rolesMatch(String roles, long t) {
        if (roles.startsWith("sw:")) {
            return installed(roles.substring(3), t);
        }
        if (profile.windows) {
            return profile.role.matches(roles);
        }
        return switch (roles) {
            case "*" -> true;
            case "D" -> profile.os.debian();
            case "U" -> !profile.os.debian();
            case "v" -> profile.virtual;
            default -> roles.contains(profile.role.code);
        };
    }

    /** Frees spare list capacity once the host has settled: ten thousand hosts add up. */
    void trim() {
        processes.trim();
        connections.trimToSize();
    }
}
