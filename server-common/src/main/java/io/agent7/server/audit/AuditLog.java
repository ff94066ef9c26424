package io.agent7.server.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import io.agent7.schema.DataType;
import io.agent7.schema.JsonTrees;
import io.agent7.schema.Schema;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import io.agent7.server.elasticsearch.StoredDocument;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who did what, in the schema's {@code audit} index: admin changes, enrollments, refused agent
 * writes, sign-ins and refused requests, as a hash chain ({@link AuditChain}) that shows an
 * edited or deleted record. Each record is also logged, so that an audit write
 * Elasticsearch refuses still leaves a trace. Shared by every service (server-common's
 * auto-configuration makes one).
 */
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger("agent7.audit");
    private static final int MAX_ATTEMPTS = 20;
    private static final int VERIFY_PAGE = 1000;

    private final ElasticsearchClient client;
    private final DataType type;
    private final Clock clock;
    private Head head; // the chain's end as this instance last wrote or read it; null: read it again

    public AuditLog(ElasticsearchClient client, Schema schema, Clock clock) {
        this.client = client;
        this.type = schema.serverType("audit");
        this.clock = clock;
    }

    /**
     * @param action  what happened, e.g. {@code site_key.create}
     * @param success whether it succeeded
     * @param actor   an account name, or {@code agent:<id>} for agents
     * @param target  what it was done to
     * @param reason  why it failed, or null
     * @param details anything else worth keeping; values become keywords
     */
    public void record(
            String action, boolean success, String actor, String target, String reason, Map<String, ?> details) {
        record(new AuditEvent(action, success, actor, List.of(), null, target, reason, details));
    }

    /**
     * Writes one record as the next link of the chain ({@link AuditChain}) and answers its id,
     * or null when it could not be written. Instances of every service share one chain: each
     * record is created with its sequence number as its id, so when another instance took the
     * number first, this one reads the chain's end again and takes the next. A record
     * Elasticsearch refuses is logged as an error, never thrown.
     */
    public synchronized String record(AuditEvent event) {
        log.info(
                "audit action={} outcome={} actor={} target={}{}",
                event.action(),
                event.success() ? "success" : "failure",
                event.actor(),
                event.target(),
                event.reason() == null ? "" : " reason=" + event.reason());
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            try {
                Head end = head != null ? head : readHead();
                long seq = end.seq() + 1;
                String id = id(seq);
                StoredDocument doc = document(event, id, seq, end.hash());
                String hash = AuditChain.hash(doc.map());
                doc.put("audit.hash", hash);
                client.create(c -> c.index(type.index()).id(id).document(doc.map()));
                head = new Head(seq, hash);
                return id;
            } catch (IOException | RuntimeException e) {
                head = null;
                if (!ElasticsearchErrors.isConflict(e)) {
                    log.error(
                            "Could not write the audit record of {} by {}: {}",
                            event.action(),
                            event.actor(),
                            e.toString());
                    return null;
                }
                // Another instance wrote this number: read the end of the chain again.
            }
        }
        log.error(
                "Could not write the audit record of {} by {}: {} tries lost the race for the next number",
                event.action(),
                event.actor(),
                MAX_ATTEMPTS);
        return null;
    }

    private StoredDocument document(AuditEvent event, String id, long seq, String previousHash) {
        StoredDocument doc = StoredDocument.of(type, clock.instant())
                .put("audit.id", id)
                .put("audit.seq", seq)
                .put("audit.prev_hash", previousHash)
                .put("audit.target", event.target() == null ? "" : event.target())
                .put("audit.details", event.details() == null ? Map.of() : stringValues(event.details()))
                .put("event.action", event.action())
                .put("event.outcome", event.success() ? "success" : "failure")
                .put("user.name", event.actor());
        if (!event.roles().isEmpty()) {
            doc.put("user.roles", event.roles());
        }
        if (event.sourceIp() != null) {
            doc.put("source.ip", event.sourceIp());
        }
        if (event.reason() != null) {
            doc.put("event.reason", event.reason());
        }
        return doc;
    }

    /**
     * Walks the whole chain in order, a page at a time, and says whether it is intact or where
     * it first breaks. Reads what is written up to now (the index is refreshed first).
     */
    public AuditChain.Verdict verify() throws IOException {
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        try {
            client.indices().refresh(r -> r.index(type.index()));
        } catch (RuntimeException e) {
            if (ElasticsearchErrors.isNotFound(e)) {
                return verifier.verdict();
            }
            throw e;
        }
        List<co.elastic.clients.elasticsearch._types.FieldValue> after = null;
        while (true) {
            var page = after;
            var response = client.search(
                    s -> {
                        s.index(type.index())
                                .size(VERIFY_PAGE)
                                .query(q -> q.exists(x -> x.field("audit.seq")))
                                .sort(o -> o.field(f -> f.field("audit.seq").order(SortOrder.Asc)));
                        if (page != null) {
                            s.searchAfter(page);
                        }
                        return s;
                    },
                    com.fasterxml.jackson.databind.node.ObjectNode.class);
            var hits = response.hits().hits();
            for (var hit : hits) {
                if (hit.source() != null) {
                    verifier.accept(JsonTrees.read(hit.source().toString()));
                }
            }
            if (hits.size() < VERIFY_PAGE) {
                return verifier.verdict();
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    /** The record id of sequence number {@code seq}: sortable as text too. */
    static String id(long seq) {
        return String.format("%019d", seq);
    }

    /** The chain's last record: the highest number a search sees, then real-time reads past it, which see unrefreshed writes. */
    private Head readHead() throws IOException {
        Head end = new Head(0, AuditChain.GENESIS);
        try {
            var newest = client.search(
                    s -> s.index(type.index())
                            .size(1)
                            .query(q -> q.exists(x -> x.field("audit.seq")))
                            .sort(o -> o.field(f -> f.field("audit.seq").order(SortOrder.Desc))),
                    com.fasterxml.jackson.databind.node.ObjectNode.class);
            for (var hit : newest.hits().hits()) {
                if (hit.source() != null) {
                    end = headOf(hit.source());
                }
            }
        } catch (RuntimeException e) {
            if (!ElasticsearchErrors.isNotFound(e)) {
                throw e;
            }
        }
        while (true) {
            long next = end.seq() + 1;
            var found = client.get(
                    g -> g.index(type.index()).id(id(next)), com.fasterxml.jackson.databind.node.ObjectNode.class);
            if (!found.found() || found.source() == null) {
                return end;
            }
            end = headOf(found.source());
        }
    }

    private static Head headOf(com.fasterxml.jackson.databind.node.ObjectNode source) {
        var audit = source.path("audit");
        return new Head(audit.path("seq").asLong(), audit.path("hash").asText());
    }

    private record Head(long seq, String hash) {}

    private static Map<String, String> stringValues(Map<String, ?> details) {
        Map<String, String> out = new LinkedHashMap<>();
        details.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }
}
