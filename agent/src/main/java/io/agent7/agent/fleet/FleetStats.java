package io.agent7.agent.fleet;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Client-side figures of a simulated fleet: call latencies and outcomes, items sent. */
public final class FleetStats {

    public enum Call { CHECKIN, INGEST }

    private final Map<Call, long[]> latencies = new EnumMap<>(Call.class);
    private final Map<Call, Integer> counts = new EnumMap<>(Call.class);
    private final Map<Call, AtomicLong> failures = new EnumMap<>(Call.class);
    private final AtomicLong items = new AtomicLong();

    public FleetStats() {
        for (Call call : Call.values()) {
            latencies.put(call, new long[1024]);
            counts.put(call, 0);
            failures.put(call, new AtomicLong());
        }
    }

    synchronized void record(Call call, long nanos, boolean ok) {
        if (!ok) {
            failures.get(call).incrementAndGet();
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
