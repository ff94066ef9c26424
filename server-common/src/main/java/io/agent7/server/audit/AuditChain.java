package io.agent7.server.audit;

import io.agent7.schema.JsonTrees;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit log as a hash chain: record n carries {@code audit.seq} = n, the hash of record
 * n-1 ({@code audit.prev_hash}; 64 zeros for the first) and its own ({@code audit.hash}):
 * SHA-256 over its whole content but that field, as JSON with keys sorted and no spaces.
 * An edited record no longer matches its hash; a deleted or replaced one breaks the link of
 * the record after it, or leaves a gap in the sequence. {@link Verifier} walks records in
 * order and names the first broken link.
 *
 * <p>What the chain cannot tell alone: records deleted from its end. The verdict says which
 * record is last, so a copy of an earlier verdict (or of the service logs, where every
 * record is logged too) shows a shortened chain.
 */
public final class AuditChain {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** The previous hash of record 1. */
    public static final String GENESIS = "0".repeat(64);

    static final String SEQ = "seq";
    static final String PREV_HASH = "prev_hash";
    static final String HASH = "hash";

    private AuditChain() {}

    /** The hash of a record's content: every field but {@code audit.hash}. */
    public static String hash(JsonNode record) {
        JsonNode content = record.deepCopy();
        if (content.get("audit") instanceof ObjectNode audit) {
            audit.remove(HASH);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The hash of a record about to be written, as nested maps. */
    public static String hash(Map<String, Object> record) {
        return hash((JsonNode) MAPPER.valueToTree(record));
    }

    /** Compact JSON with every object's keys sorted: the same content always gives the same text. */
    static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.propertyNames());
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(JsonTrees.string(JsonNodeFactory.instance.stringNode(names.get(i))))
                        .append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(JsonTrees.string(node));
        }
    }

    /**
     * What a walk of the chain found.
     *
     * @param records   how many chained records were read
     * @param last      the sequence number of the last record of the whole part of the chain
     *                  (0 when there is none)
     * @param lastHash  its hash, to compare with a later walk
     * @param brokenAt  the sequence number of the first broken link, or null when the chain is whole
     * @param problem   what is wrong there, or null
     */
    public record Verdict(long records, long last, String lastHash, Long brokenAt, String problem) {
        public boolean intact() {
            return brokenAt == null;
        }
    }

    /** Walks records in sequence order, one at a time, and keeps the first broken link. */
    public static final class Verifier {
        private long expected = 1;
        private String previousHash = GENESIS;
        private long records;
        private Long brokenAt;
        private String problem;

        /** The next record, in {@code audit.seq} order. */
        public void accept(JsonNode record) {
            records++;
            if (brokenAt != null) {
                return;
            }
            JsonNode audit = record.path("audit");
            long seq = audit.path(SEQ).asLong(-1);
            String stored = audit.path(HASH).asString("");
            if (seq != expected) {
                broken(
                        expected,
                        seq > expected
                                ? "record " + expected + (seq == expected + 1 ? " is" : " to " + (seq - 1) + " are")
                                        + " missing: record " + seq + " follows record " + (expected - 1)
                                : "record " + seq + " appears twice or out of order after record " + (expected - 1));
                return;
            }
            if (!audit.path(PREV_HASH).asString("").equals(previousHash)) {
                broken(
                        seq,
                        "record " + seq + " does not follow record " + (seq - 1)
                                + ": its prev_hash is not that record's hash (a record was replaced or edited)");
                return;
            }
            if (!hash(record).equals(stored)) {
                broken(seq, "record " + seq + " was edited: its content does not match its hash");
                return;
            }
            previousHash = stored;
            expected++;
        }

        private void broken(long at, String why) {
            brokenAt = at;
            problem = why;
        }

        public Verdict verdict() {
            return new Verdict(records, expected - 1, previousHash, brokenAt, problem);
        }
    }
}
