package io.agent7.ingest.ingest;

import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Documents;
import io.agent7.schema.JsonTrees;
import io.agent7.schema.Schema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which types each host has ever had items of, so that a host's first snapshot of a type
 * needs no search for items gone (there can be none). Every batch of a pair not known here
 * records its (host, type) in the schema's {@code item_type} index, one document each, in the same bulk as its
 * items and ahead of them; the write that creates that document is the first ever for the
 * pair, and only then is the search skipped. Pairs already recorded are remembered here, so
 * the record costs one write per pair per process lifetime, and no round trip of its own.
 *
 * <p>The record and the items are acknowledged together. If a batch fails, some of its items
 * may be in and its record not. An agent sends the same batch again until it is taken (its
 * spool keeps it), and that retry could skip the search: every item in is its own.
 * When a different snapshot comes first instead (the agent dropped the failed batch), this
 * instance remembers the failure ({@link #unsure}) and searches. What is left is that case
 * on another instance or after a restart, and a lost record index: the snapshot that then
 * skips its search leaves items of the failed batch present until the next snapshot, which
 * searches and marks them gone. The {@code host} type is also written by check-ins, which
 * record nothing, so its snapshots always search.
 */
@Component
class ItemTypes {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The records' type: {@code host.id} and {@code item_type.name}, their id {@code <host id>.<type>}. */
    private final DataType records;
    /** The type written by check-ins too; see {@link #recorded}. */
    private final DataType hostType;

    /** Per host, a bit per type (by its position in the schema) known to be recorded. */
    private final Map<String, Long> recorded = new ConcurrentHashMap<>();
    /** Per host, a bit per type whose batch failed before its record was known to be in. */
    private final Map<String, Long> unsure = new ConcurrentHashMap<>();

    private final Map<String, Integer> bits = new HashMap<>();

    ItemTypes(Schema schema) {
        this.records = schema.serverType("item_type");
        this.hostType = schema.require("host");
        List<DataType> types = schema.types().stream().toList();
        if (types.size() > Long.SIZE) {
            throw new IllegalStateException("More than 64 data types: keep a BitSet per host instead of a long");
        }
        for (int i = 0; i < types.size(); i++) {
            bits.put(types.get(i).name(), i);
        }
    }

    /**
     * The write that records the pair, or null when it is known to be recorded. The caller
     * writes it with the batch's items, ahead of them, and reports its outcome to
     * {@link #recorded}, or to {@link #unsure} when the batch fails.
     */
    DocumentSink.Write unrecorded(String hostId, DataType type, String collectedAt) {
        Integer bit = bits.get(type.name());
        if (bit == null || (recorded.getOrDefault(hostId, 0L) & (1L << bit)) != 0) {
            return null; // a type of another schema (tests) is never skipped; see recorded()
        }
        ObjectNode document = NODES.objectNode();
        Documents.set(document, CommonFields.HOST_ID, NODES.stringNode(hostId));
        Documents.set(document, CommonFields.TYPE, NODES.stringNode(records.name()));
        Documents.set(document, "item_type.name", NODES.stringNode(type.name()));
        ObjectNode upsert = document.deepCopy();
        Documents.set(upsert, CommonFields.TIMESTAMP, NODES.stringNode(collectedAt));
        ObjectNode action = NODES.objectNode();
        action.set("doc", document); // the same values: an existing record is left as it is (noop)
        action.set("upsert", upsert);
        action.put("detect_noop", true);
        return new DocumentSink.Write(index(), hostId + "." + type.name(), hostId, JsonTrees.bytes(action));
    }

    /** Where the records are. */
    String index() {
        return records.index();
    }

    /**
     * Remembers a pair whose record Elasticsearch acknowledged.
     *
     * @param created whether that write created the record
     * @return whether no item of the pair can exist yet: the record is new and nothing but
     *         ingest writes items of the type
     */
    boolean recorded(String hostId, DataType type, boolean created) {
        Integer bit = bits.get(type.name());
        if (bit == null) {
            return false;
        }
        recorded.merge(hostId, 1L << bit, (a, b) -> a | b);
        long mask = 1L << bit;
        boolean failedBefore = (unsure.getOrDefault(hostId, 0L) & mask) != 0;
        if (failedBefore) {
            unsure.computeIfPresent(hostId, (host, failed) -> (failed & ~mask) == 0 ? null : failed & ~mask);
        }
        return created && !failedBefore && !type.name().equals(hostType.name());
    }

    /**
     * Remembers that a batch of an unrecorded pair failed: its items may be in without its
     * record, so a record created later does not mean there are none.
     */
    void unsure(String hostId, DataType type) {
        Integer bit = bits.get(type.name());
        if (bit != null) {
            unsure.merge(hostId, 1L << bit, (a, b) -> a | b);
        }
    }
}
