package io.agent7.simulator.host;

import io.agent7.agent.collect.windows.accounts.SmbSession;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code net_session} documents of Windows servers, made by the Windows collector's mapping from
 * the SMB sessions NetSessionEnum would give (level 502; on about one server in eight level 10,
 * the reader's fallback when level 502 is refused). Workstations have none.
 *
 * <p>File servers serve the sampled workstations of {@link OfficeLayout}: most of those of their
 * own site and a few of the others map a drive, so a workstation has a session from shortly after
 * its user logs on until they log off ({@link SessionPlan}), with that user's account. A file
 * server with a scanner drop folder has a guest session from its site's multifunction printer for
 * a while after each scan. Every server has an administrator's session from their workstation
 * while they are connected over RDP, and on some working days for a while without, and file and SQL servers the backup server's at night; now
 * and then a Linux host lists a server's shares with a null session. Sessions all begin after
 * the server's boot. Active and idle seconds are taken at the host's clock, and idle restarts
 * whenever the client used the session, at hash-drawn moments, so both move as time does.
 */
final class NetSessionDocs {

    /** sesi502_user_flags: SESS_GUEST. */
    private static final int GUEST = 0x1;

    /** sesi502_transport of a session over TCP port 445. */
    private static final String TRANSPORT = "\\Device\\NetbiosSmb";

    /** The slice of time in which a client uses a session or not. */
    private static final long USE_SLICE = 5 * SimTime.MINUTE;

    private NetSessionDocs() {}

    static List<ObjectNode> build(HostState h) {
        HostProfile p = h.profile;
        if (!p.role.server()) {
            return List.of();
        }
        long up = h.boot + SimTime.MINUTE + Seeds.between(Seeds.of(p.key, 0x5E5, h.boot), 0, SimTime.MINUTE);
        List<SmbSession> sessions = new ArrayList<>();
        if (p.role == Role.FILE_SERVER) {
            users(h, up, sessions);
            if (ShareDocs.hasScans(p)) {
                scanner(h, up, sessions);
            }
        }
        for (Session s : h.sessions) {
            if (s.remote()) {
                long k = Seeds.of(p.key, 0x5EA, s.key());
                long start = Math.max(up, s.logon() + Seeds.between(k, 30 * SimTime.SECOND, 20 * SimTime.MINUTE));
                add(sessions, h, k, s.source(), h.principal(s.user()).name(), start, 0.5, 3);
            }
        }
        admins(h, up, sessions);
        if (p.role == Role.FILE_SERVER || p.role == Role.SQL_SERVER) {
            backup(h, up, sessions);
        }
        nullSession(h, up, sessions);
        if (!Seeds.chance(Seeds.of(p.key, 0x5E10), 0.125)) {
            return io.agent7.agent.collect.windows.accounts.NetSessionDocs.documents(sessions);
        }
        List<SmbSession> level10 = new ArrayList<>(sessions.size());
        for (SmbSession s : sessions) {
            level10.add(SmbSession.level10(s.clientName(), s.userName(), s.activeSeconds(), s.idleSeconds()));
        }
        return io.agent7.agent.collect.windows.accounts.NetSessionDocs.documents(level10);
    }

    /** The sampled workstations whose users map a drive here and are logged on now. */
    private static void users(HostState h, long up, List<SmbSession> sessions) {
        HostProfile p = h.profile;
        long t = h.clock;
        for (HostProfile ws : OfficeLayout.of(p.seed).workstations) {
            long k = Seeds.of(p.key, 0x5E55, ws.index);
            if (!Seeds.chance(k, ws.site.equals(p.site) ? 0.6 : 0.1)) {
                continue;
            }
            // Asked as though the workstation never rebooted: its user's day, whatever its patches did.
            List<SessionPlan.Planned> logons = SessionPlan.activeAt(ws, t, Long.MIN_VALUE);
            if (logons.isEmpty()) {
                continue;
            }
            SessionPlan.Planned logon = logons.get(0);
            long mapped =
                    logon.start() + Seeds.between(Seeds.of(k, logon.key()), 20 * SimTime.SECOND, 3 * SimTime.MINUTE);
            add(sessions, h, k, ws.ip, People.account(ws.person), Math.max(up, mapped), 0.35, 6);
        }
    }

    /** The site's multifunction printer, as guest, for a quarter of an hour after its latest scan. */
    private static void scanner(HostState h, long up, List<SmbSession> sessions) {
        HostProfile p = h.profile;
        long t = h.clock;
        long slice = 10 * SimTime.MINUTE;
        for (long s = Math.floorDiv(t, slice); s >= Math.floorDiv(t, slice) - 2; s--) {
            long k = Seeds.of(p.key, 0x5CA, s);
            if (!Seeds.chance(k, 0.6 * Smooth.workload(s * slice, p.tz))) {
                continue;
            }
            long start = Math.max(up, s * slice + Seeds.between(Seeds.of(k, 1), 0, slice));
            if (start <= t && t < start + 15 * SimTime.MINUTE) {
                int active = seconds(t - start);
                int idle = Math.max(0, active - Seeds.below(Seeds.of(k, 2), 40));
                String client = "\\\\" + Org.ipText(OfficeLayout.device(OfficeLayout.siteIndex(p.site), 0));
                sessions.add(new SmbSession(502, client, "Guest", 0, active, idle, GUEST, "", TRANSPORT, null));
                return;
            }
        }
    }

    /** On some working days an administrator opens a share of the server from their workstation for a while. */
    private static void admins(HostState h, long up, List<SmbSession> sessions) {
        HostProfile p = h.profile;
        long t = h.clock;
        long today = SimTime.localDay(t, p.tz);
        for (int admin : p.admins) {
            long k = Seeds.of(p.key, 0xAD5, today, admin);
            if (!SimTime.workday(today) || !Seeds.chance(k, 0.3) || connectedOverRdp(h, admin)) {
                continue;
            }
            long start = SimTime.dayStart(today, p.tz)
                    + 8 * SimTime.HOUR
                    + Seeds.between(Seeds.of(k, 1), 0, 9 * SimTime.HOUR);
            long length = Seeds.between(Seeds.of(k, 2), 10 * SimTime.MINUTE, 2 * SimTime.HOUR);
            if (start <= t && t < start + length) {
                String user = h.principal(Accounts.ADMIN + admin).name();
                add(sessions, h, k, SessionPlan.adminWorkstation(admin), user, Math.max(up, start), 0.4, 2);
            }
        }
    }

    /** Whether the administrator has a remote desktop session here, whose SMB session is already counted. */
    private static boolean connectedOverRdp(HostState h, int admin) {
        for (Session s : h.sessions) {
            if (s.remote() && s.user() == Accounts.ADMIN + admin) {
                return true;
            }
        }
        return false;
    }

    /** svc_backup from the backup server, in a nightly window of an hour or three. */
    private static void backup(HostState h, long up, List<SmbSession> sessions) {
        HostProfile p = h.profile;
        long t = h.clock;
        long today = SimTime.localDay(t, p.tz);
        for (long day = today; day >= today - 1; day--) {
            long k = Seeds.of(p.key, 0xBAC, day);
            long start = SimTime.dayStart(day, p.tz) + SimTime.HOUR + Seeds.between(k, 0, 90 * SimTime.MINUTE);
            long length = p.role == Role.FILE_SERVER
                    ? Seeds.between(Seeds.of(k, 1), SimTime.HOUR, 3 * SimTime.HOUR)
                    : Seeds.between(Seeds.of(k, 1), 15 * SimTime.MINUTE, 45 * SimTime.MINUTE);
            if (start <= t && t < start + length) {
                String user = h.principal(Accounts.SERVICE_ACCOUNT + 1).name();
                add(sessions, h, k, Org.BACKUP_SERVER, user, Math.max(up, start), 0.95, 4);
                return;
            }
        }
    }

    /** Now and then a Linux host lists the shares anonymously: a null session of a few minutes. */
    private static void nullSession(HostState h, long up, List<SmbSession> sessions) {
        HostProfile p = h.profile;
        long t = h.clock;
        long hour = Math.floorDiv(t, SimTime.HOUR);
        long k = Seeds.of(p.key, 0x1111, hour);
        if (!Seeds.chance(k, 0.1)) {
            return;
        }
        long start = Math.max(up, hour * SimTime.HOUR + Seeds.between(Seeds.of(k, 1), 0, 50 * SimTime.MINUTE));
        long length = Seeds.between(Seeds.of(k, 2), SimTime.MINUTE, 10 * SimTime.MINUTE);
        if (start <= t && t < start + length) {
            int active = seconds(t - start);
            String client = "\\\\" + Org.ipText(Org.ip(10, 30, 0, 2 + Seeds.below(Seeds.of(k, 3), 40)));
            sessions.add(new SmbSession(502, client, "", 0, active, active, 0, "", TRANSPORT, null));
        }
    }

    /**
     * A session from {@code start} to now, if it has begun: idle since the client last used it
     * (in each slice it does so with probability {@code use}), with up to {@code files} files
     * open while in use.
     */
    private static void add(
            List<SmbSession> sessions, HostState h, long k, int ip, String user, long start, double use, int files) {
        long t = h.clock;
        if (start > t) {
            return;
        }
        long used = start;
        long now = Math.floorDiv(t, USE_SLICE);
        for (long s = now; s >= now - 24 && s * USE_SLICE + USE_SLICE > start; s--) {
            long u = Seeds.of(k, 0x05E, s);
            long at = s * USE_SLICE + Seeds.between(Seeds.of(u, 1), 0, USE_SLICE);
            if (Seeds.chance(u, use) && at <= t && at >= start) {
                used = at;
                break;
            }
        }
        int idle = seconds(t - used);
        int open = idle < 600 ? Seeds.below(Seeds.of(k, now), files + 1) : Seeds.below(Seeds.of(k, now), 2);
        sessions.add(new SmbSession(
                502, "\\\\" + Org.ipText(ip), user, open, seconds(t - start), idle, 0, "", TRANSPORT, null));
    }

    private static int seconds(long millis) {
        return (int) Math.min(Integer.MAX_VALUE, millis / SimTime.SECOND);
    }
}
