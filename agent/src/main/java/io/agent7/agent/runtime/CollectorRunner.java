package io.agent7.agent.runtime;

import io.agent7.agent.collect.Collector;
import io.agent7.protocol.CollectorError;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one collector at a time on a thread of its own, within the policy's time budget.
 * A collector over budget is interrupted and reported, and its thread is abandoned for a new
 * one: a collector stuck in a system call must not stop the others.
 */
final class CollectorRunner implements AutoCloseable {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ExecutorService thread = newThread();

    /** Null, or the error that kept the run from finishing; with the wall and CPU time the run took. */
    record Result(CollectorError error, long wallMillis, long cpuMillis) {}

    /**
     * Runs {@code collector}, which hands each document to {@code sink} on the collector's
     * thread. {@code onOverBudget} is called when the run is abandoned, so the sink can refuse
     * what the abandoned thread still hands it.
     */
    Result run(Collector collector, Duration budget, Consumer<ObjectNode> sink, Runnable onOverBudget) {
        String type = collector.type().name();
        long start = System.nanoTime();
        Future<Long> future = thread.submit(() -> {
            long cpu = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
            collector.collect(sink);
            return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() - cpu : 0;
        });
        try {
            long cpuNanos = future.get(budget.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(null, (System.nanoTime() - start) / 1_000_000, cpuNanos / 1_000_000);
        } catch (TimeoutException e) {
            onOverBudget.run();
            future.cancel(true);
            thread.shutdownNow();
            thread = newThread();
            return new Result(
                    new CollectorError(
                            type,
                            CollectorError.Kind.OVER_BUDGET,
                            "ran over its " + budget.toSeconds() + "s budget and was stopped"),
                    budget.toMillis(),
                    0);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Result(
                    new CollectorError(
                            type,
                            CollectorError.Kind.FAILED,
                            cause.getClass().getSimpleName() + ": " + cause.getMessage()),
                    (System.nanoTime() - start) / 1_000_000,
                    0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(
                    new CollectorError(type, CollectorError.Kind.FAILED, "interrupted"),
                    (System.nanoTime() - start) / 1_000_000,
                    0);
        }
    }

    private static ExecutorService newThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "agent7-collector");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
