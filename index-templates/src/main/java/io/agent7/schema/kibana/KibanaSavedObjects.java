package io.agent7.schema.kibana;

import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Field;
import io.agent7.schema.FieldType;
import io.agent7.schema.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Kibana saved objects generated from the {@link Schema}, as the NDJSON that Kibana's
 * saved objects import API (and Stack Management, Saved objects, Import) accepts: a data
 * view and a saved search of present items per data type, and an overview dashboard.
 *
 * <p>Objects are written in the shape Kibana 8 exports them, minus what an export adds for
 * its own bookkeeping ({@code created_at}, {@code updated_at}, {@code version}): that keeps
 * the file identical from one generation to the next, and Kibana migrates the objects from
 * {@link #TYPE_MIGRATION_VERSION} to its own version on import.
 *
 * <p>Regenerate the checked-in file with {@code java ... io.agent7.schema.kibana.KibanaSavedObjects <file>}
 * or by running {@code KibanaSavedObjectsFileTest} with {@code -Dagent7.regenerate=true}.
 */
public final class KibanaSavedObjects {

    /** Where the generated file is checked in, relative to the repository root. */
    public static final String CHECKED_IN_FILE = "index-templates/kibana/agent7-saved-objects.ndjson";

    public static final String DASHBOARD_ID = "agent7-overview";
    static final String CORE_MIGRATION_VERSION = "8.8.0";
    static final String TYPE_MIGRATION_VERSION = "8.0.0";
    /** The types an analyst looks at first; the dashboard shows those the schema has, in this order. */
    static final List<String> DASHBOARD_TYPES =
            List.of("process", "service", "scheduled_task", "startup_item", "local_user", "network_connection");
    /** Enough columns to identify an item at a glance without a horizontal scroll. */
    static final int MAX_COLUMNS = 6;

    static final String PRESENT_QUERY = CommonFields.PRESENT + ":true";
    /** The reference name Kibana 8 gives a saved search's data view. */
    static final String INDEX_REF_NAME = "kibanaSavedObjectMeta.searchSourceJSON.index";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Schema schema;

    public KibanaSavedObjects(Schema schema) {
        this.schema = schema;
    }

    public static String dataViewId(DataType type) {
        return type.index();
    }

    public static String savedSearchId(DataType type) {
        return type.index() + "-present";
    }

    /** Every object, data views first, then saved searches, then the dashboard that uses them. */
    public List<ObjectNode> objects() {
        List<ObjectNode> objects = new ArrayList<>();
        for (DataType type : schema.types()) {
            objects.add(dataView(type));
        }
        for (DataType type : schema.types()) {
            objects.add(savedSearch(type));
        }
        objects.add(dashboard());
        return objects;
    }

    /** The import file: one object a line, each line ending in a newline. */
    public String ndjson() {
        StringBuilder out = new StringBuilder();
        for (ObjectNode object : objects()) {
            out.append(JSON.writeValueAsString(object)).append('\n');
        }
        return out.toString();
    }

    ObjectNode dataView(DataType type) {
        ObjectNode attributes = NODES.objectNode();
        // Kibana 8 exports these empty settings with every data view; importing them keeps
        // the object exactly as Kibana would have saved it.
        attributes.put("fieldAttrs", "{}");
        attributes.put("fieldFormatMap", "{}");
        attributes.put("fields", JSON.writeValueAsString(KibanaFields.of(type)));
        attributes.put("name", "Agent7 " + type.name());
        attributes.put("runtimeFieldMap", "{}");
        attributes.put("sourceFilters", "[]");
        attributes.put("timeFieldName", CommonFields.TIMESTAMP);
        attributes.put("title", type.index());
        return savedObject("index-pattern", dataViewId(type), attributes, NODES.arrayNode());
    }

    ObjectNode savedSearch(DataType type) {
        ObjectNode attributes = NODES.objectNode();
        ArrayNode columns = attributes.putArray("columns");
        for (String column : columns(type)) {
            columns.add(column);
        }
        attributes.put("description", type.description());
        attributes.putObject("grid");
        attributes.put("hideChart", false);
        ObjectNode searchSource = NODES.objectNode();
        ObjectNode query = searchSource.putObject("query");
        query.put("query", PRESENT_QUERY);
        query.put("language", "kuery");
        searchSource.putArray("filter");
        searchSource.put("indexRefName", INDEX_REF_NAME);
        attributes.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", JSON.writeValueAsString(searchSource));
        attributes.putArray("sort").addArray().add(CommonFields.TIMESTAMP).add("desc");
        attributes.put("title", "Agent7 " + type.name() + " (present)");
        ArrayNode references = NODES.arrayNode();
        references.add(reference(dataViewId(type), INDEX_REF_NAME, "index-pattern"));
        return savedObject("search", savedSearchId(type), attributes, references);
    }

    /** The type's own keyword fields, aliases left out: what tells one item from another. */
    static List<String> columns(DataType type) {
        List<String> columns = new ArrayList<>();
        for (Field field : type.fields().values()) {
            if (field.type() == FieldType.KEYWORD && columns.size() < MAX_COLUMNS) {
                columns.add(field.name());
            }
        }
        return columns;
    }

    ObjectNode dashboard() {
        List<DataType> shown = new ArrayList<>();
        for (String name : DASHBOARD_TYPES) {
            for (DataType type : schema.types()) {
                if (type.name().equals(name)) {
                    shown.add(type);
                }
            }
        }
        ArrayNode panels = NODES.arrayNode();
        ArrayNode references = NODES.arrayNode();
        for (int i = 0; i < shown.size(); i++) {
            DataType type = shown.get(i);
            String panelIndex = type.name();
            String refName = "panel_" + i;
            ObjectNode panel = panels.addObject();
            panel.put("version", CORE_MIGRATION_VERSION);
            panel.put("type", "search");
            // Kibana's grid is 48 columns wide: two searches a row, each tall enough for a page of rows.
            ObjectNode grid = panel.putObject("gridData");
            grid.put("x", (i % 2) * 24);
            grid.put("y", (i / 2) * 15);
            grid.put("w", 24);
            grid.put("h", 15);
            grid.put("i", panelIndex);
            panel.put("panelIndex", panelIndex);
            panel.putObject("embeddableConfig").putObject("enhancements");
            panel.put("panelRefName", refName);
            references.add(reference(savedSearchId(type), refName, "search"));
        }
        ObjectNode attributes = NODES.objectNode();
        attributes.put(
                "description",
                "What is on the hosts now: "
                        + String.join(", ", shown.stream().map(DataType::name).toList())
                        + ". Items stay listed while agent7.present is true.");
        ObjectNode searchSource = NODES.objectNode();
        ObjectNode query = searchSource.putObject("query");
        query.put("query", "");
        query.put("language", "kuery");
        searchSource.putArray("filter");
        attributes.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", JSON.writeValueAsString(searchSource));
        ObjectNode options = NODES.objectNode();
        options.put("useMargins", true);
        options.put("syncColors", false);
        options.put("syncCursor", true);
        options.put("syncTooltips", false);
        options.put("hidePanelTitles", false);
        attributes.put("optionsJSON", JSON.writeValueAsString(options));
        attributes.put("panelsJSON", JSON.writeValueAsString(panels));
        ObjectNode refresh = attributes.putObject("refreshInterval");
        refresh.put("pause", true);
        refresh.put("value", 0);
        // @timestamp is when an item was first seen, so Kibana's default "last 15 minutes"
        // would hide everything that has been there longer: the dashboard brings its own,
        // wide time range so that it lists what is present, however old.
        attributes.put("timeFrom", "now-10y");
        attributes.put("timeRestore", true);
        attributes.put("timeTo", "now");
        attributes.put("title", "Agent7 overview");
        attributes.put("version", 1);
        return savedObject("dashboard", DASHBOARD_ID, attributes, references);
    }

    /** Top-level keys in the order Kibana exports them (alphabetical). */
    private static ObjectNode savedObject(String type, String id, ObjectNode attributes, ArrayNode references) {
        ObjectNode object = NODES.objectNode();
        object.set("attributes", attributes);
        object.put("coreMigrationVersion", CORE_MIGRATION_VERSION);
        object.put("id", id);
        object.put("managed", false);
        object.set("references", references);
        object.put("type", type);
        object.put("typeMigrationVersion", TYPE_MIGRATION_VERSION);
        return object;
    }

    private static ObjectNode reference(String id, String name, String type) {
        ObjectNode reference = NODES.objectNode();
        reference.put("id", id);
        reference.put("name", name);
        reference.put("type", type);
        return reference;
    }

    /** Writes the import file for {@link Schema#standard()} to the path given, by default {@link #CHECKED_IN_FILE}. */
    public static void main(String[] args) throws IOException {
        if (args.length > 1) {
            System.err.println("Usage: KibanaSavedObjects [output file, default " + CHECKED_IN_FILE + "]");
            System.exit(2);
        }
        Path out = Path.of(args.length == 1 ? args[0] : CHECKED_IN_FILE);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, new KibanaSavedObjects(Schema.standard()).ndjson(), StandardCharsets.UTF_8);
        System.out.println("Wrote " + out.toAbsolutePath());
    }
}
