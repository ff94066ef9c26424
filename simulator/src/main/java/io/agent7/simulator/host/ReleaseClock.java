package io.agent7.simulator.host;

/**
 * When the vendor publishes each level of a product: every {@code cadence} from
 * {@link SimTime#EPOCH} plus a per-product phase. Fleet-wide, so every host sees the same
 * release on the same day.
 */
record ReleaseClock(long cadence, long phase) {

    static final ReleaseClock NEVER = new ReleaseClock(0, 0);

    /** A release every {@code days}, phased by the version scheme, so products sharing a scheme release together. */
    static ReleaseClock everyDays(int days, String scheme) {
        if (days <= 0) {
            return NEVER;
        }
        long cadence = days * SimTime.DAY;
        return new ReleaseClock(cadence, Math.floorMod(Seeds.of(17, scheme), cadence));
    }

    /** The newest level released at {@code t}; level 0 is the catalogue's starting version. */
    int released(long t) {
        if (cadence == 0) {
            return 0;
        }
        long since = t - SimTime.EPOCH - phase;
        return since < 0 ? 0 : (int) (since / cadence);
    }

    long releaseTime(int level) {
        return SimTime.EPOCH + phase + level * cadence;
    }
}
