package io.agent7.schema.kibana;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The generated NDJSON read back the way Kibana's importer reads it: one object a line. */
final class SavedObjectsFile {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final List<JsonNode> objects = new ArrayList<>();
    final Map<String, JsonNode> byId = new LinkedHashMap<>();

    SavedObjectsFile(String ndjson) {
        for (String line : ndjson.split("\n")) {
            JsonNode object = JSON.readTree(line);
            objects.add(object);
            byId.put(object.path("type").asString() + ":" + object.path("id").asString(), object);
        }
    }

    List<JsonNode> ofType(String type) {
        return objects.stream()
                .filter(o -> o.path("type").asString().equals(type))
                .toList();
    }

    JsonNode get(String type, String id) {
        return byId.get(type + ":" + id);
    }

    /** A JSON-in-a-string attribute ({@code fields}, {@code panelsJSON}, ...), parsed. */
    static JsonNode embedded(JsonNode object, String... path) {
        JsonNode node = object.path("attributes");
        for (String step : path) {
            node = node.path(step);
        }
        return JSON.readTree(node.asString());
    }

    /** A data view's fields by name. */
    static Map<String, JsonNode> fields(JsonNode dataView) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode field : embedded(dataView, "fields")) {
            byName.put(field.path("name").asString(), field);
        }
        return byName;
    }
}
