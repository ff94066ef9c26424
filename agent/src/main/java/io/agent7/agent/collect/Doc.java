package io.agent7.agent.collect;

import io.agent7.schema.Documents;
import io.agent7.schema.Values;
import java.time.Instant;
import java.util.Collection;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds one document in nested form. Every setter ignores an unknown (null or blank)
 * value, so a collector writes what it found and never a placeholder. The Linux and the
 * Windows collectors build their documents with it.
 */
public final class Doc {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode node;

    public Doc() {
        this(Documents.object());
    }

    private Doc(ObjectNode node) {
        this.node = node;
    }

    /** Goes on writing into a document built before (what a later step learned about its item). */
    public static Doc onto(ObjectNode document) {
        return new Doc(document);
    }

    public Doc text(String path, String value) {
        if (value != null && !value.isBlank()) {
            Documents.set(node, path, NODES.stringNode(value));
        }
        return this;
    }

    public Doc number(String path, long value) {
        Documents.set(node, path, NODES.numberNode(value));
        return this;
    }

    public Doc number(String path, Long value) {
        return value == null ? this : number(path, value.longValue());
    }

    /** A ratio or average, rounded to four decimals: the precision the numbers carry. */
    public Doc decimal(String path, double value) {
        if (!Double.isNaN(value) && !Double.isInfinite(value)) {
            Documents.set(node, path, NODES.numberNode(Math.round(value * 10_000d) / 10_000d));
        }
        return this;
    }

    public Doc bool(String path, Boolean value) {
        if (value != null) {
            Documents.set(node, path, NODES.booleanNode(value));
        }
        return this;
    }

    public Doc date(String path, Instant value) {
        if (value != null) {
            Documents.set(node, path, NODES.stringNode(Values.formatDate(value)));
        }
        return this;
    }

    public Doc texts(String path, Collection<String> values) {
        if (values != null && !values.isEmpty()) {
            ArrayNode array = NODES.arrayNode(values.size());
            for (String value : values) {
                array.add(value);
            }
            Documents.set(node, path, array);
        }
        return this;
    }

    /** {@code process.command_line}, {@code executable}, {@code args} and {@code args_count}. */
    public Doc command(Command command) {
        if (command == null) {
            return this;
        }
        text("process.command_line", command.text());
        text("process.executable", command.executable());
        if (!command.args().isEmpty()) {
            texts("process.args", command.args());
            number("process.args_count", command.args().size());
        }
        return this;
    }

    /** {@code user.name}, {@code user.id} and {@code user.domain}, each when known. */
    public Doc account(String name, String id, String domain) {
        return text("user.name", name).text("user.id", id).text("user.domain", domain);
    }

    public ObjectNode build() {
        return node;
    }
}
