package io.agent7.detections.engine;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.agent7.rules.Window;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The record of every run, in {@code agent7-rule-runs}: what was searched, found, written, and how long and late. */
final class RuleRuns {

    private static final Logger log = LoggerFactory.getLogger(RuleRuns.class);

    private final ElasticsearchClient client;
    private final String index;
    private final String instance;

    RuleRuns(ElasticsearchClient client, Schema schema, String instance) {
        this.client = client;
        this.index = schema.serverType("rule_run").index();
        this.instance = instance;
    }

    /** One run, as it ended. */
    record Run(
            String ruleId,
            int version,
            String trigger,
            Instant startedAt,
            Duration duration,
            Duration lag,
            Window window,
            long hits,
            long alerts,
            long suppressed,
            boolean truncated,
            String error,
            Window gap) {}

    /** Records the run; a failure to record is logged and does not fail the run (its alerts are written). */
    void record(Run run) {
        Map<String, Object> r = new LinkedHashMap<>();
        String id = UUID.randomUUID().toString();
        r.put("id", id);
        r.put("instance", instance);
        r.put("trigger", run.trigger());
        r.put("outcome", run.error() == null ? "success" : "failure");
        if (run.window() != null) {
            r.put("window_start", Values.formatDate(run.window().start()));
            r.put("window_end", Values.formatDate(run.window().end()));
        }
        r.put("duration_ms", run.duration().toMillis());
        r.put("lag_ms", Math.max(0, run.lag().toMillis()));
        r.put("hits", run.hits());
        r.put("alerts", run.alerts());
        r.put("suppressed", run.suppressed());
        r.put("truncated", run.truncated());
        if (run.error() != null) {
            r.put("error", run.error().length() > 8000 ? run.error().substring(0, 8000) : run.error());
        }
        if (run.gap() != null) {
            r.put("gap_start", Values.formatDate(run.gap().start()));
            r.put("gap_end", Values.formatDate(run.gap().end()));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("@timestamp", Values.formatDate(run.startedAt()));
        document.put("agent7", Map.of("type", "rule_run"));
        document.put("rule", Map.of("id", run.ruleId(), "version", Integer.toString(run.version())));
        document.put("rule_run", r);
        try {
            client.index(i -> i.index(index).id(id).document(document));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not record run of rule {}: {}", run.ruleId(), e.toString());
        }
    }
}
