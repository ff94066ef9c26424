package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;

/**
 * When people log on and off, as a function of the host and the day: a workstation's user
 * works most weekdays from about 8 to about 17, and now and then leaves the session open
 * overnight; admins connect to servers over RDP or SSH for a while on some days. Hash-derived,
 * so the plan is the same however the simulation is stepped.
 */
final class SessionPlan {

    record Planned(long key, int user, long start, long end, boolean remote, int source) {}

    private SessionPlan() {}

    /** The sessions that should exist at {@code t} on a host last booted at {@code boot}. */
    static List<Planned> activeAt(HostProfile host, long t, long boot) {
        List<Planned> active = new ArrayList<>(2);
        if (host.role == Role.WORKSTATION) {
            Planned p = workstation(host, t, boot);
            if (p != null) {
                active.add(p);
            }
            return active;
        }
        long today = SimTime.localDay(t, host.tz);
        int slots = host.windows ? 1 : 2;
        for (long day = today; day >= today - 1; day--) {
            for (int slot = 0; slot < slots; slot++) {
                Planned p = adminSession(host, day, slot);
                if (p != null && p.start() <= t && t < p.end() && p.start() >= boot) {
                    active.add(p);
                }
            }
        }
        return active;
    }

    /** The planned admin sessions of a day, at or before {@code t}, newest first (for last-logon times). */
    static Planned adminSession(HostProfile host, long day, int slot) {
        long k = Seeds.of(host.key, 0x55, day, slot);
        boolean workday = SimTime.workday(day);
        double chance = host.windows ? (workday ? 0.25 : 0.02) : (workday ? 0.3 : 0.05);
        if (!Seeds.chance(k, chance)) {
            return null;
        }
        long start =
                SimTime.dayStart(day, host.tz) + 8 * SimTime.HOUR + Seeds.between(Seeds.of(k, 1), 0, 10 * SimTime.HOUR);
        long length = Seeds.between(Seeds.of(k, 2), 5 * SimTime.MINUTE, 150 * SimTime.MINUTE);
        int admin = Seeds.below(Seeds.of(k, 3), host.admins.length);
        int user = host.windows ? Accounts.ADMIN + host.admins[admin] : 1000 + admin;
        return new Planned(day * 4 + 1 + slot, user, start, start + length, true, adminWorkstation(host.admins[admin]));
    }

    /** The address an administrator connects from: their own workstation. */
    static int adminWorkstation(int person) {
        return Org.ip(10, 20, 200 + person % 50, 10 + person % 200);
    }

    private static Planned workstation(HostProfile host, long t, long boot) {
        long today = SimTime.localDay(t, host.tz);
        int user = Accounts.PERSON + host.person;
        for (long day = today; day >= today - 5; day--) {
            if (!works(host, day) || continued(host, day, 4)) {
                continue;
            }
            long start = logon(host, day);
            long end = leftOn(host, day) ? logoff(host, nextWorkday(host, day)) : logoff(host, day);
            if (start > t || t >= end) {
                continue;
            }
            if (boot <= start) {
                return new Planned(day * 4, user, start, end, false, 0);
            }
            long back = boot + Seeds.between(Seeds.of(host.key, 0x13, boot), 3 * SimTime.MINUTE, 30 * SimTime.MINUTE);
            if (back > start && back <= t && back < end) {
                // Restarted while the user was at work: they log on again once it is up.
                return new Planned(day * 4 + 2, user, back, end, false, 0);
            }
            if (works(host, today)
                    && logon(host, today) >= boot
                    && logon(host, today) <= t
                    && t < logoff(host, today)) {
                return new Planned(today * 4, user, logon(host, today), logoff(host, today), false, 0);
            }
            return null;
        }
        return null;
    }

    static boolean works(HostProfile host, long day) {
        return SimTime.workday(day) && !Seeds.chance(Seeds.of(host.key, 0x0FF, day), 0.07);
    }

    static long logon(HostProfile host, long day) {
        return SimTime.dayStart(day, host.tz)
                + 7 * SimTime.HOUR
                + 30 * SimTime.MINUTE
                + Seeds.between(Seeds.of(host.key, 0x10, day), 0, 2 * SimTime.HOUR);
    }

    static long logoff(HostProfile host, long day) {
        return SimTime.dayStart(day, host.tz)
                + 16 * SimTime.HOUR
                + 15 * SimTime.MINUTE
                + Seeds.between(Seeds.of(host.key, 0x11, day), 0, 3 * SimTime.HOUR);
    }

    /** The user locks the screen and goes home: the session lasts until the next working day ends. */
    static boolean leftOn(HostProfile host, long day) {
        return Seeds.chance(Seeds.of(host.key, 0x12, day), 0.2);
    }

    /** Whether the day's session is yesterday's, left open overnight: then there is no new logon. */
    private static boolean continued(HostProfile host, long day, int depth) {
        if (depth == 0) {
            return false;
        }
        long previous = previousWorkday(host, day);
        return previous != Long.MIN_VALUE && leftOn(host, previous) && !continued(host, previous, depth - 1);
    }

    private static long nextWorkday(HostProfile host, long day) {
        for (long d = day + 1; d < day + 14; d++) {
            if (works(host, d)) {
                return d;
            }
        }
        return day + 1;
    }

    private static long previousWorkday(HostProfile host, long day) {
        for (long d = day - 1; d > day - 14; d--) {
            if (works(host, d)) {
                return d;
            }
        }
        return Long.MIN_VALUE;
    }
}
