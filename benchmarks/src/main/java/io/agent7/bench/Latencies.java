package io.agent7.bench;

import java.util.Arrays;
import java.util.List;

/** The measured durations of one repeated operation, and their percentiles (nearest rank). */
record Latencies(long[] sortedNanos) {

    static Latencies of(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        if (sorted.length == 0) {
            throw new IllegalArgumentException("No durations measured");
        }
        Arrays.sort(sorted);
        return new Latencies(sorted);
    }

    double p50() {
        return millis(0.50);
    }

    double p95() {
        return millis(0.95);
    }

    int count() {
        return sortedNanos.length;
    }

    /** The smallest duration that {@code fraction} of the runs did not exceed, in milliseconds. */
    /** The longest, in milliseconds. */
    double max() {
        return sortedNanos[sortedNanos.length - 1] / 1e6;
    }

    private double millis(double fraction) {
        int rank = (int) Math.ceil(fraction * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }
}
