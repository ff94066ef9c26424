package io.agent7.query;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import io.agent7.schema.Schema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The filter DSL compiled to Elasticsearch JSON, pinned by {@code filter-golden.txt}: blocks
 * of {@code # what it shows}, {@code type:}, {@code filter:} and {@code query:} lines. The clock
 * is fixed at 2026-11-28T12:00:00Z, so relative times are stable.
 */
class FilterGoldenTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    record Case(String description, String type, String filter, String query) {
        @Override
        public String toString() {
            return description;
        }
    }

    static List<Case> cases() throws Exception {
        List<Case> cases = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(FilterGoldenTest.class.getResourceAsStream("filter-golden.txt")),
                StandardCharsets.UTF_8))) {
            String description = null;
            String type = null;
            String filter = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("# ")) {
                    description = line.substring(2);
                } else if (line.startsWith("type: ")) {
                    type = line.substring(6);
                } else if (line.startsWith("filter: ")) {
                    filter = line.substring(8);
                } else if (line.startsWith("query: ")) {
                    cases.add(new Case(description, type, filter, line.substring(7)));
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void compilesToTheGoldenQuery(Case c) {
        var compiled = new QueryCompiler(CLOCK)
                .compile(FilterDsl.parse(c.filter()), Schema.standard().require(c.type()));
        assertThat(JsonpUtils.toJsonString(compiled, new JacksonJsonpMapper())).isEqualTo(c.query());
    }

    @org.junit.jupiter.api.Test
    void theFixtureHasCases() throws Exception {
        assertThat(cases()).hasSizeGreaterThan(15);
    }
}
