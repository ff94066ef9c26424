package io.agent7.search.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.query.request.FieldSelection;
import io.agent7.schema.DataType;
import io.agent7.schema.FieldType;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CSV of hostile values: what a host's owner can put in a process name or a command line. */
class CsvWriterTest {

    record Case(String what, Object value, String cell) {
        @Override
        public String toString() {
            return what;
        }
    }

    static List<Case> cells() {
        List<Object> withNull = new ArrayList<>(Arrays.asList("a", null, "b"));
        Map<String, Object> ace = new LinkedHashMap<>();
        ace.put("sid", "S-1-5-32-544");
        ace.put("rights", List.of("read", "write"));
        return List.of(
                new Case("plain text as it is", "java", "java"),
                new Case("a comma quotes the cell", "a,b", "\"a,b\""),
                new Case("a double quote is doubled inside quotes", "say \"hi\"", "\"say \"\"hi\"\"\""),
                new Case("LF quotes the cell", "line1\nline2", "\"line1\nline2\""),
                new Case("CR LF quotes the cell", "line1\r\nline2", "\"line1\r\nline2\""),
                new Case("a lone CR quotes the cell", "a\rb", "\"a\rb\""),
                new Case("a Windows path is left alone", "C:\\Program Files\\x.exe", "C:\\Program Files\\x.exe"),
                new Case("= is not run as a formula", "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
                new Case("+ is not run as a formula", "+1+1", "'+1+1"),
                new Case("- in text is not run as a formula", "-2+3", "'-2+3"),
                new Case("@ is not run as a formula", "@SUM(1+1)", "'@SUM(1+1)"),
                new Case("a leading TAB is guarded", "\t=1", "'\t=1"),
                new Case("a leading CR is guarded and quoted", "\r=1", "\"'\r=1\""),
                new Case("a full-width = is guarded", "\uFF1D1+1", "'\uFF1D1+1"),
                new Case("a leading ' is guarded, so that one ' always comes off", "'quoted", "''quoted"),
                new Case(
                        "a formula with a comma is guarded and quoted",
                        "=HYPERLINK(\"x\",\"y\")",
                        "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""),
                new Case("= inside is harmless", "a=b", "a=b"),
                new Case("a negative number stays a number", -5L, "-5"),
                new Case("a double as Java writes it", 2.5, "2.5"),
                new Case("a boolean", true, "true"),
                new Case("unicode as it is", "Müller 東京 🚀", "Müller 東京 🚀"),
                new Case("null is an empty cell", null, ""),
                new Case("an empty array is an empty cell", List.of(), ""),
                new Case("several values one per line", List.of("-k", "netsvcs"), "\"'-k\nnetsvcs\""),
                new Case("several numbers are text, one per line", List.of(1, 2), "\"1\n2\""),
                new Case("nulls among values are left out", withNull, "\"a\nb\""),
                new Case("an object is JSON", Map.of("env", "prod"), "\"{\"\"env\"\":\"\"prod\"\"}\""),
                new Case(
                        "objects of an array are JSON, one per line",
                        List.of(ace, Map.of("sid", "S-1-1-0")),
                        "\"{\"\"sid\"\":\"\"S-1-5-32-544\"\",\"\"rights\"\":[\"\"read\"\",\"\"write\"\"]}\n"
                                + "{\"\"sid\"\":\"\"S-1-1-0\"\"}\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void aValueBecomesOneSafeCell(Case c) throws IOException {
        Map<String, Object> source = new HashMap<>();
        source.put("v", c.value());
        StringWriter out = new StringWriter();

        new CsvWriter(out, List.of("v")).row(new SearchBackend.Hit("id", source));

        assertThat(out.toString()).isEqualTo("id," + c.cell() + "\r\n");
    }

    @Test
    void theHeaderNamesIdAndTheColumnsAsTheyAre() throws IOException {
        StringWriter out = new StringWriter();

        new CsvWriter(out, List.of("@timestamp", "process.name")).header();

        assertThat(out.toString())
                .as("field names are the project's own: never guarded")
                .isEqualTo("_id,@timestamp,process.name\r\n");
    }

    @Test
    void aColumnFindsItsValuesHoweverTheSourceSpellsThePath() throws IOException {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("process", Map.of("name", "sshd", "args", List.of("-D", "-e")));
        source.put("host.name", "h1");
        source.put("user", Map.of("groups", List.of(Map.of("name", "wheel"), Map.of("name", "adm"), Map.of())));
        StringWriter out = new StringWriter();

        new CsvWriter(out, List.of("process.name", "process.args", "host.name", "user.groups.name", "missing.field"))
                .row(new SearchBackend.Hit("=id", source));

        assertThat(out.toString()).isEqualTo("'=id,sshd,\"'-D\n-e\",h1,\"wheel\nadm\",\r\n");
    }

    @Test
    void everyRowHasAsManyCellsAsTheHeaderWhateverTheValues() throws IOException {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("a", "x,\"y\"\r\nz");
        source.put("b", List.of("1,2", "=3"));
        StringWriter out = new StringWriter();
        CsvWriter csv = new CsvWriter(out, List.of("a", "b", "c"));

        csv.header();
        csv.row(new SearchBackend.Hit("id", source));

        assertThat(rfc4180(out.toString()))
                .as("only a cell's first character can make it a formula")
                .containsExactly(List.of("_id", "a", "b", "c"), List.of("id", "x,\"y\"\r\nz", "1,2\n=3", ""));
    }

    static final DataType SHARE = DataType.builder("share")
            .description("A share, for this test.")
            .keyword("share.name", "Its name.")
            .field("share.size", FieldType.LONG, "Its size.")
            .field("share.owner", FieldType.OBJECT, "Who owns it.")
            .keyword("share.owner.name", "The owner's name.")
            .nested("share.aces", "Its ACEs.")
            .keyword("share.aces.sid", "A trustee.")
            .fieldAlias("name", "share.name")
            .identity("share.name")
            .build();

    @Test
    void withoutFieldsTheColumnsAreTheFieldsThatHaveValuesInSchemaOrder() {
        List<String> columns = CsvColumns.of(
                SHARE,
                FieldSelection.ALL,
                () -> Set.of("share.aces", "share.aces.sid", "share.owner.name", "share.name", "host.id", "_id"));

        assertThat(columns)
                .as("common fields first; nested as one column; no alias, no object of fields")
                .containsExactly("host.id", "share.name", "share.owner.name", "share.aces");
    }

    @Test
    void namedFieldsAreTheColumnsInTheirOrderObjectsStandingForTheirFields() {
        List<String> columns = CsvColumns.of(
                SHARE,
                new FieldSelection(List.of("share.size", "share.owner", "share.aces.sid", "host"), List.of("host.id")),
                () -> {
                    throw new AssertionError("named fields are columns whether or not they have values");
                });

        assertThat(columns).containsExactly("share.size", "share.owner.name", "share.aces.sid", "host.name");
    }

    /** A strict RFC 4180 reader, written apart from the writer to read its output back. */
    static List<List<String>> rfc4180(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                i++;
                while (true) {
                    char q = text.charAt(i++);
                    if (q == '"' && i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else if (q == '"') {
                        break;
                    } else {
                        field.append(q);
                    }
                }
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (text.startsWith("\r\n", i)) {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else {
                assertThat(c)
                        .as("a raw CR, LF or quote outside quotes at %d", i)
                        .isNotIn('\r', '\n', '"');
                field.append(c);
                i++;
            }
        }
        assertThat(record).as("the last record ends in CRLF").isEmpty();
        return records;
    }
}
