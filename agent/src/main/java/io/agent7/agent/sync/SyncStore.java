package io.agent7.agent.sync;

import io.agent7.schema.DataType;
import io.agent7.schema.JsonTrees;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Keeps each type's {@link SyncState} in {@code sync/<type>.json} of the state folder, so a
 * restarted agent sends only what changed while it was down. A state that cannot be read
 * starts over with a snapshot.
 *
 * <p>Both ways stream item by item: a busy server has tens of thousands of connections, and
 * a tree of them all (or the whole file as one array) would not fit the agent's small heap.
 */
public final class SyncStore {

    private final Path dir;
    private final String hostId;

    public SyncStore(Path stateDir, String hostId) {
        this.dir = stateDir.resolve("sync");
        this.hostId = hostId;
    }

    /** The stored state, and when its last snapshot was sent (EPOCH when never). */
    public record Loaded(SyncState state, Instant lastSnapshot) {}

    public Loaded load(DataType type) {
        Path file = dir.resolve(type.name() + ".json");
        Loaded fresh = new Loaded(SyncState.fresh(type, hostId), Instant.EPOCH);
        if (!Files.exists(file)) {
            return fresh;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                JsonParser parser = JsonTrees.parser(in)) {
            String storedHost = null;
            boolean needsSnapshot = true;
            Instant lastSnapshot = Instant.EPOCH;
            Map<String, Item> items = new HashMap<>();
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "host_id" -> storedHost = parser.getString();
                    case "needs_snapshot" -> needsSnapshot = value == JsonToken.VALUE_TRUE;
                    case "last_snapshot" -> lastSnapshot = Instant.parse(parser.getString());
                    case "items" -> {
                        expect(value, JsonToken.START_ARRAY);
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            JsonNode item = JsonTrees.readValue(parser);
                            String id = item.path("id").asString();
                            items.put(
                                    id,
                                    new Item(id, item.path("fp").asLong(), JsonTrees.string(item.path("identity"))));
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (!hostId.equals(storedHost)) {
                return fresh;
            }
            return new Loaded(new SyncState(type, hostId, items, needsSnapshot), lastSnapshot);
        } catch (IOException | RuntimeException e) {
            // Unreadable (a crash mid-write, a format change): start over with a snapshot.
            return fresh;
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", found " + actual);
        }
    }

    public void save(SyncState state, Instant lastSnapshot) throws IOException {
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + state.type().name(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp));
                    JsonGenerator json = JsonTrees.generator(out)) {
                json.writeStartObject();
                json.writeStringProperty("host_id", hostId);
                json.writeBooleanProperty("needs_snapshot", state.needsSnapshot());
                json.writeStringProperty("last_snapshot", lastSnapshot.toString());
                json.writeArrayPropertyStart("items");
                for (Item item : state.sent().values()) {
                    json.writeStartObject();
                    json.writeStringProperty("id", item.id());
                    json.writeNumberProperty("fp", item.fingerprint());
                    json.writeName("identity");
                    json.writeRawValue(item.identity()); // compact JSON the state wrote itself
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            Files.move(
                    temp,
                    dir.resolve(state.type().name() + ".json"),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
