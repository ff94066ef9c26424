package io.agent7.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import io.agent7.query.bind.Binder;
import io.agent7.query.dsl.FilterDsl;
import io.agent7.query.elasticsearch.QueryCompiler;
import io.agent7.schema.Schema;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The filter DSL compiled to Elasticsearch JSON, pinned by {@code filter-golden.txt}: blocks
 * separated by blank lines, each exactly one {@code # what it shows}, {@code type:},
 * {@code filter:} and {@code query:} line; an {@code error: start..end text} line in place of the
 * query expects a {@link QueryException} at that span whose message contains the text. A block stands alone: a line it lacks is an error,
 * never the previous block's value. The clock is fixed at 2026-11-28T12:00:00Z, so relative
 * times are stable.
 */
class FilterGoldenTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
    static final List<String> KEYS = List.of("# ", "type: ", "filter: ", "query: ");
    /** A line in place of the query that expects a QueryException: {@code error: start..end message part}. */
    static final String ERROR = "error: ";

    static final String FIXTURE = "filter-golden.txt";
    static final List<String> LINE_KEYS = List.of("# ", "type: ", "filter: ", "query: ", ERROR);

    record Case(String description, String type, String filter, String query) {
        @Override
        public String toString() {
            return description;
        }
    }

    static List<Case> cases() {
        return GoldenBlocks.read(FilterGoldenTest.class, FIXTURE, LINE_KEYS).stream()
                .map(FilterGoldenTest::toCase)
                .toList();
    }

    /** The blocks of a fixture, each checked to be whole. */
    static List<Case> parse(List<String> lines) {
        return GoldenBlocks.parse(FIXTURE, lines, LINE_KEYS).stream()
                .map(FilterGoldenTest::toCase)
                .toList();
    }

    private static Case toCase(GoldenBlocks.Block block) {
        Map<String, String> values = new LinkedHashMap<>(block.values());
        String error = values.remove(ERROR);
        if (error != null && values.putIfAbsent("query: ", ERROR + error) != null) {
            throw new IllegalArgumentException(block.where() + " has both a query and an error");
        }
        List<String> missing = KEYS.stream()
                .filter(k -> !values.containsKey(k))
                .map(String::trim)
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(block.where() + " has no " + missing);
        }
        return new Case(values.get("# "), values.get("type: "), values.get("filter: "), values.get("query: "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void compilesToTheGoldenQuery(Case c) {
        if (c.query().startsWith(ERROR)) {
            String[] expected = c.query().substring(ERROR.length()).split(" ", 2);
            assertThatThrownBy(() -> compile(c)).isInstanceOfSatisfying(QueryException.class, e -> {
                assertThat(e.getMessage()).contains(expected[1]);
                assertThat(e.span().start() + ".." + e.span().end()).isEqualTo(expected[0]);
            });
            return;
        }
        assertThat(JsonpUtils.toJsonString(compile(c), new JacksonJsonpMapper()))
                .isEqualTo(c.query());
    }

    private static co.elastic.clients.elasticsearch._types.query_dsl.Query compile(Case c) {
        var type = Schema.standard().require(c.type());
        var bound = new Binder(Schema.standard(), CLOCK).bind(FilterDsl.parse(c.filter()), type, "filter");
        return new QueryCompiler().compile(bound);
    }

    @Test
    void theFixtureHasCases() throws Exception {
        assertThat(cases()).hasSizeGreaterThan(15);
    }

    @Test
    void aBlockMissingALineIsAnErrorNotThePreviousBlocksValue() {
        List<String> fixture = List.of(
                "# first", "type: process", "filter: process.pid,eq,1", "query: {}", "", "# second", "query: {}");
        assertThatThrownBy(() -> parse(fixture)).hasMessageContaining("the block at line 6 has no [type:, filter:]");
    }

    @Test
    void aLineOfNoKnownKindOrTwiceInABlockIsAnError() {
        assertThatThrownBy(() -> parse(List.of("# x", "typo: process")))
                .hasMessageContaining("'typo: process' is none of");
        assertThatThrownBy(() -> parse(List.of("# x", "type: process", "type: service")))
                .hasMessageContaining("two 'type:' lines");
    }
}
