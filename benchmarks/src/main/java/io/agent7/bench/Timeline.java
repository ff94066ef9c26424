package io.agent7.bench;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * What Elasticsearch and the ingest API were doing second by second during one phase of
 * {@code bench ingest --timeline}: whether Elasticsearch's write pool had work (sampled
 * every {@code intervalMillis}), how many bulks the API had in flight and how many
 * operations waited for the next one, the API's CPU, and the documents acknowledged. It
 * shows where in a phase Elasticsearch waits for work. The samples cost Elasticsearch and
 * the API a little CPU (a stats call and a metrics scrape each), in both phases alike.
 */
final class Timeline implements AutoCloseable {

    /** One sample. {@code writeActive} and {@code writeQueue} are Elasticsearch's write pool's threads at work and tasks waiting. */
    private record Sample(
            long nanos,
            int writeActive,
            int writeQueue,
            double bulksInFlight,
            double queuedOperations,
            long apiCpuTicks,
            long acknowledged) {}

    private final URI es;
    private final URI management;
    private final long ingestPid;
    private final long intervalMillis;
    private final AtomicLong acknowledged;
    private final List<Sample> samples = new ArrayList<>();
    private final long start = System.nanoTime();
    private final Thread sampler;
    private volatile boolean stopped;
    private int missed;
    private String firstMiss;

    /**
     * Starts sampling.
     *
     * @param acknowledged documents acknowledged so far in this phase, kept by the caller
     */
    Timeline(URI es, URI management, long ingestPid, long intervalMillis, AtomicLong acknowledged) {
        this.es = es;
        this.management = management;
        this.ingestPid = ingestPid;
        this.intervalMillis = intervalMillis;
        this.acknowledged = acknowledged;
        this.sampler = new Thread(this::run, "timeline");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void run() {
        while (!stopped) {
            long due = System.nanoTime() + intervalMillis * 1_000_000;
            try {
                JsonNode write = Http.get(es.resolve("/_cat/thread_pool/write?h=active,queue&format=json"))
                        .path(0);
                Prometheus api = Prometheus.scrape(management);
                Sample sample = new Sample(
                        System.nanoTime() - start,
                        Integer.parseInt(write.path("active").asString()),
                        Integer.parseInt(write.path("queue").asString()),
                        api.sum("agent7_bulk_requests_in_flight"),
                        api.sum("agent7_bulk_queued_operations"),
                        AgentFootprint.cpuTicks(ingestPid),
                        acknowledged.get());
                synchronized (samples) {
                    samples.add(sample);
                }
            } catch (IOException | RuntimeException e) {
                synchronized (samples) { // the next sample comes; the report says how many were missed, and why
                    missed++;
                    firstMiss = firstMiss == null ? e.toString() : firstMiss;
                }
            }
            long wait = (due - System.nanoTime()) / 1_000_000;
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        sampler.join();
    }

    /**
     * One line per second: the share of samples in which Elasticsearch's write pool was at
     * work or had work waiting, the mean bulks in flight and operations queued in the API, the
     * API's CPU, and the documents acknowledged in that second; then the share for the phase.
     */
    String report(String phase) {
        List<Sample> all;
        String misses;
        synchronized (samples) {
            all = List.copyOf(samples);
            misses = missed == 0 ? "" : String.format(" (%d samples missed, the first: %s)", missed, firstMiss);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "  timeline of the %s phase: second, Elasticsearch's write pool busy %%, API bulks in flight,"
                        + " API operations queued, API CPU %%, documents acknowledged%n",
                phase));
        int busyTotal = 0;
        Sample previousSecondEnd = null;
        long lastSecond = all.isEmpty() ? -1 : all.get(all.size() - 1).nanos() / 1_000_000_000L;
        for (long second = 0; second <= lastSecond; second++) {
            List<Sample> in = new ArrayList<>();
            for (Sample s : all) {
                if (s.nanos() / 1_000_000_000L == second) {
                    in.add(s);
                }
            }
            if (in.isEmpty()) {
                out.append(String.format("    %3d  no sample%n", second));
                continue;
            }
            int busy = 0;
            double inFlight = 0;
            double queued = 0;
            for (Sample s : in) {
                busy += s.writeActive() + s.writeQueue() > 0 ? 1 : 0;
                inFlight += s.bulksInFlight();
                queued += s.queuedOperations();
            }
            busyTotal += busy;
            Sample last = in.get(in.size() - 1);
            Sample first = previousSecondEnd == null ? in.get(0) : previousSecondEnd;
            double seconds = (last.nanos() - first.nanos()) / 1e9;
            double cpu = seconds <= 0
                    ? 0
                    : 100.0 * (last.apiCpuTicks() - first.apiCpuTicks()) / AgentFootprint.CLOCK_TICKS / seconds;
            out.append(String.format(
                    "    %3d  %3.0f  %4.1f  %6.0f  %3.0f  %,7d%n",
                    second,
                    100.0 * busy / in.size(),
                    inFlight / in.size(),
                    queued / in.size(),
                    cpu,
                    last.acknowledged() - (previousSecondEnd == null ? 0 : previousSecondEnd.acknowledged())));
            previousSecondEnd = last;
        }
        out.append(String.format(
                "  Elasticsearch's write pool was busy in %.0f %% of %d samples%s",
                all.isEmpty() ? 0 : 100.0 * busyTotal / all.size(), all.size(), misses));
        return out.toString();
    }
}
