package io.agent7.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class ValuesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What a date normalises to by the book: parsed as an ISO offset date-time, formatted in the stored form. */
    private static String reference(String text) {
        return Values.formatDate(OffsetDateTime.parse(text).toInstant());
    }

    @Test
    void canonicalDatesTakeTheShortcutAndMatchTheParser() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long millis = random.nextLong(
                    Instant.parse("0000-01-01T00:00:00Z").toEpochMilli(),
                    Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli());
            String text = Values.formatDate(Instant.ofEpochMilli(millis));
            assertTrue(Values.isCanonicalDate(text), text);
            assertEquals(reference(text), Values.canonicalDate(NODES.stringNode(text), "t"), text);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-02-29T12:00:00.000Z",
                "2000-02-29T00:00:00.000Z",
                "2026-12-31T23:59:59.999Z",
                "0000-01-01T00:00:00.000Z",
                "2026-04-30T00:00:00.000Z"
            })
    void edgesOfTheCalendarAreCanonical(String text) {
        assertTrue(Values.isCanonicalDate(text));
        assertEquals(reference(text), Values.canonicalDate(NODES.stringNode(text), "t"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2023-02-29T12:00:00.000Z",
                "1900-02-29T12:00:00.000Z",
                "2026-04-31T00:00:00.000Z",
                "2026-13-01T00:00:00.000Z",
                "2026-00-10T00:00:00.000Z",
                "2026-01-00T00:00:00.000Z",
                "2026-01-01T24:00:00.000Z",
                "2026-01-01T23:60:00.000Z",
                "2026-01-01T23:59:60.000Z",
                "2026-01-01 23:59:59.000Z",
                "2026-01-01T23:59:59.000z",
                "2026-01-01T23:59:59,000Z",
                "２026-01-01T23:59:59.000Z",
                "2026-1-01T23:59:59.000Z"
            })
    void invalidOrOtherFormsAreNotCanonicalAndTheParserDecides(String text) {
        assertFalse(Values.isCanonicalDate(text));
        JsonNode node = NODES.stringNode(text);
        String expected;
        try {
            expected = reference(text);
        } catch (DateTimeParseException e) {
            assertThrows(InvalidDocumentException.class, () -> Values.canonicalDate(node, "t"));
            return;
        }
        assertEquals(expected, Values.canonicalDate(node, "t"));
    }

    @Test
    void otherDateFormsAreStillNormalised() {
        assertEquals(
                "2026-01-01T22:59:59.120Z",
                Values.canonicalDate(NODES.stringNode("2026-01-01T23:59:59.12+01:00"), "t"));
        assertEquals("2026-01-01T23:59:59.000Z", Values.canonicalDate(NODES.stringNode("2026-01-01T23:59:59Z"), "t"));
        assertEquals("1970-01-01T00:00:01.000Z", Values.canonicalDate(NODES.numberNode(1000L), "t"));
    }

    @Test
    void wholeNumbersAreRangeCheckedPerType() {
        Field integer = new Field("n", FieldType.INTEGER, "n", null, false, false, null);
        Field shortField = new Field("n", FieldType.SHORT, "n", null, false, false, null);
        Field longField = new Field("n", FieldType.LONG, "n", null, false, false, null);
        assertEquals(
                2147483647L,
                Values.normalize(integer, NODES.numberNode(2147483647L)).asLong());
        assertThrows(InvalidDocumentException.class, () -> Values.normalize(integer, NODES.numberNode(2147483648L)));
        assertThrows(InvalidDocumentException.class, () -> Values.normalize(shortField, NODES.numberNode(-32769)));
        assertEquals(
                Long.MIN_VALUE,
                Values.normalize(longField, NODES.numberNode(Long.MIN_VALUE)).asLong());
        assertThrows(
                InvalidDocumentException.class,
                () -> Values.normalize(longField, NODES.numberNode(new java.math.BigInteger("9223372036854775808"))));
        assertEquals(7L, Values.normalize(longField, NODES.numberNode(7.0)).asLong());
        assertThrows(InvalidDocumentException.class, () -> Values.normalize(longField, NODES.numberNode(7.5)));
    }
}
