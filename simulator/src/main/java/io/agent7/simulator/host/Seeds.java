package io.agent7.simulator.host;

/**
 * Numbers derived from a hash of their inputs. Slow state (schedules, release dates,
 * install times) is a function of the host's key and the time, so it needs no storage and
 * is the same however the simulation is stepped; fast state draws from the host's own
 * {@link java.util.SplittableRandom}.
 */
final class Seeds {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    /** The SplitMix64 finaliser: a bijection on 64 bits that spreads every input bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long of(long a, long b) {
        return mix(mix(a + GOLDEN) ^ (b * GOLDEN + 0x632BE59BD9B4E019L));
    }

    static long of(long a, long b, long c) {
        return of(of(a, b), c);
    }

    static long of(long a, long b, long c, long d) {
        return of(of(a, b, c), d);
    }

    /** A stable number for a text, for salting with names (String.hashCode is specified, so stable too). */
    static long of(long a, String text) {
        return of(a, text.hashCode() * 31L + text.length());
    }

    /** Uniform in [0, 1). */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, n). */
    static int below(long hash, int n) {
        return (int) Math.floorMod(hash, (long) n);
    }

    /** Uniform in [from, to). */
    static long between(long hash, long from, long to) {
        return from + Math.floorMod(hash, to - from);
    }

    static boolean chance(long hash, double p) {
        return unit(hash) < p;
    }
}
