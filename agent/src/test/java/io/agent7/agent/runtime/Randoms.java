package io.agent7.agent.runtime;

import java.util.random.RandomGenerator;

/** Random sources pinned to one end of every range, so that jittered times are exact. */
final class Randoms {

    private Randoms() {}

    /** Always the lowest value: no jitter at all. */
    static RandomGenerator lowest() {
        return new Pinned(false);
    }

    /** Always the highest value: the most jitter there can be. */
    static RandomGenerator highest() {
        return new Pinned(true);
    }

    private record Pinned(boolean high) implements RandomGenerator {
        @Override
        public long nextLong() {
            return high ? Long.MAX_VALUE : 0;
        }

        @Override
        public long nextLong(long bound) {
            return high ? bound - 1 : 0;
        }
    }
}
