package io.agent7.agent.sync;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One batch to send for one type: a full snapshot, or what changed since the last batch.
 *
 * @param removals the identity fields of items gone since the last batch (diffs only)
 */
public record Batch(
        String id, String type, Mode mode, Instant collectedAt, List<ObjectNode> upserts, List<ObjectNode> removals) {

    public enum Mode {
        SNAPSHOT,
        DIFF
    }

    public boolean isEmpty() {
        return mode == Mode.DIFF && upserts.isEmpty() && removals.isEmpty();
    }
}
