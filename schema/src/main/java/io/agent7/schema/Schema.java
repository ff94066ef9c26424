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

    /**
     * Bumped on any change to fields, identity or templates; stored in templates' {@code _meta.version}.
     * 4: the join keys, {@code agent7.join.*}. 5: {@code event.ingested}; the detection
     * indices (alerts, rules, rule runs, rule state). 6: the directory types are keyed by their domain
     * ({@link DataType#domainKey}), with the fields their collectors fill. 7: the audit log is a hash chain
     * ({@code audit.seq}, {@code audit.prev_hash}, {@code audit.hash}); response commands and their
     * output ({@code command}, {@code command_output}). 8: commands awaiting a second responder's
     * approval ({@code command.approved_by}, {@code command.approved_at}), their reason and the
     * query their hosts came from. 9: cancelling a command its host took
     * ({@code command.cancel_requested_by}, {@code command.cancel_requested_at}). 10: a series
     * ({@code system_metric}) is written to daily indices behind an alias of the type's index name,
     * which retention deletes a day at a time. 11: a Windows process's integrity level
     * ({@code process.integrity_level}); a scheduled task's COM handler
     * ({@code scheduled_task.com_handler.class_id}, {@code .registered_in}).
     */
    public static final int VERSION = 11;

    private static final Schema STANDARD =
            new Schema(concat(HostTypes.ALL, DirectoryTypes.ALL), ServerTypes.ALL, Relations.ALL);

    private final Map<String, DataType> byName = new LinkedHashMap<>();
    private final Map<String, DataType> byAlias = new LinkedHashMap<>();
    private final Map<String, DocumentNormalizer> normalizers = new LinkedHashMap<>();
    private final Map<String, List<JoinKey>> joinKeys;
    private final List<DataType> serverTypes;
    private final List<Relation> relations;

    /**
     * @param types the agents' types as declared; each gets a field per join key its
     *              relations give it (see {@link JoinKey})
     */
    Schema(List<DataType> types, List<DataType> serverTypes, List<Relation> relations) {
        this.serverTypes = List.copyOf(serverTypes);
        this.relations = List.copyOf(relations);
        Map<String, DataType> declared = new LinkedHashMap<>();
        for (DataType type : types) {
            if (declared.putIfAbsent(type.name(), type) != null) {
                throw new IllegalArgumentException("Data type '" + type.name() + "' is declared twice");
            }
        }
        checkRelations(declared);
        this.joinKeys = JoinKeys.derive(declared, this.relations);
        for (DataType type : declared.values()) {
            List<JoinKey> keys = keysOf(type);
            DataType keyed = keys.isEmpty()
                    ? type
                    : type.withFields(keys.stream()
                            .map(k -> JoinKeys.field(k, type.name(), this.relations))
                            .toList());
            byName.put(type.name(), keyed);
            normalizers.put(type.name(), new DocumentNormalizer(keyed, keys));
        }
        for (DataType type : byName.values()) {
            for (String alias : type.aliases()) {
                String key = alias.toLowerCase(Locale.ROOT);
                if (byName.containsKey(key) || byAlias.putIfAbsent(key, type) != null) {
                    throw new IllegalArgumentException("Type alias '" + alias + "' is ambiguous");
                }
            }
        }
        for (DataType type : serverTypes) {
            normalizers.put(type.name(), new DocumentNormalizer(type, List.of()));
        }
    }

    private void checkRelations(Map<String, DataType> types) {
        for (Relation relation : relations) {
            DataType left = types.get(relation.left());
            DataType right = types.get(relation.right());
            if (left == null || right == null) {
                throw new IllegalArgumentException("Relation '" + relation.name() + "' names an unknown type");
            }
            for (Relation.On on : relation.on()) {
                if (left.field(on.leftField()) == null || right.field(on.rightField()) == null) {
                    throw new IllegalArgumentException("Relation '" + relation.name() + "' joins on unknown field "
                            + on.leftField() + " or " + on.rightField());
                }
            }
        }
    }

    private List<JoinKey> keysOf(DataType type) {
        return joinKeys.getOrDefault(type.name(), List.of());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Every relation between data types. */
    public List<Relation> relations() {
        return relations;
    }

    /** The relations between two types, oriented from {@code from} to {@code to}. */
    public List<Relation> relationsBetween(DataType from, DataType to) {
        List<Relation> found = new java.util.ArrayList<>();
        for (Relation r : relations) {
            if (r.left().equals(from.name()) && r.right().equals(to.name())) {
                found.add(r);
            } else if (r.right().equals(from.name()) && r.left().equals(to.name())) {
                found.add(r.reversed());
            }
        }
        return found;
    }

    /**
     * The join keys documents of {@code type} carry, each in the field {@link JoinKey#field()}:
     * one per key its relations name (see {@link Relation#keyField()}); none for most types.
     */
    public List<JoinKey> joinKeys(DataType type) {
        return keysOf(type);
    }

    public static Schema standard() {
        return STANDARD;
    }

    /** The data types agents collect: what analysts query. */
    public Collection<DataType> types() {
        return byName.values();
    }

    /**
     * The data types agents collect and send in batches: every type but {@code host}, whose
     * document the ingest API keeps from check-ins. The names a policy may schedule.
     */
    public List<DataType> collectedTypes() {
        return byName.values().stream()
                .filter(t -> !t.name().equals(HostTypes.HOST.name()))
                .toList();
    }

    /** The server's own indices (enrollments, site keys, ...): never written by agents. */
    public List<DataType> serverTypes() {
        return serverTypes;
    }

    /** One of the server's own types by its name; fails naming them when there is none. */
    public DataType serverType(String name) {
        return serverTypes.stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new UnknownTypeException(
                        name, serverTypes.stream().map(DataType::name).toList()));
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
