package io.agent7.schema.templates;

import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Field;
import io.agent7.schema.FieldType;
import io.agent7.schema.Schema;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Elasticsearch templates generated from the {@link Schema}: one component template
 * with the common fields, one with index settings, and a composable index template per
 * data type. Mappings are {@code dynamic: strict}: an unknown field is rejected instead of
 * growing the mapping; {@code labels} (flattened) is the escape hatch.
 */
public final class IndexTemplates {

    public static final String COMMON_COMPONENT = "agent7-common";
    public static final String SETTINGS_COMPONENT = "agent7-settings";
    /** Settings for the services' own indices (enrollments, site keys, policies, audit, ...). */
    public static final String INTERNAL_TEMPLATE = "agent7-internal";
    /** Above the built-in templates (priority 100 and below), so ours win for agent7-* names. */
    static final int PRIORITY = 200;
    /** Below the types' own templates: any other agent7-* index. */
    static final int INTERNAL_PRIORITY = 150;
    /**
     * The server's own types (enrollments, site keys, policies, commands, alerts, ...) are
     * written one at a time and read back at once by whoever wrote them: enrollment and the
     * admin API wait for the refresh. Elasticsearch's default interval suits them; the
     * agents' types, written in bulk, refresh at {@link IndexSettings#refreshInterval()}.
     */
    public static final String SERVER_REFRESH_INTERVAL = "1s";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Schema schema;
    private final IndexSettings settings;

    public IndexTemplates(Schema schema, IndexSettings settings) {
        this.schema = schema;
        this.settings = settings;
    }

    /** Component templates by name, in install order. */
    public Map<String, ObjectNode> componentTemplates() {
        Map<String, ObjectNode> components = new LinkedHashMap<>();
        ObjectNode common = versioned();
        common.putObject("template").set("mappings", mappings(CommonFields.ALL.values()));
        components.put(COMMON_COMPONENT, common);

        ObjectNode settingsTemplate = versioned();
        ObjectNode index = shardsAndReplicas(settingsTemplate);
        index.put("refresh_interval", settings.refreshInterval());
        components.put(SETTINGS_COMPONENT, settingsTemplate);
        return components;
    }

    /** Index templates by name: one per data type, and one for every other agent7-* index. */
    public Map<String, ObjectNode> indexTemplates() {
        Map<String, ObjectNode> templates = new LinkedHashMap<>();
        templates.put(INTERNAL_TEMPLATE, internalTemplate());
        for (DataType type : schema.types()) {
            templates.put(type.index(), indexTemplate(type));
        }
        for (DataType type : schema.serverTypes()) {
            templates.put(type.index(), indexTemplate(type));
        }
        return templates;
    }

    /**
     * The services create their own indices as they first write to them, with dynamic
     * mappings. Left to Elasticsearch's defaults they would ask for a replica, which a
     * single node never assigns (a yellow cluster); this gives them the types' shard and
     * replica settings, and no mappings.
     */
    ObjectNode internalTemplate() {
        ObjectNode template = versioned();
        template.putArray("index_patterns").add("agent7-*");
        template.put("priority", INTERNAL_PRIORITY);
        ((ObjectNode) template.get("_meta")).put("description", "The services' own indices");
        shardsAndReplicas(template);
        return template;
    }

    /**
     * The dynamic settings of a type's index, as Elasticsearch names them flat: what an index
     * created by an older release is given when they change.
     */
    public Map<String, String> indexSettings(DataType type) {
        Map<String, String> flat = new LinkedHashMap<>(settings.replicaSettings());
        flat.put("index.refresh_interval", isServerType(type) ? SERVER_REFRESH_INTERVAL : settings.refreshInterval());
        return flat;
    }

    /** The same for the services' own indices, which keep Elasticsearch's refresh. */
    public Map<String, String> internalIndexSettings() {
        return settings.replicaSettings();
    }

    /** The template's {@code settings.index}, holding the types' shard and replica settings. */
    private ObjectNode shardsAndReplicas(ObjectNode template) {
        ObjectNode index = template.putObject("template").putObject("settings").putObject("index");
        index.put("number_of_shards", settings.shards());
        settings.replicaSettings().forEach((name, value) -> index.put(name.substring("index.".length()), value));
        return index;
    }

    ObjectNode indexTemplate(DataType type) {
        ObjectNode template = versioned();
        // A series' samples go to daily indices that join the type's alias as they are created.
        template.putArray("index_patterns").add(type.series() ? type.dailyIndexPattern() : type.index());
        template.putArray("composed_of").add(COMMON_COMPONENT).add(SETTINGS_COMPONENT);
        template.put("priority", PRIORITY);
        ((ObjectNode) template.get("_meta")).put("type", type.name()).put("description", type.description());
        ObjectNode body = template.putObject("template");
        if (isServerType(type)) {
            body.putObject("settings").putObject("index").put("refresh_interval", SERVER_REFRESH_INTERVAL);
        }
        body.set("mappings", mappings(type.fields().values()));
        if (type.series()) {
            body.putObject("aliases").putObject(type.index());
        }
        return template;
    }

    private boolean isServerType(DataType type) {
        return schema.serverTypes().contains(type);
    }

    /** The full mapping an index of {@code type} gets: common fields and the type's own. */
    public ObjectNode mappingOf(DataType type) {
        return mappings(type.allFields().values());
    }

    private static ObjectNode versioned() {
        ObjectNode node = NODES.objectNode();
        node.put("version", Schema.VERSION);
        node.putObject("_meta").put("version", Schema.VERSION).put("managed_by", "agent7");
        return node;
    }

    private static ObjectNode mappings(Collection<Field> fields) {
        ObjectNode mappings = NODES.objectNode();
        mappings.put("dynamic", "strict");
        ObjectNode properties = mappings.putObject("properties");
        for (Field field : fields) {
            place(properties, field.name(), mapping(field));
        }
        return mappings;
    }

    private static void place(ObjectNode properties, String dottedName, ObjectNode mapping) {
        String[] parts = dottedName.split("\\.");
        ObjectNode level = properties;
        for (int i = 0; i < parts.length - 1; i++) {
            ObjectNode object = level.has(parts[i]) ? (ObjectNode) level.get(parts[i]) : level.putObject(parts[i]);
            level = object.has("properties") ? (ObjectNode) object.get("properties") : object.putObject("properties");
        }
        String last = parts[parts.length - 1];
        JsonNode existing = level.get(last);
        if (existing != null && existing.has("properties")) {
            mapping.set("properties", existing.get("properties"));
        }
        level.set(last, mapping);
    }

    private static ObjectNode mapping(Field field) {
        ObjectNode mapping = NODES.objectNode();
        mapping.put("type", field.type().mappingName());
        if (field.type() == FieldType.ALIAS) {
            mapping.put("path", field.aliasOf());
        }
        if (field.ignoreAbove() != null) {
            mapping.put("ignore_above", field.ignoreAbove());
        }
        if (field.textField()) {
            mapping.putObject("fields").putObject("text").put("type", "text");
        }
        return mapping;
    }
}
