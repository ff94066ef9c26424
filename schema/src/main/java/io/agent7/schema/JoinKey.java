package io.agent7.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A join key of one data type: the keyword field {@code agent7.join.<name>}, made of some of
 * the type's fields, that the ingest API writes on each document, so that a join of two
 * types is one {@code terms} query on one field (see {@link Relation#keyField()}).
 * {@link Schema} derives every type's keys from the relations that name one.
 *
 * <p>The value, which every type with the key computes alike:
 * <ol>
 *   <li>each part is the value of its field in the stored document; for {@code host.id}, the
 *       host the server knows the agent by. A whole number is written in decimal;
 *   <li>a part that {@linkplain Part#foldsCase() folds case} is lower-cased with {@link Locale#ROOT};
 *   <li>then, in each part, {@code %} becomes {@code %25} and {@code /} becomes {@code %2F}, so
 *       that two different lists of parts never make the same key;
 *   <li>the parts are joined by {@code /}, e.g. {@code c0a8f460.../administrator}.
 * </ol>
 * A part with several values (a group's members) gives a key per value, and several such
 * parts a key per combination, without repeats: the field is then multi-valued. A part with
 * no value (absent, null, an empty string or array) means no key: the document joins nothing
 * through it.
 *
 * @param name  the key's name, which the relations that join through it share, e.g. {@code host_user}
 * @param parts the type's fields that make the key, in order
 */
public record JoinKey(String name, List<Part> parts) {

    /**
     * One part of a key.
     *
     * @param field     the type's field that holds it
     * @param foldsCase whether it is lower-cased: when any field that makes this part, in any
     *                  type with this key, is case-insensitive. A type's key meets the keys of
     *                  every type it shares the key with, so all must fold a part alike.
     */
    public record Part(String field, boolean foldsCase) {}

    /**
     * More keys than this from one document are refused: a multi-valued part gives as many keys
     * as it has values, but two of them multiply, and one short line could make millions.
     */
    static final int MAX_VALUES = 10_000;

    public JoinKey {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("Join key '" + name + "' has no part");
        }
    }

    /** The field that holds the key: {@code agent7.join.<name>}. */
    public String field() {
        return fieldOf(name);
    }

    static String fieldOf(String keyName) {
        return CommonFields.JOIN_KEYS + "." + keyName;
    }

    /** The key of one value per part, in order, as the values would be stored. */
    public String valueOf(List<String> values) {
        if (values.size() != parts.size()) {
            throw new IllegalArgumentException(
                    "Join key '" + name + "' has " + parts.size() + " parts, got " + values.size() + " values");
        }
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                key.append('/');
            }
            key.append(part(i, values.get(i)));
        }
        return key.toString();
    }

    /**
     * The keys of a document whose parts hold {@code stored}, one node per part (null when it
     * has none), in order; empty when a part has no value.
     *
     * @throws InvalidDocumentException when the parts' values make more than {@link #MAX_VALUES} keys
     */
    List<String> valuesOf(List<JsonNode> stored) {
        List<Set<String>> partValues = new ArrayList<>(parts.size());
        long combinations = 1;
        for (int i = 0; i < parts.size(); i++) {
            Set<String> values = partValues(i, stored.get(i));
            if (values.isEmpty()) {
                return List.of();
            }
            combinations *= values.size();
            if (combinations > MAX_VALUES) {
                throw new InvalidDocumentException(
                        parts.get(i).field(),
                        "with the other parts of " + field() + " its " + values.size() + " values make more than "
                                + MAX_VALUES + " join keys");
            }
            partValues.add(values);
        }
        List<String> keys = List.of("");
        for (int i = 0; i < partValues.size(); i++) {
            List<String> longer =
                    new ArrayList<>(keys.size() * partValues.get(i).size());
            for (String prefix : keys) {
                for (String value : partValues.get(i)) {
                    longer.add(i == 0 ? value : prefix + "/" + value);
                }
            }
            keys = longer;
        }
        // Each part's values are distinct, so their combinations are too: no repeats to remove.
        return keys;
    }

    /** A part's distinct values, folded and escaped, in the order the document has them. */
    private Set<String> partValues(int index, JsonNode node) {
        Set<String> values = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                addValue(values, index, element);
            }
        } else {
            addValue(values, index, node);
        }
        return values;
    }

    private void addValue(Set<String> values, int index, JsonNode node) {
        if (node == null || node.isNull()) {
            return;
        }
        String text = node.isNumber() ? Long.toString(node.longValue()) : node.asString();
        if (!text.isEmpty()) {
            values.add(part(index, text));
        }
    }

    private String part(int index, String value) {
        String folded = parts.get(index).foldsCase() ? value.toLowerCase(Locale.ROOT) : value;
        if (folded.indexOf('%') < 0 && folded.indexOf('/') < 0) {
            return folded;
        }
        return folded.replace("%", "%25").replace("/", "%2F");
    }
}
