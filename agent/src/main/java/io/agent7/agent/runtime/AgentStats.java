package io.agent7.agent.runtime;

import io.agent7.schema.JsonTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the agent has done since it started, per type: collections and their CPU time,
 * batches and bytes delivered by mode, the size of the last snapshot. Kept in
 * {@code stats.json} of the state folder, for people and for the footprint benchmark.
 */
final class AgentStats {

    private static final class PerType {
        long collections;
        long collectionCpuMillis;
        long snapshotBatches;
        long snapshotBytes;
        long diffBatches;
        long diffBytes;
        long lastSnapshotBytes;
    }

    private final Path file;
    private final Map<String, PerType> types = new TreeMap<>();

    AgentStats(Path stateDir) {
        this.file = stateDir.resolve("stats.json");
    }

    synchronized void collected(String type, long cpuMillis) {
        PerType t = types.computeIfAbsent(type, k -> new PerType());
        t.collections++;
        t.collectionCpuMillis += cpuMillis;
    }

    synchronized void delivered(String type, String mode, long bytes) {
        PerType t = types.computeIfAbsent(type, k -> new PerType());
        if (mode.equals("snapshot")) {
            t.snapshotBatches++;
            t.snapshotBytes += bytes;
            t.lastSnapshotBytes = bytes;
        } else {
            t.diffBatches++;
            t.diffBytes += bytes;
        }
    }

    synchronized void save() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode out = root.putObject("types");
        types.forEach((type, t) -> out.putObject(type)
                .put("collections", t.collections)
                .put("collection_cpu_ms", t.collectionCpuMillis)
                .put("snapshot_batches", t.snapshotBatches)
                .put("snapshot_bytes", t.snapshotBytes)
                .put("diff_batches", t.diffBatches)
                .put("diff_bytes", t.diffBytes)
                .put("last_snapshot_bytes", t.lastSnapshotBytes));
        try {
            Path temp = Files.createTempFile(file.getParent(), ".stats", ".tmp");
            Files.write(temp, JsonTrees.bytes(root));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // Statistics only: the next save tries again.
        }
    }
}
