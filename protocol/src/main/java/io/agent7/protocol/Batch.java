package io.agent7.protocol;

import io.agent7.schema.DataType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One batch of one type from one host: what an agent sends and what the ingest API reads
 * back, checked, from {@code POST /api/v1/ingest/{type}}. On the wire it is a header line
 * ({@link Header}) and one line per document or removal; {@link ProtocolCodec#encodeBatch}
 * writes it.
 *
 * @param id          the agent's id for the batch, echoed in the answer; a batch sent again
 *                    keeps its id
 * @param collectedAt when the agent collected it: first-seen and last-seen times come from
 *                    here, so a batch sent again writes nothing new
 * @param documents   the items to upsert, in order
 * @param removals    items gone since the previous batch (diffs only), as documents holding
 *                    at least their identity fields: the server computes their ids itself, so
 *                    an agent can only ever remove its own host's items
 */
public record Batch(
        String id,
        Mode mode,
        DataType type,
        Instant collectedAt,
        List<ObjectNode> documents,
        List<ObjectNode> removals) {

    public Batch {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(type, "type");
        documents = List.copyOf(documents);
        removals = List.copyOf(removals);
    }

    public static Batch of(Header header, DataType type, List<ObjectNode> documents, List<ObjectNode> removals) {
        return new Batch(header.id(), header.mode(), type, header.collectedAt(), documents, removals);
    }

    /** A full snapshot (items the server has and the batch lacks are marked removed) or what changed. */
    public enum Mode {
        SNAPSHOT,
        DIFF;

        /** {@code snapshot} or {@code diff}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException for anything but {@code snapshot} and {@code diff} */
        public static Mode fromWire(String name) {
            for (Mode mode : values()) {
                if (mode.wire().equals(name)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("must be \"snapshot\" or \"diff\", got '" + name + "'");
        }
    }

    /** The first line of a batch: {@code {"batch": {"id": ..., "mode": ..., "collected_at": ...}}}. */
    public record Header(String id, Mode mode, Instant collectedAt) {}

    public Header header() {
        return new Header(id, mode, collectedAt);
    }

    /** A diff that changes nothing: not worth sending. A snapshot is never empty: it says "nothing is there". */
    public boolean isEmpty() {
        return mode == Mode.DIFF && documents.isEmpty() && removals.isEmpty();
    }
}
