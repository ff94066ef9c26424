package io.agent7.schema;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every data type Agent7 knows, by name and by alias. The single source of truth that the
 * agent, the ingest API, the query compiler and the index templates all read.
 */
public final class Schema {

    /** Bumped on any change to fields, identity or templates; stored in templates' {@code _meta.version}. */
    public static final int VERSION = 1;

    private static final Schema STANDARD = new Schema(List.of(HostTypes.PROCESS),
            List.of(ServerTypes.ENROLLMENT, ServerTypes.SITE_KEY));

    private final Map<String, DataType> byName = new LinkedHashMap<>();
    private final Map<String, DataType> byAlias = new LinkedHashMap<>();
    private final Map<String, DocumentNormalizer> normalizers = new LinkedHashMap<>();
    private final List<DataType> serverTypes;

    Schema(List<DataType> types, List<DataType> serverTypes) {
        this.serverTypes = List.copyOf(serverTypes);
        for (DataType type : types) {
            if (byName.putIfAbsent(type.name(), type) != null) {
                throw new IllegalArgumentException("Data type '" + type.name() + "' is declared twice");
            }
            normalizers.put(type.name(), new DocumentNormalizer(type));
        }
        for (DataType type : types) {
            for (String alias : type.aliases()) {
                String key = alias.toLowerCase(Locale.ROOT);
                if (byName.containsKey(key) || byAlias.putIfAbsent(key, type) != null) {
                    throw new IllegalArgumentException("Type alias '" + alias + "' is ambiguous");
                }
            }
        }
    }

    public static Schema standard() {
        return STANDARD;
    }

    /** The data types agents collect: what analysts query. */
    public Collection<DataType> types() {
        return byName.values();
    }

    /** The server's own indices (enrollments, site keys, ...): never written by agents. */
    public List<DataType> serverTypes() {
        return serverTypes;
    }

    /** The type by its name or one of its aliases, case-insensitively. */
    public Optional<DataType> find(String nameOrAlias) {
        String key = nameOrAlias.toLowerCase(Locale.ROOT);
        DataType type = byName.get(key);
        return Optional.ofNullable(type != null ? type : byAlias.get(key));
    }

    /** The normaliser of a type of this schema; built once, safe to share between threads. */
    public DocumentNormalizer normalizer(DataType type) {
        DocumentNormalizer normalizer = normalizers.get(type.name());
        if (normalizer == null || normalizer.type() != type) {
            throw new IllegalArgumentException("Type '" + type.name() + "' is not part of this schema");
        }
        return normalizer;
    }

    /** Like {@link #find} but fails with a message listing the known types. */
    public DataType require(String nameOrAlias) {
        return find(nameOrAlias).orElseThrow(() -> new UnknownTypeException(nameOrAlias, byName.keySet()));
    }
}
