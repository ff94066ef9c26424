package io.agent7.simulator.host;

/**
 * Smooth random curves over time: values at fixed knots from a hash, joined with a cosine
 * ease. A pure function of time, so a sample never depends on how often one was taken.
 */
final class Smooth {

    private Smooth() {}

    /** A value in [-1, 1] that drifts over {@code period}. */
    static double noise(long key, long t, long period) {
        long knot = Math.floorDiv(t, period);
        double frac = (double) (t - knot * period) / period;
        double a = Seeds.unit(Seeds.of(key, knot)) * 2 - 1;
        double b = Seeds.unit(Seeds.of(key, knot + 1)) * 2 - 1;
        double ease = (1 - Math.cos(Math.PI * frac)) / 2;
        return a + (b - a) * ease;
    }

    /** 1 in local working hours on working days, easing to 0 at night and at weekends. */
    static double workload(long t, long tz) {
        long day = SimTime.localDay(t, tz);
        if (!SimTime.workday(day)) {
            return 0.1;
        }
        double hour = (double) (t - SimTime.dayStart(day, tz)) / SimTime.HOUR;
        if (hour < 7 || hour > 19) {
            return 0.05;
        }
        return Math.sin(Math.PI * (hour - 7) / 12);
    }

    static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
