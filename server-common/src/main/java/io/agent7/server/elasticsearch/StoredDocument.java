package io.agent7.server.elasticsearch;

import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Values;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A document of one of the server's own types (an account, an enrollment, an audit record),
 * as nested maps the client writes as JSON. Fields are named as the schema names them,
 * dotted, and must be fields of the type: a misspelt name fails where it is written, not as
 * a strict mapping's refusal at run time, or never where the mapping is dynamic.
 */
public final class StoredDocument {

    private final DataType type;
    private final Map<String, Object> root = new LinkedHashMap<>();

    private StoredDocument(DataType type) {
        this.type = type;
    }

    /** A whole document: its type ({@code agent7.type}) and when it was made ({@code @timestamp}) set. */
    public static StoredDocument of(DataType type, Instant timestamp) {
        return new StoredDocument(type)
                .put(CommonFields.TYPE, type.name())
                .put(CommonFields.TIMESTAMP, Values.formatDate(timestamp));
    }

    /** The fields of a partial update, nothing else. */
    public static StoredDocument partial(DataType type) {
        return new StoredDocument(type);
    }

    /**
     * Sets a field by its dotted name; an {@link Instant} is written as the schema writes
     * dates. A field the type does not have is refused.
     */
    @SuppressWarnings("unchecked")
    public StoredDocument put(String field, Object value) {
        if (type.field(field) == null) {
            throw new IllegalArgumentException("'" + field + "' is not a field of type '" + type.name() + "'");
        }
        String[] path = field.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < path.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
        }
        node.put(path[path.length - 1], value instanceof Instant at ? Values.formatDate(at) : value);
        return this;
    }

    /** The document, nested; the caller must not change it. */
    public Map<String, Object> map() {
        return root;
    }
}
