package io.agent7.search.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.agent7.protocol.Command;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.search.commands.CommandLedger;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import io.agent7.server.elasticsearch.StoredDocument;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@link CommandLedger} in {@code agent7-commands} and {@code agent7-command-output}, the
 * documents the ingest API delivers from. Approving and cancelling are conditional on the
 * document's sequence number: a command the ingest API delivered meanwhile is left as it is.
 */
@Component
class ElasticsearchCommandLedger implements CommandLedger {

    private static final int OUTPUT_BATCH = 100;
    private static final int HOSTS_BATCH = 5_000;

    private final ElasticsearchClient client;
    private final DataType commands;
    private final DataType output;
    private final DataType hosts;

    ElasticsearchCommandLedger(ElasticsearchClient client, Schema schema) {
        this.client = client;
        this.commands = schema.serverType("command");
        this.output = schema.serverType("command_output");
        this.hosts = schema.find("host").orElseThrow();
    }

    @Override
    public Map<String, String> hostGroups(Collection<String> hostIds) {
        Map<String, String> known = new HashMap<>();
        List<FieldValue> ids = hostIds.stream().distinct().map(FieldValue::of).toList();
        for (int from = 0; from < ids.size(); from += HOSTS_BATCH) {
            List<FieldValue> batch = ids.subList(from, Math.min(ids.size(), from + HOSTS_BATCH));
            var response = ElasticsearchErrors.call(
                    "Looking up hosts",
                    () -> client.search(
                            s -> s.index(hosts.index())
                                    .size(batch.size())
                                    .source(src -> src.filter(f -> f.includes("host.id", "host_state.group")))
                                    .query(q -> q.terms(t -> t.field("host.id").terms(v -> v.value(batch)))),
                            Map.class));
            for (var hit : response.hits().hits()) {
                Map<?, ?> source = hit.source() == null ? Map.of() : hit.source();
                if (source.get("host") instanceof Map<?, ?> host && host.get("id") != null) {
                    Object group = source.get("host_state") instanceof Map<?, ?> state ? state.get("group") : null;
                    known.put(host.get("id").toString(), group == null ? null : group.toString());
                }
            }
        }
        return known;
    }

    @Override
    public void create(List<NewCommand> created, Instant now) {
        List<BulkOperation> operations = new ArrayList<>();
        for (NewCommand c : created) {
            Command command = c.command();
            StoredDocument doc = StoredDocument.of(commands, now)
                    .put("host.id", command.hostId())
                    .put("user.name", c.requestedBy())
                    .put("command.id", command.id())
                    .put("command.request_id", c.requestId())
                    .put("command.action", command.action().wire())
                    .put("command.state", c.signed() == null ? "awaiting_approval" : "queued")
                    .put("command.shell", command.shell())
                    .put("command.timeout_ms", command.timeout().toMillis())
                    .put("command.output_cap", command.outputCap())
                    .put("command.created_at", now)
                    .put("command.expires_at", command.expiresAt());
            if (!command.argv().isEmpty()) {
                doc.put("command.argv", command.argv());
            }
            if (!command.params().isEmpty()) {
                doc.put("command.params", command.params());
            }
            if (c.signed() != null) {
                doc.put("command.signed", c.signed());
            }
            if (c.reason() != null) {
                doc.put("command.reason", c.reason());
            }
            if (c.query() != null) {
                doc.put("command.query", c.query());
            }
            Map<String, Object> source = doc.map();
            operations.add(BulkOperation.of(b ->
                    b.create(i -> i.index(commands.index()).id(command.id()).document(source))));
        }
        BulkResponse response = ElasticsearchErrors.call(
                "Writing " + created.size() + " commands",
                () -> client.bulk(b -> b.operations(operations).refresh(Refresh.WaitFor)));
        if (response.errors()) {
            var failed = response.items().stream()
                    .filter(i -> i.error() != null)
                    .findFirst()
                    .orElseThrow();
            throw new IllegalStateException("Elasticsearch refused command " + failed.id() + ": "
                    + failed.error().reason());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Stored> request(String requestId, int max) {
        var response = ElasticsearchErrors.call(
                "Reading the commands of request " + requestId,
                () -> client.search(
                        s -> s.index(commands.index())
                                .size(max)
                                .seqNoPrimaryTerm(true)
                                .query(q -> q.term(
                                        t -> t.field("command.request_id").value(requestId)))
                                .sort(o -> o.field(f -> f.field("host.id").order(SortOrder.Asc))),
                        Map.class));
        List<Stored> found = new ArrayList<>();
        for (var hit : response.hits().hits()) {
            if (hit.source() != null && hit.seqNo() != null && hit.primaryTerm() != null) {
                found.add(new Stored(hit.id(), hit.seqNo(), hit.primaryTerm(), hit.source()));
            }
        }
        return found;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Stored> find(String id) {
        try {
            var got = ElasticsearchErrors.call(
                    "Reading command " + id,
                    () -> client.get(g -> g.index(commands.index()).id(id), Map.class));
            if (!got.found() || got.source() == null) {
                return Optional.empty();
            }
            return Optional.of(new Stored(id, got.seqNo(), got.primaryTerm(), got.source()));
        } catch (RuntimeException e) {
            if (ElasticsearchErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Stored> recent(String hostId, int max) {
        var response = ElasticsearchErrors.call(
                "Reading recent commands",
                () -> client.search(
                        s -> s.index(commands.index())
                                .size(max)
                                .seqNoPrimaryTerm(true)
                                .query(q -> hostId == null
                                        ? q.matchAll(m -> m)
                                        : q.term(t -> t.field("host.id").value(hostId)))
                                .sort(o -> o.field(
                                        f -> f.field("command.created_at").order(SortOrder.Desc))),
                        Map.class));
        List<Stored> found = new ArrayList<>();
        for (var hit : response.hits().hits()) {
            if (hit.source() != null && hit.seqNo() != null && hit.primaryTerm() != null) {
                found.add(new Stored(hit.id(), hit.seqNo(), hit.primaryTerm(), hit.source()));
            }
        }
        return found;
    }

    @Override
    public boolean approve(Stored stored, String signed, Instant expiresAt, String approver, Instant now) {
        return change(
                stored,
                StoredDocument.partial(commands)
                        .put("command.state", "queued")
                        .put("command.signed", signed)
                        .put("command.expires_at", expiresAt)
                        .put("command.approved_by", approver)
                        .put("command.approved_at", now));
    }

    @Override
    public boolean cancel(Stored stored, String by, Instant now) {
        return change(
                stored,
                StoredDocument.partial(commands)
                        .put("command.state", "cancelled")
                        .put("command.finished_at", now)
                        .put("command.message", "cancelled by " + by + " before its host took it"));
    }

    @Override
    public boolean requestCancel(Stored stored, String by, Instant now) {
        return change(
                stored,
                StoredDocument.partial(commands)
                        .put("command.cancel_requested_by", by)
                        .put("command.cancel_requested_at", now));
    }

    private boolean change(Stored stored, StoredDocument doc) {
        Map<String, Object> fields = doc.map();
        try {
            ElasticsearchErrors.call(
                    "Changing command " + stored.id(),
                    () -> client.update(
                            u -> u.index(commands.index())
                                    .id(stored.id())
                                    .ifSeqNo(stored.seqNo())
                                    .ifPrimaryTerm(stored.primaryTerm())
                                    .refresh(Refresh.WaitFor)
                                    .doc(fields),
                            Map.class));
            return true;
        } catch (RuntimeException e) {
            if (ElasticsearchErrors.isConflict(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Chunk ids are the command's id and a sequence number, so they are read by id: a get is
     * real time, where a search would miss the last chunks for up to a refresh interval after
     * the command's end was recorded. A chunk the agent gave up sending leaves a gap; a batch
     * with no chunk at all is the end.
     */
    @Override
    public byte[] output(String id, long max) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (long from = 0; bytes.size() < max; from += OUTPUT_BATCH) {
            List<String> ids = new ArrayList<>(OUTPUT_BATCH);
            for (long seq = from; seq < from + OUTPUT_BATCH; seq++) {
                ids.add(id + "-" + seq);
            }
            var response = ElasticsearchErrors.call(
                    "Reading the output of command " + id,
                    () -> client.mget(m -> m.index(output.index()).ids(ids), Map.class));
            boolean any = false;
            for (var item : response.docs()) {
                if (!item.isResult() || !item.result().found() || item.result().source() == null) {
                    continue;
                }
                any = true;
                if (item.result().source().get("command_output") instanceof Map<?, ?> chunk
                        && chunk.get("data") != null
                        && bytes.size() < max) {
                    byte[] data = Base64.getDecoder().decode(chunk.get("data").toString());
                    bytes.write(data, 0, (int) Math.min(data.length, max - bytes.size()));
                }
            }
            if (!any) {
                break;
            }
        }
        return bytes.toByteArray();
    }
}
