package io.agent7.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fields on every document of every data type: who it came from, what it is, and its
 * state. They live in one component template, {@code agent7-common}.
 *
 * <p>The state model: {@code @timestamp} is when the item was first seen,
 * {@code agent7.last_seen} when a collection last reported it, {@code agent7.present}
 * whether the latest collection still had it, and {@code agent7.removed_at} when it
 * disappeared. "What is on the host now" is {@code agent7.present:true}; "what appeared in
 * the last week" is a range on {@code @timestamp}.
 */
public final class CommonFields {

    public static final String TIMESTAMP = "@timestamp";
    public static final String TYPE = "agent7.type";
    public static final String LAST_SEEN = "agent7.last_seen";
    public static final String PRESENT = "agent7.present";
    public static final String REMOVED_AT = "agent7.removed_at";
    public static final String HOST_ID = "host.id";
    public static final String HOST_NAME = "host.name";
    public static final String AGENT_ID = "agent.id";
    public static final String LABELS = "labels";
    /**
     * When the server first wrote the document, by its own clock: unlike {@code @timestamp}
     * (the agent's collection time), it grows with what becomes searchable, so a detection
     * window over it never misses an item that arrived late from a host that was offline.
     */
    public static final String INGESTED = "event.ingested";
    /**
     * Where a type's join keys are, {@code agent7.join.<key>}: fields of the types a keyed
     * {@link Relation} joins, not common ones, set by the server like these (see {@link JoinKey}).
     */
    public static final String JOIN_KEYS = "agent7.join";

    /** Set by the server from the agent's credentials, never trusted from the agent. */
    public static final List<String> SERVER_OWNED =
            List.of(TIMESTAMP, INGESTED, TYPE, LAST_SEEN, PRESENT, REMOVED_AT, HOST_ID, HOST_NAME, AGENT_ID);

    public static final Map<String, Field> ALL;

    static {
        Map<String, Field> all = new LinkedHashMap<>();
        for (Field f : List.of(
                new Field(TIMESTAMP, FieldType.DATE, "When the item was first seen.", null, false, false, null),
                keyword(TYPE, "The Agent7 data type of the document."),
                new Field(
                        LAST_SEEN,
                        FieldType.DATE,
                        "When a collection last reported the item.",
                        null,
                        false,
                        false,
                        null),
                new Field(
                        PRESENT,
                        FieldType.BOOLEAN,
                        "Whether the latest collection still had the item.",
                        null,
                        false,
                        false,
                        null),
                new Field(
                        REMOVED_AT,
                        FieldType.DATE,
                        "When the item was found gone; null while present.",
                        null,
                        false,
                        false,
                        null),
                new Field(
                        INGESTED,
                        FieldType.DATE,
                        "When the server first wrote the item, by its clock.",
                        null,
                        false,
                        false,
                        null),
                keyword(HOST_ID, "Agent7's identifier of the host the item was collected on."),
                caseless(HOST_NAME, "Name of the host, as the host reports it."),
                keyword(AGENT_ID, "Identifier of the agent enrollment that sent the item."),
                new Field(
                        LABELS,
                        FieldType.FLATTENED,
                        "Free-form key/value labels; their keys never grow the mapping.",
                        null,
                        false,
                        false,
                        null))) {
            all.put(f.name(), f);
        }
        ALL = Collections.unmodifiableMap(all);
    }

    private static Field keyword(String name, String description) {
        return new Field(name, FieldType.KEYWORD, description, Field.DEFAULT_IGNORE_ABOVE, false, false, null);
    }

    private static Field caseless(String name, String description) {
        return new Field(name, FieldType.KEYWORD, description, Field.DEFAULT_IGNORE_ABOVE, false, true, null);
    }

    private CommonFields() {}
}
