package io.agent7.protocol;

import io.agent7.schema.JsonTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a batch as it is made: the header line, then each upsert and removal as it comes,
 * compressed at once, so a batch of many documents is held as its gzip NDJSON bytes and
 * never as a list of trees. {@link ProtocolCodec#encodeBatch} writes a whole {@link Batch}
 * with it; the agent streams a collection through it.
 */
public final class BatchEncoder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
    private final GZIPOutputStream gzip;
    private int upserts;
    private int removals;
    private boolean finished;

    public BatchEncoder(Batch.Header header) {
        try {
            gzip = new GZIPOutputStream(bytes, 8192);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory failed", e);
        }
        line(ProtocolCodec.headerLine(header));
    }

    /** {@code {"upsert": document}}. Removals follow every upsert, as the wire format asks. */
    public void upsert(ObjectNode document) {
        if (removals > 0) {
            throw new IllegalStateException("An upsert after a removal: removals come last");
        }
        line(NODES.objectNode().set("upsert", document));
        upserts++;
    }

    /** {@code {"remove": identity}}. */
    public void remove(ObjectNode identity) {
        line(NODES.objectNode().set("remove", identity));
        removals++;
    }

    public int upserts() {
        return upserts;
    }

    public int removals() {
        return removals;
    }

    /** The request body: gzip NDJSON, as {@code POST /api/v1/ingest/{type}} takes it. Ends the batch. */
    public byte[] finish() {
        if (!finished) {
            finished = true;
            try {
                gzip.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Writing to memory failed", e);
            }
        }
        return bytes.toByteArray();
    }

    private void line(ObjectNode line) {
        if (finished) {
            throw new IllegalStateException("The batch is finished");
        }
        try {
            gzip.write(JsonTrees.bytes(line));
            gzip.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory failed", e);
        }
    }
}
