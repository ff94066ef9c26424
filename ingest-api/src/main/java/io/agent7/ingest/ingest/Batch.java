package io.agent7.ingest.ingest;

import io.agent7.schema.DataType;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One validated batch from one agent for one type.
 *
 * @param id          the agent's id for the batch, echoed back
 * @param mode        a full snapshot (items not in it are marked removed) or a differential batch
 * @param collectedAt when the agent collected it: first-seen and last-seen times come from here,
 *                    so a retried batch writes nothing new
 * @param documents   the normalised documents to upsert, in order
 * @param removals    items gone since the agent's last batch (differential batches only), as
 *                    documents holding at least their identity fields: the server computes
 *                    their ids itself, so an agent can only ever remove its own host's items
 */
record Batch(
        String id,
        Mode mode,
        DataType type,
        Instant collectedAt,
        List<ObjectNode> documents,
        List<ObjectNode> removals) {

    enum Mode {
        SNAPSHOT,
        DIFF
    }
}
