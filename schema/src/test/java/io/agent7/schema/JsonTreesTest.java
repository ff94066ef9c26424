package io.agent7.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@link JsonTrees} against the default {@code JsonMapper} it stands in for: same trees, same bytes. */
class JsonTreesTest {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "[]",
                "{\"a\":{}}",
                "[[],[[]],{}]",
                "\"\"",
                "0",
                "-0",
                "true",
                "false",
                "null",
                "{\"int\":2147483647,\"long\":2147483648,\"negLong\":-9223372036854775808,\"big\":92233720368547758070,"
                        + "\"negBig\":-92233720368547758090}",
                "{\"d\":2.5,\"e\":1e10,\"f\":-1.5E-7,\"g\":0.1,\"h\":123456789.123456789,\"i\":1e308,\"j\":-0.0,\"k\":1.0}",
                "{\"s\":\"tab\\t nl\\n quote\\\" backslash\\\\ slash\\/ ctrl\\u0001 nul\\u0000 del\\u007f\"}",
                "{\"u\":\"C:\\\\Users\\\\Public\\\\évil ✓ 日本 \\ud83d\\ude00\"}",
                "{\"process.name\":\"sshd\",\"process\":{\"pid\":1,\"args\":[\"-D\",\"\",null]},\"host.id\":\"x\"}",
                "{\"a\":1,\"a\":2,\"b\":[1,2],\"b\":{\"c\":null}}",
                "[1,2.0,\"3\",[4],{\"5\":5},null,true]",
                " \n {\"spaced\" : [ 1 , 2 ] } \n ",
            })
    void readsTheTreeAMapperReadsAndWritesTheBytesItWrites(String json) throws Exception {
        JsonNode expected = MAPPER.readTree(json);

        JsonNode tree = JsonTrees.read(json);

        assertThat(tree).isEqualTo(expected); // node classes too: IntNode is not LongNode
        assertThat(tree.getClass()).isEqualTo(expected.getClass());
        assertThat(JsonTrees.string(tree)).isEqualTo(MAPPER.writeValueAsString(expected));
        assertThat(JsonTrees.bytes(tree)).isEqualTo(MAPPER.writeValueAsBytes(expected));
        assertThat(JsonTrees.prettyBytes(tree))
                .isEqualTo(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(expected));
    }

    @Test
    void writesNodesThatParsingNeverMakesAsAMapperDoes() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode node = nodes.objectNode();
        node.put("short", (short) -12);
        node.put("float", 1.25f);
        node.put("decimal", new BigDecimal("1.50E+3"));
        node.put("bigint", new BigInteger("123456789012345678901234567890"));
        node.put("binary", new byte[] {0, 1, 2, (byte) 0xff});
        node.putNull("nothing");
        node.putArray("empty");

        assertThat(JsonTrees.string(node)).isEqualTo(MAPPER.writeValueAsString(node));
    }

    @Test
    void readsTheIntegerWidthsAsAMapperDoes() {
        JsonNode tree = JsonTrees.read("[1,4294967296,18446744073709551616]");

        assertThat(tree.get(0).isInt()).isTrue();
        assertThat(tree.get(1).isLong()).isTrue();
        assertThat(tree.get(2).isBigInteger()).isTrue();
    }

    @Test
    void refusesWhatIsNotOneJsonDocument() {
        for (String bad :
                List.of("", "  ", "{\"a\":1} {\"b\":2}", "{\"a\":1", "[1,2", "{\"a\"}", "{a:1}", "[1,]", "tru")) {
            assertThatThrownBy(() -> JsonTrees.read(bad)).as(bad).isInstanceOf(JacksonException.class);
        }
    }

    @Test
    void refusesPojoNodesAndMissingNodes() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.putPOJO("pojo", new Object());

        assertThatThrownBy(() -> JsonTrees.bytes(node))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("POJO");
        assertThatThrownBy(() -> JsonTrees.bytes(node.path("absent"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsOneValueOfAStreamAndLeavesTheParserOnItsLastToken() {
        byte[] json = "{\"items\":[{\"id\":\"a\",\"n\":[1,{}]},{\"id\":\"b\"}],\"after\":true}"
                .getBytes(StandardCharsets.UTF_8);
        try (JsonParser parser = JsonTrees.parser(new ByteArrayInputStream(json))) {
            parser.nextToken(); // {
            parser.nextToken(); // items
            parser.nextToken(); // [
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(JsonTrees.readValue(parser)).isEqualTo(MAPPER.readTree("{\"id\":\"a\",\"n\":[1,{}]}"));
            assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(JsonTrees.readValue(parser).path("id").asString()).isEqualTo("b");
            assertThat(parser.nextToken()).isEqualTo(JsonToken.END_ARRAY);
            assertThat(parser.nextToken()).isEqualTo(JsonToken.PROPERTY_NAME);
            assertThat(parser.currentName()).isEqualTo("after");
        }
    }
}
