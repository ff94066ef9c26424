package io.agent7.simulator.host;

/**
 * How one host keeps one product current: it checks every {@code period} (at
 * {@code phase}) and installs the newest release that is at least {@code delay} old. With
 * the install time and the release clock this gives the installed level at any instant, so
 * upgrades happen on their own as simulated time passes, with nothing stored per host.
 */
record Updater(long period, long phase, long delay) {

    static final Updater NONE = new Updater(0, 0, 0);

    long lastCheck(long t) {
        return phase + Math.floorDiv(t - phase, period) * period;
    }

    long firstCheckAtOrAfter(long t) {
        long last = lastCheck(t);
        return last == t ? t : last + period;
    }

    /**
     * The installed level at {@code t} of a product installed at {@code installedAt} at
     * {@code baseLevel}.
     */
    int level(ReleaseClock clock, long installedAt, int baseLevel, long t) {
        if (period == 0 || clock.cadence() == 0) {
            return baseLevel;
        }
        long check = lastCheck(t);
        if (check < installedAt) {
            return baseLevel;
        }
        return Math.max(baseLevel, clock.released(check - delay));
    }

    /** When {@code level} (the current one) was installed. */
    long installedAt(ReleaseClock clock, long installedAt, int baseLevel, int level) {
        if (level <= baseLevel || period == 0) {
            return installedAt;
        }
        return firstCheckAtOrAfter(Math.max(installedAt, clock.releaseTime(level) + delay));
    }
}
