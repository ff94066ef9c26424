package io.agent7.ingest.elasticsearch;

import io.agent7.ingest.ingest.IngestProperties;
import io.agent7.server.diagnostics.ThreadDump;
import io.agent7.server.elasticsearch.ElasticsearchProperties;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Watches {@link WriteProgress} once a second and says what it sees: readiness DOWN while the
 * pipeline is stalled, liveness DOWN once it is wedged (see {@link WriteProgress} for which is
 * which), and the threads in the log, once when a stall begins and once more if it turns into
 * a wedge, so that whoever is paged sees where every thread stood without reaching the host.
 */
@Component
class WriteWatchdog implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WriteWatchdog.class);

    private final WriteProgress progress;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "write-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /** The status at the last look; only the watchdog's thread writes it. */
    private volatile WriteProgress.Status seen = WriteProgress.Status.IDLE;

    WriteWatchdog(WriteProgress progress, IngestProperties ingest, ElasticsearchProperties elasticsearch) {
        this.progress = progress;
        // A healthy pipeline has an outcome at least this often while it has work: a bulk in
        // flight fails by its deadline, an operation waits no longer than this between tries.
        Duration quietest = elasticsearch.requestTimeout().plus(BulkDocumentSink.longestBackoff(ingest.maxRetries()));
        if (progress.wedgeTimeout().compareTo(quietest) <= 0) {
            throw new IllegalArgumentException("agent7.ingest.wedge-timeout (" + progress.wedgeTimeout()
                    + ") must be longer than agent7.elasticsearch.request-timeout (" + elasticsearch.requestTimeout()
                    + ") plus the longest wait between retries (" + BulkDocumentSink.longestBackoff(ingest.maxRetries())
                    + " with agent7.ingest.max-retries=" + ingest.maxRetries() + "), or a healthy pipeline waiting"
                    + " for Elasticsearch would be restarted");
        }
        timer.scheduleWithFixedDelay(this::look, 1, 1, TimeUnit.SECONDS);
    }

    private void look() {
        try {
            WriteProgress.State state = progress.state();
            WriteProgress.Status before = seen;
            seen = state.status();
            if (state.status() == before) {
                return;
            }
            switch (state.status()) {
                case STALLED -> {
                    if (before != WriteProgress.Status.WEDGED) {
                        log.warn(
                                "Writes stalled: Elasticsearch has answered no bulk for {} s with {} operations pending;"
                                        + " readiness is DOWN until it does. Threads:\n{}",
                                state.sinceAnswer().toSeconds(),
                                state.pending(),
                                ThreadDump.now());
                    }
                }
                case WEDGED ->
                    log.error(
                            "Write pipeline wedged: no bulk answered or failed for {} s with {} operations"
                                    + " pending; liveness is DOWN, restart the service. Threads:\n{}",
                            state.sinceOutcome().toSeconds(),
                            state.pending(),
                            ThreadDump.now());
                case IDLE, WRITING -> {
                    if (before == WriteProgress.Status.STALLED || before == WriteProgress.Status.WEDGED) {
                        log.info("Writes flow again ({} operations pending); readiness is UP", state.pending());
                    }
                }
            }
        } catch (RuntimeException e) {
            log.error("The write watchdog failed to look", e); // and looks again in a second
        }
    }

    /** For readiness: DOWN while the pipeline is stalled or wedged. */
    Health writes() {
        WriteProgress.State state = progress.state();
        boolean up = state.status() == WriteProgress.Status.IDLE || state.status() == WriteProgress.Status.WRITING;
        return details(up ? Health.up() : Health.down(), state).build();
    }

    /** For liveness: DOWN once the pipeline is wedged. */
    Health pipeline() {
        WriteProgress.State state = progress.state();
        return details(state.status() == WriteProgress.Status.WEDGED ? Health.down() : Health.up(), state)
                .build();
    }

    private Health.Builder details(Health.Builder health, WriteProgress.State state) {
        return health.withDetail("status", state.status().name().toLowerCase(java.util.Locale.ROOT))
                .withDetail("pending_operations", state.pending())
                .withDetail("seconds_since_answer", state.sinceAnswer().toSeconds())
                .withDetail("seconds_since_outcome", state.sinceOutcome().toSeconds())
                .withDetail("stall_timeout", progress.stallTimeout().toString())
                .withDetail("wedge_timeout", progress.wedgeTimeout().toString());
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
