package io.agent7.query.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.query.QueryException;
import io.agent7.query.Span;
import io.agent7.schema.DataType;
import io.agent7.schema.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every option, the values it takes and the errors it gives, against a small type of every kind of field. */
class QueryOptionsTest {

    static final DataType TOOL = DataType.builder("tool")
            .description("A tool, for this test.")
            .keyword("tool.name", "Its name.")
            .field("tool.weight", FieldType.LONG, "Its weight.")
            .field("tool.notes", FieldType.TEXT, "Free text.")
            .field("tool.spot", FieldType.GEO_POINT, "Where it lies.")
            .nested("tool.parts", "Its parts.")
            .keyword("tool.parts.name", "A part's name.")
            .fieldAlias("name", "tool.name")
            .identity("tool.name")
            .build();

    /** 7 and 60: a default and a window that no option's own number is mistaken for. */
    static final Limits LIMITS = new Limits(7, 60);

    /** {@code a=1&b=2} as a request's parameters; no decoding, a name given twice keeps both values. */
    static Map<String, List<String>> parameters(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                parameters
                        .computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>())
                        .add(pair.substring(eq + 1));
            }
        }
        return parameters;
    }

    static QueryOptions parse(String query) {
        return QueryOptions.parse(parameters(query), TOOL, LIMITS);
    }

    @Test
    void withoutOptionsAPageOfTheDefaultLimitInTimestampOrder() {
        QueryOptions options = parse("");

        assertThat(options.answer()).isEqualTo(Answer.PAGE);
        assertThat(options.format()).isEqualTo(Format.JSON);
        assertThat(options.sort()).containsExactly(new SortKey("@timestamp", false));
        assertThat(options.fields()).isEqualTo(FieldSelection.ALL);
        assertThat(options.offset()).isZero();
        assertThat(options.limit()).isEqualTo(7);
        assertThat(options.pagesByCursor()).isFalse();
        assertThat(options.groupBy()).isEmpty();
    }

    @Test
    void orderbyTakesEveryFormAndResolvesAliases() {
        assertThat(parse("orderby=tool.weight,desc; name ;-@timestamp;agent7.last_seen,ASC;")
                        .sort())
                .containsExactly(
                        new SortKey("tool.weight", true),
                        new SortKey("tool.name", false),
                        new SortKey("@timestamp", true),
                        new SortKey("agent7.last_seen", false));
    }

    @Test
    void fieldsAndExcFieldsSelectFieldsAndObjectsResolvingAliases() {
        FieldSelection fields = parse("fields=name, tool.parts ,host,_id,tool.name&exc_fields=host.id")
                .fields();

        assertThat(fields.includes())
                .as("aliases resolved, duplicates dropped, _id always there anyway")
                .containsExactly("tool.name", "tool.parts", "host");
        assertThat(fields.excludes()).containsExactly("host.id");
        assertThat(fields.selects("host.name")).isTrue();
        assertThat(fields.selects("host.id")).isFalse();
        assertThat(fields.selects("tool.weight")).isFalse();
        assertThat(fields.selects("tool.parts.name")).isTrue();
    }

    @Test
    void limitAndOffsetPageWithinTheWindow() {
        QueryOptions options = parse("limit=13&offset=47");

        assertThat(options.limit()).isEqualTo(13);
        assertThat(options.offset()).isEqualTo(47);
        assertThat(parse("limit=0").limit()).as("a count and no documents").isZero();
    }

    @Test
    void aCursorStartsWithAStarAndContinuesWithAToken() {
        QueryOptions start = parse("cursor=*&limit=60");
        QueryOptions next = parse("cursor=eyJ2IjoxfQ_-");

        assertThat(start.pagesByCursor()).isTrue();
        assertThat(start.cursor()).isEqualTo(QueryOptions.CURSOR_START);
        assertThat(start.limit()).isEqualTo(60);
        assertThat(next.cursor()).isEqualTo("eyJ2IjoxfQ_-");
        assertThat(next.limit()).isEqualTo(7);
    }

    @Test
    void groupbyDistinctAndGetcountChooseTheAnswer() {
        QueryOptions groups = parse("groupby=host.name,name&limit=11&cursor=*");
        assertThat(groups.answer()).isEqualTo(Answer.GROUPS);
        assertThat(groups.groupBy()).containsExactly("host.name", "tool.name");
        assertThat(groups.limit()).isEqualTo(11);
        assertThat(groups.sort()).isEmpty();

        QueryOptions distinct = parse("distinct=name");
        assertThat(distinct.answer()).isEqualTo(Answer.DISTINCT);
        assertThat(distinct.groupBy()).containsExactly("tool.name");

        assertThat(parse("getcount=True").answer()).isEqualTo(Answer.COUNT);
        assertThat(parse("getcount=false&limit=3").answer()).isEqualTo(Answer.PAGE);
    }

    @Test
    void formatsAndTheOriginalApisAsJson() {
        assertThat(parse("format=CSV").format()).isEqualTo(Format.CSV);
        assertThat(parse("format=ndjson").answer()).isEqualTo(Answer.EXPORT);
        assertThat(parse("format=json").answer()).isEqualTo(Answer.PAGE);
        assertThat(parse("as_json=True").format()).isEqualTo(Format.JSON);
        assertThat(parse("as_json=true&format=json").format()).isEqualTo(Format.JSON);
    }

    @Test
    void anExportTakesEveryDocumentUnlessLimited() {
        QueryOptions all = parse("format=csv&orderby=-tool.weight&fields=tool");
        QueryOptions some = parse("format=csv&limit=100000");

        assertThat(all.limit()).isEqualTo(Integer.MAX_VALUE);
        assertThat(all.sort()).containsExactly(new SortKey("tool.weight", true));
        assertThat(all.fields().includes()).containsExactly("tool");
        assertThat(some.limit()).as("not held to the window of a page").isEqualTo(100_000);
    }

    @Test
    void emptyValuesCountAsNotGiven() {
        QueryOptions options = parse("limit=&cursor=&orderby=&format=");

        assertThat(options).isEqualTo(parse(""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # the request                          | parameter  | start | end | message contains                                   | expected contains              | suggestions
            orderby=tool.nme                       | orderby    | 0     | 8   | Unknown field 'tool.nme' in orderby                 | keyword, number                | tool.name
            orderby=tool.weight;-tool.wieght       | orderby    | 13    | 24  | Unknown field 'tool.wieght'                         | with keyword                   | tool.weight
            orderby=tool.notes                     | orderby    | 0     | 10  | 'tool.notes' is a text field                        | keyword, number                |
            orderby=tool.spot                      | orderby    | 0     | 9   | 'tool.spot' is a geo_point field                    | keyword, number                |
            orderby=tool.parts.name                | orderby    | 0     | 15  | inside a nested field                               | outside nested fields          |
            orderby=tool.parts                     | orderby    | 0     | 10  | 'tool.parts' is a nested field                      | keyword, number                |
            orderby=tool.name,up                   | orderby    | 10    | 12  | Unknown direction 'up'                              | asc or desc                    |
            orderby=tool.name,dsc                  | orderby    | 10    | 13  | Unknown direction 'dsc'                             | asc or desc                    | desc
            orderby=-tool.name,asc                 | orderby    | 0     | 14  | gives its direction twice                           | -field or field,asc            |
            orderby=tool.name,asc,x                | orderby    | 0     | 15  | Cannot read 'tool.name,asc,x'                       | separated by ';'               |
            orderby=-                              | orderby    | 0     | 1   | names no field                                      | -field                         |
            orderby=;;                             | orderby    | 0     | 2   | orderby names no field                              | -field                         |
            orderby=name;tool.name                 | orderby    | 5     | 14  | 'tool.name' is in orderby twice                     | each field once                |
            fields=tool.name,tool.wight            | fields     | 10    | 20  | Unknown field 'tool.wight' in fields                | an object such as 'host'       | tool.weight
            fields=tol                             | fields     | 0     | 3   | Unknown field 'tol' in fields                       | a field of 'tool'              | tool
            exc_fields=hots                        | exc_fields | 0     | 4   | Unknown field 'hots' in exc_fields                  | a field of 'tool'              | host
            limit=ten                              | limit      | 0     | 3   | limit must be a whole number from 0 to 60; got 'ten' | a whole number from 0 to 60    |
            limit=61                               | limit      | 0     | 2   | limit must be a whole number from 0 to 60; got 61   | from 0 to 60                   |
            limit=-1                               | limit      | 0     | 2   | got -1                                              | from 0 to 60                   |
            limit=99999999999                      | limit      | 0     | 11  | got 99999999999                                     | from 0 to 60                   |
            offset=x                               | offset     | 0     | 1   | offset must be a whole number                       | from 0 to 60                   |
            offset=50&limit=11                     | offset     | 0     | 2   | offset + limit may not exceed 60 (got 50 + 11)      | cursor=*                       |
            offset=55                              | offset     | 0     | 2   | got 55 + 7                                          | at most 60                     |
            cursor=*&limit=0                       | limit      | 0     | 1   | from 1 to 60                                        | from 1 to 60                   |
            cursor=*&offset=0                      | offset     | 0     | 1   | carries its own position                            | offset or cursor, not both     |
            cursor=not a cursor!                   | cursor     | 0     | 13  | Not a cursor                                        | * to start paging              |
            groupby=tool.nam                       | groupby    | 0     | 8   | Unknown field 'tool.nam' in groupby                 | keyword, number                | tool.name
            groupby=tool.name,name                 | groupby    | 10    | 14  | 'tool.name' is in groupby twice                     | each field once                |
            groupby=tool.notes                     | groupby    | 0     | 10  | 'tool.notes' is a text field                        | keyword, number                |
            groupby=,                              | groupby    | 0     | 1   | groupby names no field                              | field[,field...]               |
            groupby=tool.name&limit=0              | limit      | 0     | 1   | from 1 to 60                                        | from 1 to 60                   |
            groupby=tool.name&orderby=tool.name    | orderby    | 0     | 9   | orderby does not apply to groupby                   | cursor, groupby, limit         |
            groupby=tool.name&offset=7             | offset     | 0     | 1   | offset does not apply to groupby                    | cursor, groupby, limit         |
            groupby=tool.name&fields=tool.name     | fields     | 0     | 9   | fields does not apply to groupby                    | cursor, groupby, limit         |
            distinct=tool.name,host.name           | distinct   | 0     | 19  | distinct takes one field; groupby=tool.name,host.name | one field                    |
            distinct=tool.parts.name               | distinct   | 0     | 15  | inside a nested field                               | outside nested fields          |
            distinct=tool.weight&groupby=tool.name | distinct   | 0     | 11  | distinct does not apply to groupby                  | cursor, groupby, limit         |
            getcount=maybe                         | getcount   | 0     | 5   | getcount takes true or false; got 'maybe'           | true or false                  |
            getcount=true&limit=5                  | limit      | 0     | 1   | limit does not apply to getcount=true               | only filter and state          |
            getcount=true&groupby=tool.name        | groupby    | 0     | 9   | groupby does not apply to getcount=true             | only filter and state          |
            getcount=true&cursor=*                 | cursor     | 0     | 1   | cursor does not apply to getcount=true              | only filter and state          |
            getcount=true&format=csv               | getcount   | 0     | 4   | getcount does not apply to an export                | exc_fields, fields, limit      |
            format=xml                             | format     | 0     | 3   | Unknown format 'xml'; formats: json, csv, ndjson    | json, csv or ndjson            |
            format=jsno                            | format     | 0     | 4   | Unknown format 'jsno'                               | json, csv or ndjson            | json
            format=csv&offset=10                   | offset     | 0     | 2   | offset does not apply to an export                  | exc_fields, fields, limit      |
            format=ndjson&cursor=*                 | cursor     | 0     | 1   | cursor does not apply to an export                  | exc_fields, fields, limit      |
            format=csv&groupby=tool.name           | groupby    | 0     | 9   | groupby does not apply to an export                 | exc_fields, fields, limit      |
            format=csv&limit=-3                    | limit      | 0     | 2   | limit must be a whole number of at least 0; got -3  | of at least 0                  |
            as_json=False                          | as_json    | 0     | 5   | as_json takes only true                             | true                           |
            as_json=true&format=csv                | as_json    | 0     | 4   | as_json=true asks for JSON and format=csv           | as_json or format, not both    |
            limit=3&limit=4                        | limit      | -1    | -1  | 'limit' is given 2 times; give it once              | one limit parameter            |
            """)
    void aBadValueNamesItsParameterPlaceExpectationAndNearestNames(
            String query, String parameter, int start, int end, String message, String expected, String suggestion) {
        assertThatThrownBy(() -> parse(query))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.parameter()).isEqualTo(parameter);
                    assertThat(e.span()).isEqualTo(new Span(start, end));
                    assertThat(e.expected()).contains(expected);
                    if (suggestion == null) {
                        assertThat(e.suggestions()).isEmpty();
                    } else {
                        assertThat(e.suggestions()).contains(suggestion);
                    }
                })
                .hasMessageContaining(message);
    }

    @Test
    void anUnknownParameterIsAnErrorWithTheNearestNames() {
        QueryOptions.rejectUnknown(List.of("limit", "filter", "state"), Set.of("filter", "state"));

        assertThatThrownBy(() -> QueryOptions.rejectUnknown(List.of("filter", "limt"), Set.of("filter", "state")))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("limt");
                    assertThat(e.suggestions()).first().isEqualTo("limit");
                    assertThat(e.expected()).contains("as_json", "cursor", "filter", "state");
                })
                .hasMessage("Unknown parameter 'limt'; did you mean limit?");
    }

    @Test
    void limitsCheckThemselves() {
        assertThatThrownBy(() -> new Limits(0, 10))
                .hasMessage("defaultLimit must be between 1 and maxWindow (10), got 0");
        assertThatThrownBy(() -> new Limits(11, 10)).hasMessageContaining("got 11");
        assertThatThrownBy(() -> new Limits(1, 0)).hasMessage("maxWindow must be at least 1, got 0");
    }
}
