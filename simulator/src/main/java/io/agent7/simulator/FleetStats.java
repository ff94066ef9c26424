package io.agent7.simulator;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Client-side figures of a simulated fleet: call latencies and outcomes, items sent. */
public final class FleetStats {

    public enum Call {
        CHECKIN,
        INGEST
    }

    private final Map<Call, long[]> latencies = new EnumMap<>(Call.class);
    private final Map<Call, Integer> counts = new EnumMap<>(Call.class);
    private final Map<Call, AtomicLong> failures = new EnumMap<>(Call.class);
    private final AtomicLong items = new AtomicLong();
    private final Map<String, Long> reasons = new java.util.TreeMap<>();

    public FleetStats() {
        for (Call call : Call.values()) {
            latencies.put(call, new long[1024]);
            counts.put(call, 0);
            failures.put(call, new AtomicLong());
        }
    }

    synchronized void record(Call call, long nanos, boolean ok) {
        record(call, nanos, ok ? null : "failed");
    }

    /** @param failure why the call failed (status and message), or null when it succeeded */
    synchronized void record(Call call, long nanos, String failure) {
        if (failure != null) {
            failures.get(call).incrementAndGet();
            String reason = call.name().toLowerCase(java.util.Locale.ROOT) + " " + failure;
            reasons.merge(reason.length() > 160 ? reason.substring(0, 160) : reason, 1L, Long::sum);
            return;
        }
        long[] values = latencies.get(call);
        int n = counts.get(call);
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
            latencies.put(call, values);
        }
        values[n] = nanos;
        counts.put(call, n + 1);
    }

    void spooled(int count) {
        items.addAndGet(count);
    }

    /** Starts a new measurement window: what came before (enrollment, first snapshots) is forgotten. */
    public synchronized void reset() {
        for (Call call : Call.values()) {
            counts.put(call, 0);
            failures.get(call).set(0);
        }
        items.set(0);
        reasons.clear();
    }

    /** Failed calls by reason, most frequent first. */
    public synchronized java.util.List<Map.Entry<String, Long>> failureReasons() {
        return reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
    }

    public synchronized long count(Call call) {
        return counts.get(call);
    }

    public long failures(Call call) {
        return failures.get(call).get();
    }

    public long items() {
        return items.get();
    }

    /** The latency at quantile q (0..1), in milliseconds; 0 without calls. */
    public synchronized double percentileMillis(Call call, double q) {
        int n = counts.get(call);
        if (n == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(latencies.get(call), n);
        Arrays.sort(sorted);
        return sorted[Math.min(n - 1, (int) Math.ceil(q * n) - 1)] / 1e6;
    }
}
