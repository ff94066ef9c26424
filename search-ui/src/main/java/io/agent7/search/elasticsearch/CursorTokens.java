package io.agent7.search.elasticsearch;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.agent7.query.QueryException;
import io.agent7.query.Span;
import io.agent7.query.request.QueryOptions;
import io.agent7.search.api.SearchBackend.Total;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code next_cursor} tokens: base64url of a small JSON object, versioned ({@code v}) so
 * that the shape can change, holding where the next page starts and a fingerprint of the
 * query ({@code q}) it belongs to. Clients treat them as opaque; a token that does not read
 * back exactly as written is refused as damaged, one from another query as such.
 *
 * <p>A token also holds the instant the first page was read ({@code t}): later pages read
 * relative times such as "2 hours ago" at that instant, so that every page selects from the
 * same documents.
 */
final class CursorTokens {

    private static final int VERSION = 1;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EXPECTED =
            "the next_cursor of the answer before, as it came, with the same query; or * to start again";

    /**
     * Where the next page of documents starts.
     *
     * @param query the fingerprint of the query and order
     * @param now   when the first page was read
     * @param pit   the point in time pages read from
     * @param after the sort values of the last document sent
     * @param seen  documents sent so far
     * @param total what the first page counted
     */
    record Hits(String query, Instant now, String pit, List<FieldValue> after, long seen, Total total) {}

    /** Where the next page of groups starts: after the composite key {@code after}. */
    record Groups(String query, Instant now, Map<String, FieldValue> after) {}

    private CursorTokens() {}

    static String encode(Hits cursor) {
        ObjectNode node = header("hits", cursor.query(), cursor.now());
        node.put("pit", cursor.pit());
        ArrayNode after = node.putArray("after");
        cursor.after().forEach(v -> after.add(json(v)));
        node.put("seen", cursor.seen());
        node.put("total", cursor.total().value());
        node.put("exact", cursor.total().exact());
        return token(node);
    }

    static String encode(Groups cursor) {
        ObjectNode node = header("groups", cursor.query(), cursor.now());
        ObjectNode after = node.putObject("after");
        cursor.after().forEach((field, v) -> after.set(field, json(v)));
        return token(node);
    }

    static Hits hits(String token) {
        JsonNode node = read(token, "hits");
        List<FieldValue> after = new ArrayList<>();
        for (JsonNode value : required(node, "after", JsonNode::isArray)) {
            after.add(fieldValue(value));
        }
        return new Hits(
                required(node, "q", JsonNode::isString).asString(),
                instant(node),
                required(node, "pit", JsonNode::isString).asString(),
                after,
                required(node, "seen", JsonNode::isIntegralNumber).asLong(),
                new Total(
                        required(node, "total", JsonNode::isIntegralNumber).asLong(),
                        required(node, "exact", JsonNode::isBoolean).asBoolean()));
    }

    static Groups groups(String token) {
        JsonNode node = read(token, "groups");
        Map<String, FieldValue> after = new LinkedHashMap<>();
        for (var field : required(node, "after", JsonNode::isObject).properties()) {
            after.put(field.getKey(), fieldValue(field.getValue()));
        }
        return new Groups(required(node, "q", JsonNode::isString).asString(), instant(node), after);
    }

    /**
     * What identifies a query for its cursors: the index, the compiled query (relative times
     * already read at the cursor's instant) and the order or grouping. 128 bits of SHA-256 tell
     * queries apart; they do not guard anything, as every token comes from a caller that could
     * run the other query itself.
     */
    static String fingerprint(String index, Query query, String shape) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((index + "\n" + query + "\n" + shape).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }

    /** The cursor came from another query, or the query changed under it. */
    static QueryException otherQuery() {
        return new QueryException(
                QueryOptions.CURSOR,
                "This cursor belongs to another query: continue with the same type, filter, state and orderby"
                        + " (or groupby, distinct) as the page it came with",
                Span.NONE,
                EXPECTED,
                List.of());
    }

    /** Elasticsearch no longer has the point in time the cursor reads from. */
    static QueryException expired(Duration keepAlive) {
        return new QueryException(
                QueryOptions.CURSOR,
                "This cursor has expired: a cursor can be used for "
                        + keepAlive.toString().substring(2).toLowerCase(Locale.ROOT)
                        + " after the page it came with (agent7.search.cursor-keep-alive); start again with cursor=*",
                Span.NONE,
                EXPECTED,
                List.of());
    }

    static QueryException damaged(String why) {
        return new QueryException(
                QueryOptions.CURSOR,
                "This cursor is damaged or was not made by this service (" + why + ")",
                Span.NONE,
                EXPECTED,
                List.of());
    }

    private static ObjectNode header(String kind, String query, Instant now) {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", VERSION);
        node.put("k", kind);
        node.put("q", query);
        node.put("t", now.toEpochMilli());
        return node;
    }

    private static String token(ObjectNode node) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(node));
    }

    private static JsonNode read(String token, String kind) {
        JsonNode node;
        try {
            node = JSON.readTree(Base64.getUrlDecoder().decode(token));
        } catch (IllegalArgumentException | JacksonException e) {
            throw damaged("not base64url JSON");
        }
        if (node == null || !node.isObject()) {
            throw damaged("not a JSON object");
        }
        if (!node.path("v").isIntegralNumber() || node.path("v").asInt() != VERSION) {
            throw damaged("unknown version " + node.path("v"));
        }
        if (!kind.equals(node.path("k").asString(""))) {
            throw damaged("a cursor of " + node.path("k").asString("?") + ", not of " + kind);
        }
        return node;
    }

    private static JsonNode required(JsonNode node, String name, Predicate<JsonNode> kind) {
        JsonNode value = node.get(name);
        if (value == null || !kind.test(value)) {
            throw damaged("'" + name + "' is missing or of the wrong kind");
        }
        return value;
    }

    private static Instant instant(JsonNode node) {
        return Instant.ofEpochMilli(
                required(node, "t", JsonNode::isIntegralNumber).asLong());
    }

    private static JsonNode json(FieldValue value) {
        if (value.isNull()) {
            return JSON.getNodeFactory().nullNode();
        }
        if (value.isLong()) {
            return JSON.getNodeFactory().numberNode(value.longValue());
        }
        if (value.isDouble()) {
            return JSON.getNodeFactory().numberNode(value.doubleValue());
        }
        if (value.isBoolean()) {
            return JSON.getNodeFactory().booleanNode(value.booleanValue());
        }
        if (value.isString()) {
            return JSON.getNodeFactory().stringNode(value.stringValue());
        }
        throw new IllegalStateException("A sort or key value of kind " + value._kind() + " cannot be put in a cursor");
    }

    private static FieldValue fieldValue(JsonNode value) {
        if (value.isNull()) {
            return FieldValue.NULL;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return FieldValue.of(value.asLong());
        }
        if (value.isFloatingPointNumber()) {
            return FieldValue.of(value.asDouble());
        }
        if (value.isBoolean()) {
            return FieldValue.of(value.asBoolean());
        }
        if (value.isString()) {
            return FieldValue.of(value.asString());
        }
        throw damaged("a value of kind " + value.getNodeType());
    }
}
