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
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
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
     * nothing changed. Call {@link #commit(Batched)} once the batch is safely queued.
     */
    public Batched next(List<ObjectNode> current, Instant collectedAt, boolean snapshot) {
        List<ObjectNode> upserts = new ArrayList<>();
        List<ObjectNode> removals = new ArrayList<>();
        Pass pass = pass(nextHeader(collectedAt, snapshot), Output.of(upserts::add, removals::add));
        current.forEach(pass);
        Next next = pass.finish();
        return new Batched(Batch.of(next.header(), type, upserts, removals), next);
    }

    /** The header of the next batch: a snapshot when asked for or needed, otherwise a diff. */
    public Batch.Header nextHeader(Instant collectedAt, boolean snapshot) {
        boolean full = snapshot || needsSnapshot;
        return new Batch.Header(
                UUID.randomUUID().toString(), full ? Batch.Mode.SNAPSHOT : Batch.Mode.DIFF, collectedAt);
    }

    /**
     * A pass over one collection for the batch {@code header} begins (from {@link #nextHeader}),
     * which hands {@code output} each upsert as its document comes, then the removals: the
     * documents are never all held at once, which is what lets a collector of 10,000 directory
     * users stream them into the spool. Call {@link #commit(Next)} once the batch is queued.
     */
    public Pass pass(Batch.Header header, Output output) {
        return new Pass(header, sent, output);
    }

    /** Where a pass puts its batch: every upsert first, then every removal. */
    public interface Output {
        void upsert(ObjectNode document);

        void remove(ObjectNode identity);

        static Output of(Consumer<ObjectNode> upserts, Consumer<ObjectNode> removals) {
            return new Output() {
                @Override
                public void upsert(ObjectNode document) {
                    upserts.accept(document);
                }

                @Override
                public void remove(ObjectNode identity) {
                    removals.accept(identity);
                }
            };
        }
    }

    /**
     * One collection on its way into a batch: {@link #accept} each document as the collector
     * makes it, then {@link #finish}. A document the schema refuses (no identity, a bad
     * value) spoils the pass: the rest are ignored and {@link #invalid()} says why, so
     * nothing of a collection that broke the schema is sent. {@link #cancel()} stops a
     * collector that ran over its budget at its next document.
     */
    public final class Pass implements Consumer<ObjectNode> {
        private final Batch.Header header;
        private final Map<String, Item> before;
        private final Output output;
        private final Map<String, Item> now = new LinkedHashMap<>();
        private int upserts;
        private String invalid;
        private volatile boolean cancelled;

        private Pass(Batch.Header header, Map<String, Item> before, Output output) {
            this.header = header;
            this.before = before;
            this.output = output;
        }

        @Override
        public void accept(ObjectNode document) {
            if (cancelled) {
                throw new CancellationException("The " + type.name() + " collection was stopped");
            }
            if (invalid != null) {
                return;
            }
            Item item;
            try {
                item = item(document);
            } catch (RuntimeException e) {
                invalid = e.getMessage();
                return;
            }
            if (now.putIfAbsent(item.id(), item) != null) {
                return; // the same item twice: the first one counts
            }
            Item previous = before.get(item.id());
            if (header.mode() == Batch.Mode.SNAPSHOT
                    || previous == null
                    || previous.fingerprint() != item.fingerprint()) {
                output.upsert(document);
                upserts++;
            }
        }

        /** Why a document of this collection was refused, or null. */
        public String invalid() {
            return invalid;
        }

        /** The items seen so far. */
        public int items() {
            return now.size();
        }

        public void cancel() {
            cancelled = true;
        }

        /** Hands the removals to the output, and says what the batch holds and the state it leads to. */
        public Next finish() {
            if (invalid != null) {
                throw new IllegalStateException("A refused document spoiled this pass: " + invalid);
            }
            int removals = 0;
            // A series keeps every sample: an earlier sample is history, not an item that went away.
            if (header.mode() == Batch.Mode.DIFF && !type.series()) {
                for (Item gone : before.values()) {
                    if (!now.containsKey(gone.id())) {
                        output.remove((ObjectNode) JsonTrees.read(gone.identity()));
                        removals++;
                    }
                }
            }
            return new Next(header, upserts, removals, now);
        }
    }

    private Item item(ObjectNode document) {
        String id = DocumentIds.of(hostId, type, document);
        return new Item(id, fingerprint(document), JsonTrees.string(identity(document)));
    }

    /** What a pass produced: the batch's header and size, and the state once it is queued. */
    public record Next(Batch.Header header, int upserts, int removals, Map<String, Item> state) {

        /** A diff that changes nothing: not worth sending. A snapshot is never empty: it says "nothing is there". */
        public boolean isEmpty() {
            return header.mode() == Batch.Mode.DIFF && upserts == 0 && removals == 0;
        }
    }

    /** A whole batch, and the state it leads to. */
    public record Batched(Batch batch, Next next) {}

    public void commit(Next next) {
        sent = new HashMap<>(next.state());
        if (next.header().mode() == Batch.Mode.SNAPSHOT) {
            needsSnapshot = false;
        }
    }

    public void commit(Batched batched) {
        commit(batched.next());
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
