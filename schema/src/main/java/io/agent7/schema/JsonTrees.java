package io.agent7.schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes JSON trees with Jackson's streaming parser and generator alone, giving the
 * same trees and the same bytes as a default {@code JsonMapper}. A mapper's first use loads
 * about a thousand classes (its serializers and deserializers for every JDK type, java.time
 * among them, and the reflection behind them) that a program handling only trees never uses;
 * in the agent they cost several megabytes of resident memory. Trees only: a {@code POJONode}
 * is refused.
 */
public final class JsonTrees {

    private static final JsonFactory FACTORY = new JsonFactory();
    /** Writes values one after another with nothing between them, for callers that cut its output per value. */
    private static final JsonFactory UNSEPARATED =
            JsonFactory.builder().rootValueSeparator((String) null).build();

    /** Refuses a repeated name, which a tree resolves by keeping the last value and a stream cannot. */
    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriteContext PRETTY = new ObjectWriteContext.Base() {
        @Override
        public PrettyPrinter getPrettyPrinter() {
            return new DefaultPrettyPrinter(); // stateful (indentation level): one per generator
        }

        @Override
        public boolean hasPrettyPrinter() {
            return true;
        }
    };

    private JsonTrees() {}

    /** The compact JSON of {@code node}. */
    public static byte[] bytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(node, out);
        return out.toByteArray();
    }

    public static String string(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    /** The JSON of {@code node} with two-space indentation, for files people read. */
    public static byte[] prettyBytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(PRETTY, out)) {
            write(generator, node);
        }
        return out.toByteArray();
    }

    public static void write(JsonNode node, OutputStream out) {
        try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            write(generator, node);
        }
    }

    /**
     * A generator writing one value after another to {@code out} with no separator between
     * them, for a caller that writes many documents and takes each one's bytes as it goes.
     */
    public static JsonGenerator unseparatedGenerator(OutputStream out) {
        return UNSEPARATED.createGenerator(ObjectWriteContext.empty(), out);
    }

    /** A generator writing to {@code out}, for callers that stream their own JSON. */
    public static JsonGenerator generator(OutputStream out) {
        return FACTORY.createGenerator(ObjectWriteContext.empty(), out);
    }

    /** A parser reading {@code in}, for callers that stream; {@link #readValue} turns a value of it into a tree. */
    public static JsonParser parser(InputStream in) {
        return FACTORY.createParser(ObjectReadContext.empty(), in);
    }

    public static void write(JsonGenerator generator, JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                generator.writeStartObject();
                for (Map.Entry<String, JsonNode> property : node.properties()) {
                    generator.writeName(property.getKey());
                    write(generator, property.getValue());
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (JsonNode element : node.values()) {
                    write(generator, element);
                }
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(node.stringValue());
            case NUMBER -> writeNumber(generator, node);
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case NULL -> generator.writeNull();
            case BINARY -> generator.writeBinary(node.binaryValue());
            case MISSING -> throw new IllegalArgumentException("a missing node has no JSON");
            case POJO ->
                throw new IllegalArgumentException(
                        "not a JSON tree: a POJO node (" + node.getClass().getName() + ")");
        }
    }

    private static void writeNumber(JsonGenerator generator, JsonNode node) {
        switch (node.numberType()) {
            case INT -> generator.writeNumber(node.isShort() ? node.shortValue() : node.intValue());
            case LONG -> generator.writeNumber(node.longValue());
            case BIG_INTEGER -> generator.writeNumber(node.bigIntegerValue());
            case FLOAT -> generator.writeNumber(node.floatValue());
            case DOUBLE -> generator.writeNumber(node.doubleValue());
            case BIG_DECIMAL -> generator.writeNumber(node.decimalValue());
        }
    }

    /** The tree of one JSON document; trailing content after it is an error, as is an empty input. */
    public static JsonNode read(byte[] json) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            return readDocument(parser);
        }
    }

    /**
     * A parser over {@code json} that refuses a repeated name in an object, for readers that
     * stream what would otherwise be read as a tree ({@link DocumentNormalizer#read}).
     */
    public static JsonParser strictParser(byte[] json) {
        return STRICT.createParser(ObjectReadContext.empty(), json);
    }

    public static JsonNode read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    public static JsonNode read(Path file) throws IOException {
        return read(Files.readAllBytes(file));
    }

    private static JsonNode readDocument(JsonParser parser) {
        if (parser.nextToken() == null) {
            throw new StreamReadException(parser, "no JSON content");
        }
        JsonNode node = readValue(parser);
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw new StreamReadException(parser, "trailing content after the JSON value: " + trailing);
        }
        return node;
    }

    /**
     * The tree of the value at the parser's current token, leaving the parser on the value's
     * last token (as a mapper's {@code readTree(parser)} does).
     */
    public static JsonNode readValue(JsonParser parser) throws JacksonException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new StreamReadException(parser, "no JSON value here");
        }
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> NODES.stringNode(parser.getString());
            case VALUE_NUMBER_INT ->
                switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new StreamReadException(parser, "not the start of a JSON value: " + token);
        };
    }

    private static ObjectNode readObject(JsonParser parser) {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            object.set(name, readValue(parser)); // a repeated name: the last value wins, as with a mapper
        }
        return object;
    }

    private static ArrayNode readArray(JsonParser parser) {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(readValue(parser));
        }
        return array;
    }
}
