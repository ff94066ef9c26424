package io.agent7.rules.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.IndexResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules' states in Elasticsearch, and the leases in them. A lease is the state's owner
 * and {@code lease_until}: taken by writing them with the state's last sequence number and
 * primary term (or creating the document when there is none), so when two instances try at
 * once exactly one write succeeds; no scripts. Every later write of the run (renewal,
 * checkpoint) is conditional the same way, so an instance that lost its lease while paused
 * cannot move a checkpoint another instance owns.
 */
public final class RuleStates {

    private static final int MAX_RULES = 10_000;

    private final ElasticsearchClient client;
    private final String index;

    public RuleStates(ElasticsearchClient client, Schema schema) {
        this.client = client;
        this.index = schema.serverType("rule_state").index();
    }

    /** Every rule's state, by rule id. */
    public Map<String, RuleState> all() {
        SearchResponse<Map> response;
        try {
            response = client.search(
                    s -> s.index(index)
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .size(MAX_RULES)
                            .seqNoPrimaryTerm(true),
                    Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading rule states: " + e.getMessage(), e);
        }
        Map<String, RuleState> states = new HashMap<>();
        for (Hit<Map> hit : response.hits().hits()) {
            states.put(hit.id(), read(hit.id(), hit.source(), hit.seqNo(), hit.primaryTerm()));
        }
        return states;
    }

    /**
     * Writes {@code state} if nobody changed it since it was read.
     *
     * @return the state as written, with its new sequence number; null when another instance
     *     changed it first (the caller lost the race and lets the rule be)
     */
    public RuleState write(RuleState state) {
        Map<String, Object> document = document(state);
        try {
            IndexResponse response = client.index(i -> {
                i.index(index).id(state.ruleId()).document(document);
                if (state.stored()) {
                    i.ifSeqNo(state.seqNo()).ifPrimaryTerm(state.primaryTerm());
                } else {
                    i.opType(co.elastic.clients.elasticsearch._types.OpType.Create);
                }
                return i;
            });
            return state.at(response.seqNo(), response.primaryTerm());
        } catch (ElasticsearchException | IOException e) {
            if (ElasticsearchErrors.status(e) == 409) {
                return null; // another instance wrote it first
            }
            throw e instanceof IOException io
                    ? new UncheckedIOException(
                            "Writing the state of rule " + state.ruleId() + ": " + e.getMessage(), io)
                    : (ElasticsearchException) e;
        }
    }

    /** Asks for a run of the rule now: the instance that holds or takes its lease runs it at its next tick. */
    public void requestRun(String ruleId, Instant at) {
        for (int attempt = 0; attempt < 5; attempt++) {
            RuleState state = all().getOrDefault(ruleId, RuleState.fresh(ruleId));
            RuleState asked = new RuleState(
                    state.ruleId(),
                    state.owner(),
                    state.leaseUntil(),
                    state.checkpoint(),
                    state.version(),
                    state.failures(),
                    state.retryAt(),
                    false,
                    state.lastError(),
                    state.lastRunAt(),
                    at,
                    state.seqNo(),
                    state.primaryTerm());
            if (write(asked) != null) {
                return;
            }
        }
        throw new IllegalStateException("Rule " + ruleId + "'s state kept changing; ask again");
    }

    private static Map<String, Object> document(RuleState s) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("rule_id", s.ruleId());
        state.put("owner", s.owner());
        state.put("lease_until", date(s.leaseUntil()));
        state.put("checkpoint", date(s.checkpoint()));
        state.put("failures", s.failures());
        state.put("retry_at", date(s.retryAt()));
        state.put("flagged", s.flagged());
        state.put("last_error", s.lastError());
        state.put("last_run_at", date(s.lastRunAt()));
        state.put("run_requested_at", date(s.runRequestedAt()));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("@timestamp", date(s.lastRunAt() == null ? Instant.now() : s.lastRunAt()));
        document.put("agent7", Map.of("type", "rule_state"));
        document.put("rule", Map.of("version", Integer.toString(s.version())));
        document.put("rule_state", state);
        return document;
    }

    @SuppressWarnings("unchecked")
    private static RuleState read(String id, Map<?, ?> source, Long seqNo, Long primaryTerm) {
        Map<String, Object> state = (Map<String, Object>) source.get("rule_state");
        Map<String, Object> rule = (Map<String, Object>) source.get("rule");
        if (state == null) {
            state = Map.of();
        }
        Object version = rule == null ? null : rule.get("version");
        Object failures = state.get("failures");
        return new RuleState(
                id,
                (String) state.get("owner"),
                instant(state.get("lease_until")),
                instant(state.get("checkpoint")),
                version == null ? 0 : Integer.parseInt(version.toString()),
                failures instanceof Number n ? n.longValue() : 0,
                instant(state.get("retry_at")),
                Boolean.TRUE.equals(state.get("flagged")),
                (String) state.get("last_error"),
                instant(state.get("last_run_at")),
                instant(state.get("run_requested_at")),
                seqNo,
                primaryTerm);
    }

    private static String date(Instant instant) {
        return instant == null ? null : Values.formatDate(instant);
    }

    private static Instant instant(Object value) {
        return value == null ? null : Instant.parse(value.toString());
    }
}
