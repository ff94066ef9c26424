package io.agent7.agent.sync;

import io.agent7.protocol.Batch;
import io.agent7.schema.DataType;
import io.agent7.schema.DocumentIds;
import io.agent7.schema.Documents;
import io.agent7.schema.JsonTrees;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the agent last sent of one type, and the batches that bring the server up to date.
 *
 * <p>Each item is kept as its id, a 64-bit fingerprint of its content and its identity
 * fields: enough to tell what was added, changed or removed, without keeping documents.
 * Ids come from the shared schema code (the same the server computes), so the agent's view
 * and the server's index agree item by item.
 */
public final class SyncState {

    private final DataType type;
    private final String hostId;
    private Map<String, Item> sent;
    private boolean needsSnapshot;

    public SyncState(DataType type, String hostId, Map<String, Item> sent, boolean needsSnapshot) {
        this.type = type;
        this.hostId = hostId;
        this.sent = new HashMap<>(sent);
        this.needsSnapshot = needsSnapshot;
    }

    /** A state that has sent nothing: its first batch is a snapshot. */
    public static SyncState fresh(DataType type, String hostId) {
        return new SyncState(type, hostId, Map.of(), true);
    }

    public DataType type() {
        return type;
    }

    public Map<String, Item> sent() {
        return sent;
    }

    public boolean needsSnapshot() {
        return needsSnapshot;
    }

    /** After a gap (a dropped batch, a restart with lost state), the next batch must be a snapshot. */
    public void requireSnapshot() {
        needsSnapshot = true;
    }

    /**
     * The batch that takes the server from what was sent to {@code current}, and the state
     * after it. A snapshot when asked for or needed; otherwise a diff, which is empty when
     * nothing changed. Call {@link #commit(Next)} once the batch is safely queued.
     */
    public Next next(List<ObjectNode> current, Instant collectedAt, boolean snapshot) {
        Map<String, Item> now = new LinkedHashMap<>();
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        for (ObjectNode document : current) {
            String id = DocumentIds.of(hostId, type, document);
            if (documents.putIfAbsent(id, document) == null) {
                now.put(id, new Item(id, fingerprint(document), JsonTrees.string(identity(document))));
            }
        }
        boolean full = snapshot || needsSnapshot;
        List<ObjectNode> upserts = new ArrayList<>();
        List<ObjectNode> removals = new ArrayList<>();
        for (Map.Entry<String, Item> entry : now.entrySet()) {
            Item before = sent.get(entry.getKey());
            if (full
                    || before == null
                    || before.fingerprint() != entry.getValue().fingerprint()) {
                upserts.add(documents.get(entry.getKey()));
            }
        }
        // A series keeps every sample: an earlier sample is history, not an item that went away.
        if (!full && !type.series()) {
            for (Item before : sent.values()) {
                if (!now.containsKey(before.id())) {
                    removals.add((ObjectNode) JsonTrees.read(before.identity()));
                }
            }
        }
        Batch batch = new Batch(
                UUID.randomUUID().toString(),
                full ? Batch.Mode.SNAPSHOT : Batch.Mode.DIFF,
                type,
                collectedAt,
                upserts,
                removals);
        return new Next(batch, now);
    }

    /** A computed batch and the state it leads to. */
    public record Next(Batch batch, Map<String, Item> state) {}

    public void commit(Next next) {
        sent = new HashMap<>(next.state());
        if (next.batch().mode() == Batch.Mode.SNAPSHOT) {
            needsSnapshot = false;
        }
    }

    /** The fields that name the item, nothing more: what a removal carries. */
    ObjectNode identity(JsonNode document) {
        ObjectNode identity = JsonNodeFactory.instance.objectNode();
        for (String field : type.identity()) {
            JsonNode value = Documents.get(document, field);
            if (value != null && !value.isNull()) {
                Documents.set(identity, field, value);
            }
        }
        return identity;
    }

    /** 64 bits of SHA-256 over the document's JSON: a change of any field changes it. */
    static long fingerprint(JsonNode document) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(JsonTrees.string(document).getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
