package io.agent7.simulator.host;

/**
 * Time in the simulated directory: values that move (logons, password changes) move in whole
 * days and only on the days before today, so they are the same all day and never in the future.
 */
final class DirectoryTime {

    /** The simulated day, days since 1970-01-01 UTC. */
    private final long today;

    DirectoryTime(long now) {
        this.today = Math.floorDiv(now, SimTime.DAY);
    }

    /**
     * The last change of a value that changes every {@code period} days, at a phase and time of
     * day (between {@code fromHour} and {@code fromHour + hours} UTC) taken from the hash. This is
     * how lastLogonTimestamp behaves (written when it is more than about 14 days old, so it lags
     * the real last logon by up to two weeks) and pwdLastSet when passwords are changed on time.
     */
    long refreshed(long hash, int period, int fromHour, int hours) {
        long yesterday = today - 1;
        long day = yesterday - Math.floorMod(yesterday + Seeds.mix(hash), (long) period);
        return at(day, hash, fromHour, hours);
    }

    /** One of the last {@code days} days before today: a DC's own lastLogon, not replicated. */
    long recent(long hash, int days, int fromHour, int hours) {
        return at(today - 1 - Seeds.below(Seeds.mix(hash + 1), days), hash, fromHour, hours);
    }

    /** A fixed day {@code offset} days after {@link SimTime#EPOCH}: for history that does not move. */
    static long fixed(long hash, long fromDay, long toDay) {
        return SimTime.EPOCH
                + Seeds.between(hash, fromDay, toDay) * SimTime.DAY
                + Seeds.below(Seeds.mix(hash), 86_400) * SimTime.SECOND;
    }

    private static long at(long day, long hash, int fromHour, int hours) {
        return day * SimTime.DAY
                + fromHour * SimTime.HOUR
                + Seeds.below(Seeds.mix(hash ^ 0x71DE), hours * 3600) * SimTime.SECOND;
    }
}
