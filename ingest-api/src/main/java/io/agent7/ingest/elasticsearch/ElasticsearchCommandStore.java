package io.agent7.ingest.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agent7.ingest.commands.CommandStore;
import io.agent7.protocol.CommandReport;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import io.agent7.server.elasticsearch.StoredDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Commands in {@code agent7-commands} and their output in {@code agent7-command-output}. Every
 * change of state that races another instance is conditional on the document's sequence number.
 */
@Component
class ElasticsearchCommandStore implements CommandStore {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchCommandStore.class);

    private final ElasticsearchClient client;
    private final DataType commands;
    private final DataType output;

    ElasticsearchCommandStore(ElasticsearchClient client, Schema schema) {
        this.client = client;
        this.commands = schema.serverType("command");
        this.output = schema.serverType("command_output");
    }

    /** The queued, unexpired commands of {@code hostIds}, oldest first. */
    @Override
    public List<Pending> queuedFor(Collection<String> hostIds, Instant now) {
        if (hostIds.isEmpty()) {
            return List.of();
        }
        List<FieldValue> hosts = hostIds.stream().map(FieldValue::of).toList();
        var response = ElasticsearchErrors.call(
                "Finding queued commands",
                () -> client.search(
                        s -> s.index(commands.index())
                                .size(1000)
                                .seqNoPrimaryTerm(true)
                                .query(q -> q.bool(b -> b.filter(f ->
                                                f.terms(t -> t.field("host.id").terms(v -> v.value(hosts))))
                                        .filter(f -> f.term(
                                                t -> t.field("command.state").value("queued")))
                                        .filter(f -> f.range(r -> r.untyped(u -> u.field("command.expires_at")
                                                .gt(JsonData.of(Values.formatDate(now))))))))
                                .sort(o -> o.field(
                                        f -> f.field("command.created_at").order(SortOrder.Asc))),
                        ObjectNode.class));
        List<Pending> pending = new ArrayList<>();
        for (var hit : response.hits().hits()) {
            if (hit.source() == null || hit.seqNo() == null || hit.primaryTerm() == null) {
                continue;
            }
            pending.add(new Pending(
                    hit.id(),
                    hit.source().path("host").path("id").asText(),
                    hit.source().path("command").path("signed").asText(),
                    hit.seqNo(),
                    hit.primaryTerm()));
        }
        return pending;
    }

    /**
     * Marks {@code pending} delivered, in one bulk request of conditional updates; answers those
     * marked, leaving out any another instance delivered, or that changed, first.
     */
    @Override
    public List<Pending> markDelivered(List<Pending> pending, Instant now) {
        if (pending.isEmpty()) {
            return List.of();
        }
        Map<String, Object> doc = StoredDocument.partial(commands)
                .put("command.state", "delivered")
                .put("command.delivered_at", now)
                .map();
        List<BulkOperation> operations = new ArrayList<>();
        for (Pending one : pending) {
            operations.add(BulkOperation.of(o -> o.update(u -> u.index(commands.index())
                    .id(one.id())
                    .ifSeqNo(one.seqNo())
                    .ifPrimaryTerm(one.primaryTerm())
                    .action(a -> a.doc(doc)))));
        }
        BulkResponse response = ElasticsearchErrors.call(
                "Marking " + pending.size() + " commands delivered", () -> client.bulk(b -> b.operations(operations)));
        List<Pending> marked = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            BulkResponseItem item = response.items().get(i);
            if (item.error() == null) {
                marked.add(pending.get(i));
            } else if (item.status() != 409) {
                failed.add(pending.get(i).id() + ": " + item.error().reason());
            }
        }
        if (!failed.isEmpty()) {
            // They stay queued: the next look delivers them.
            log.warn("Elasticsearch did not mark {} commands delivered, e.g. {}", failed.size(), failed.get(0));
        }
        return marked;
    }

    /** A delivered command whose poll ended before it could take it: queued again. */
    @Override
    public void requeue(String id, Instant now) {
        // Conditional on what was read: a responder may cancel it meanwhile, and then it must
        // not go back to the queue.
        for (int attempt = 0; ; attempt++) {
            var found = ElasticsearchErrors.call(
                    "Reading command " + id,
                    () -> client.get(g -> g.index(commands.index()).id(id), ObjectNode.class));
            if (!found.found() || found.source() == null || found.seqNo() == null || found.primaryTerm() == null) {
                return;
            }
            JsonNode command = found.source().path("command");
            if (!"delivered".equals(command.path("state").asText())) {
                return;
            }
            StoredDocument doc = StoredDocument.partial(commands);
            if (command.hasNonNull("cancel_requested_at")) {
                doc.put("command.state", "cancelled")
                        .put("command.finished_at", now)
                        .put(
                                "command.message",
                                "cancelled by "
                                        + command.path("cancel_requested_by").asText("a responder")
                                        + " before its host took it");
            } else {
                doc.put("command.state", "queued");
            }
            Map<String, Object> fields = doc.map();
            long seqNo = found.seqNo();
            long primaryTerm = found.primaryTerm();
            try {
                ElasticsearchErrors.call(
                        "Queueing command " + id + " again",
                        () -> client.update(
                                u -> u.index(commands.index())
                                        .id(id)
                                        .ifSeqNo(seqNo)
                                        .ifPrimaryTerm(primaryTerm)
                                        .doc(fields),
                                Map.class));
                return;
            } catch (RuntimeException e) {
                if (!ElasticsearchErrors.isConflict(e) || attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Optional<Stored> find(String id) {
        try {
            var found = ElasticsearchErrors.call(
                    "Reading command " + id,
                    () -> client.get(g -> g.index(commands.index()).id(id), ObjectNode.class));
            if (!found.found() || found.source() == null) {
                return Optional.empty();
            }
            var source = found.source();
            return Optional.of(new Stored(
                    id,
                    source.path("host").path("id").asText(),
                    source.path("command").path("state").asText(),
                    source.path("command").path("action").asText(),
                    source.path("user").path("name").asText(null),
                    source.path("command").hasNonNull("cancel_requested_at")));
        } catch (RuntimeException e) {
            if (ElasticsearchErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Records what the agent reported: the new state, and for an ended command how it ended. */
    @Override
    public void report(String id, CommandReport report) {
        StoredDocument doc = StoredDocument.partial(commands)
                .put("command.state", report.state().wire());
        if (report.state() == CommandReport.State.RUNNING) {
            doc.put("command.started_at", report.at());
        } else {
            doc.put("command.finished_at", report.at())
                    .put("command.truncated", report.truncated())
                    .put("command.output_bytes", report.bytes());
            if (report.exitCode() != null) {
                doc.put("command.exit_code", report.exitCode());
            }
            if (report.sha256() != null) {
                doc.put("command.output_sha256", report.sha256());
            }
            if (report.reason() != null) {
                doc.put("command.refusal", report.reason());
            }
            if (report.message() != null) {
                doc.put("command.message", report.message());
            }
        }
        ElasticsearchErrors.call(
                "Recording the report of command " + id,
                () -> client.update(u -> u.index(commands.index()).id(id).doc(doc.map()), Map.class));
    }

    /** One chunk of output; a chunk sent again (a retry) replaces itself. */
    @Override
    public void appendOutput(String id, String hostId, long seq, byte[] chunk, Instant now) {
        Map<String, Object> doc = StoredDocument.of(output, now)
                .put("command.id", id)
                .put("host.id", hostId)
                .put("command_output.seq", seq)
                .put("command_output.data", Base64.getEncoder().encodeToString(chunk))
                .put("command_output.size", chunk.length)
                .map();
        ElasticsearchErrors.call(
                "Storing output of command " + id,
                () -> client.index(
                        i -> i.index(output.index()).id(id + "-" + seq).document(doc)));
    }

    /** Queued or unapproved commands past their expiry: they will never run. Answers how many were marked expired. */
    @Override
    public int expire(Instant now) {
        var response = ElasticsearchErrors.call(
                "Finding expired commands",
                () -> client.search(
                        s -> s.index(commands.index())
                                .size(1000)
                                .seqNoPrimaryTerm(true)
                                .source(src -> src.fetch(false))
                                .query(q -> q.bool(b -> b.filter(f -> f.terms(t -> t.field("command.state")
                                                .terms(v -> v.value(List.of(
                                                        FieldValue.of("queued"), FieldValue.of("awaiting_approval"))))))
                                        .filter(f -> f.range(r -> r.untyped(u -> u.field("command.expires_at")
                                                .lte(JsonData.of(Values.formatDate(now)))))))),
                        Void.class));
        int expired = 0;
        for (var hit : response.hits().hits()) {
            Map<String, Object> doc = StoredDocument.partial(commands)
                    .put("command.state", "expired")
                    .put("command.finished_at", now)
                    .put(
                            "command.message",
                            "expired before its host asked for it, or before a second responder approved it;"
                                    + " it will never run")
                    .map();
            try {
                client.update(
                        u -> u.index(commands.index())
                                .id(hit.id())
                                .ifSeqNo(hit.seqNo())
                                .ifPrimaryTerm(hit.primaryTerm())
                                .doc(doc),
                        Map.class);
                expired++;
            } catch (Exception e) {
                // delivered or changed meanwhile: not expired
            }
        }
        return expired;
    }
}
