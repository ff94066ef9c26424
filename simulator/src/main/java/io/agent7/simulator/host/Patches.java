package io.agent7.simulator.host;

import java.time.LocalDate;

/**
 * Windows cumulative updates and the reboots they bring, and the maintenance reboots of
 * Linux servers: when each happens follows from the host's profile, so the OS build, the
 * installed KBs and the boot time are known at any instant without stored history.
 */
final class Patches {

    private Patches() {}

    /** The month of the image the OS was installed from. */
    static int imageMonth(HostProfile host) {
        return SimTime.month(host.osInstalled) - 1;
    }

    /** When the host installs the cumulative update of {@code month}. */
    static long installTime(HostProfile host, int month) {
        return SimTime.patchTuesday(month)
                + host.patchDelay
                + Seeds.between(Seeds.of(host.key, 0x9A7C, month), 0, 12 * SimTime.HOUR);
    }

    /** The newest cumulative update installed at {@code t}. */
    static int patchedMonth(HostProfile host, long t) {
        int image = imageMonth(host);
        int month = SimTime.month(t);
        for (int m = month; m >= month - 2; m--) {
            if (m <= host.patchStopMonth && m > image && installTime(host, m) <= t) {
                return m;
            }
        }
        return Math.max(image, Math.min(host.patchStopMonth, month - 3));
    }

    /** Workstations restart at 03:00 the night after; servers right after, in their maintenance window. */
    static long rebootTime(HostProfile host, int month) {
        long installed = installTime(host, month);
        if (host.role.server()) {
            return installed + 45 * SimTime.MINUTE;
        }
        return SimTime.nextLocalTime(installed, host.tz, 3 * 60)
                + Seeds.between(Seeds.of(host.key, 0xB007, month), 0, SimTime.HOUR);
    }

    /** When the host last started, at or before {@code t}. */
    static long lastBoot(HostProfile host, long t) {
        long boot = firstBoot(host);
        if (host.windows) {
            int month = patchedMonth(host, t);
            for (int m = month; m >= month - 1; m--) {
                if (m > imageMonth(host) && m <= host.patchStopMonth && installTime(host, m) <= t) {
                    long reboot = rebootTime(host, m);
                    if (reboot <= t) {
                        return Math.max(boot, reboot);
                    }
                }
            }
            return boot;
        }
        if (!host.kernelReboots) {
            return boot;
        }
        return Math.max(boot, lastMaintenanceWindow(host, t));
    }

    /**
     * The boot before any scheduled one: some days before creation for hosts that patch,
     * up to a year for the Linux servers nobody reboots.
     */
    private static long firstBoot(HostProfile host) {
        long maxDays = host.windows || host.kernelReboots ? 40 : 400;
        long back = Seeds.between(Seeds.of(host.key, 0xF1B), SimTime.HOUR, maxDays * SimTime.DAY);
        return Math.max(host.osInstalled + 30 * SimTime.MINUTE, host.created - back);
    }

    /**
     * The next instant after {@code t} at which {@link #lastBoot} changes, so callers need
     * not recompute it on every step.
     */
    static long nextReboot(HostProfile host, long t) {
        if (host.windows) {
            int month = patchedMonth(host, t);
            if (month > imageMonth(host) && month <= host.patchStopMonth) {
                long reboot = rebootTime(host, month);
                if (reboot > t) {
                    return reboot;
                }
            }
            return month + 1 <= host.patchStopMonth ? rebootTime(host, month + 1) : Long.MAX_VALUE;
        }
        if (!host.kernelReboots) {
            return Long.MAX_VALUE;
        }
        LocalDate month = LocalDate.ofEpochDay(SimTime.localDay(t, host.tz)).withDayOfMonth(1);
        long window = maintenanceWindow(host, month);
        return window > t ? window : maintenanceWindow(host, month.plusMonths(1));
    }

    /** Linux maintenance: the first Sunday of each month at 04:00 local time. */
    private static long lastMaintenanceWindow(HostProfile host, long t) {
        LocalDate month = LocalDate.ofEpochDay(SimTime.localDay(t, host.tz)).withDayOfMonth(1);
        long window = maintenanceWindow(host, month);
        return window <= t ? window : maintenanceWindow(host, month.minusMonths(1));
    }

    private static long maintenanceWindow(HostProfile host, LocalDate monthStart) {
        int toSunday = (7 - monthStart.getDayOfWeek().getValue()) % 7;
        long day = monthStart.toEpochDay() + toSunday;
        return SimTime.dayStart(day, host.tz)
                + 4 * SimTime.HOUR
                + Seeds.between(Seeds.of(host.key, 0x4417, day), 0, 30 * SimTime.MINUTE);
    }
}
