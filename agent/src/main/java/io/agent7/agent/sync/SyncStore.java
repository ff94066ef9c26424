package io.agent7.agent.sync;

import io.agent7.schema.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps each type's {@link SyncState} in {@code sync/<type>.json} of the state folder, so a
 * restarted agent sends only what changed while it was down. A state that cannot be read
 * starts over with a snapshot.
 */
public final class SyncStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dir;
    private final String hostId;

    public SyncStore(Path stateDir, String hostId) {
        this.dir = stateDir.resolve("sync");
        this.hostId = hostId;
    }

    /** The stored state, and when its last snapshot was sent (EPOCH when never). */
    public record Loaded(SyncState state, Instant lastSnapshot) {
    }

    public Loaded load(DataType type) {
        Path file = dir.resolve(type.name() + ".json");
        if (!Files.exists(file)) {
            return new Loaded(SyncState.fresh(type, hostId), Instant.EPOCH);
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (!hostId.equals(root.path("host_id").asString())) {
                return new Loaded(SyncState.fresh(type, hostId), Instant.EPOCH);
            }
            Map<String, Item> items = new HashMap<>();
            for (JsonNode item : root.path("items")) {
                String id = item.path("id").asString();
                items.put(id, new Item(id, item.path("fp").asLong(), item.path("identity").toString()));
            }
            return new Loaded(new SyncState(type, hostId, items, root.path("needs_snapshot").asBoolean(true)),
                    Instant.parse(root.path("last_snapshot").asString(Instant.EPOCH.toString())));
        } catch (RuntimeException e) {
            // Unreadable (a crash mid-write, a format change): start over with a snapshot.
            return new Loaded(SyncState.fresh(type, hostId), Instant.EPOCH);
        }
    }

    public void save(SyncState state, Instant lastSnapshot) throws IOException {
        Files.createDirectories(dir);
        ObjectNode root = JSON.createObjectNode();
        root.put("host_id", hostId);
        root.put("needs_snapshot", state.needsSnapshot());
        root.put("last_snapshot", lastSnapshot.toString());
        ArrayNode items = root.putArray("items");
        for (Item item : state.sent().values()) {
            items.addObject().put("id", item.id()).put("fp", item.fingerprint()).set("identity", JSON.readTree(item.identity()));
        }
        Path temp = Files.createTempFile(dir, "." + state.type().name(), ".tmp");
        try {
            Files.write(temp, JSON.writeValueAsBytes(root));
            Files.move(temp, dir.resolve(state.type().name() + ".json"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
