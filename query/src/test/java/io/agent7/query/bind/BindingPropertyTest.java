package io.agent7.query.bind;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.query.Expr;
import io.agent7.query.Generator;
import io.agent7.query.PropertyCheck;
import io.agent7.query.QueryException;
import io.agent7.query.dsl.FilterDsl;
import io.agent7.query.elasticsearch.QueryCompiler;
import io.agent7.query.lucene.LuceneSyntax;
import io.agent7.query.plan.JoinPlanner;
import io.agent7.query.plan.SearchPort;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Past the parsers: whatever a user writes, binding it to a type, planning its joins and
 * compiling it either gives an Elasticsearch query or a QueryException, never another
 * exception (which the API would answer as a 500). The inputs are spliced from real field
 * names and aliases, operators and values of every kind, so that most of them parse and reach
 * the binder.
 */
class BindingPropertyTest {

    private static final Schema SCHEMA = Schema.standard();
    private static final List<DataType> TYPES = List.of(
            SCHEMA.require("users"), SCHEMA.require("process"), SCHEMA.require("net"), SCHEMA.require("sysvol_file"));

    private static final List<String> DSL = List.of(
            ";",
            ",",
            "|",
            "any(",
            "not(",
            ")",
            "models=tasks,schtasks;",
            "!models=logged_on_user;",
            "models=printers;",
            "user.name",
            "is_priv",
            "last_logon",
            "active",
            "image",
            "cmd_line",
            "process.pid",
            "destination.ip",
            "@timestamp",
            "sysvol_file.aces.type",
            "agent7.present",
            "system_metric.cpu.pct",
            "nope",
            ",eq,",
            ",ne,",
            ",gt,",
            ",le,",
            ",like,",
            ",ilike,",
            ",startswith,",
            ",in,",
            ",notin,",
            ",cidr,",
            ",exists",
            ",exists,",
            ",missing",
            "1",
            "0",
            "true",
            "maybe",
            "x",
            "2 months ago",
            "now-7d",
            "2026-13-45",
            "10.0.0.0/8",
            "10.0.0.300",
            "::1",
            "fd00::/129",
            "1e99",
            "-5",
            "9223372036854775808",
            "NaN",
            "C:\\*",
            "\"q;|\"",
            "\\*",
            "");

    private static final List<String> LUCENE = List.of(
            " ",
            " AND ",
            " OR ",
            "NOT ",
            "(",
            ")",
            "$tasks,schtasks:(",
            "$nope:(",
            "_exists_:",
            "user.name:",
            "is_priv:",
            "last_logon:",
            "image:",
            "process.pid:",
            "destination.ip:",
            "\\@timestamp:",
            "[1 TO 5]",
            "{now-7d TO *]",
            ">=5",
            "<2026-01-01",
            "true",
            "x*",
            "\"a phrase\"",
            "C\\:\\\\*",
            "10.0.0.0\\/8",
            "-",
            "+",
            "nope:",
            "1");

    private final SearchPort nothingRelated = new SearchPort() {
        @Override
        public long count(DataType type, Bound filter) {
            return 0;
        }

        @Override
        public Keys keys(DataType type, Bound filter, String field, int limit) {
            return new Keys(List.of(), false);
        }

        @Override
        public String describe(Bound filter) {
            return "";
        }
    };

    @Test
    void anyFilterBindsPlansAndCompilesOrIsAQueryException() {
        PropertyCheck.forAll(g -> g.spliced(DSL)).tries(3000).check(text -> compilesOrRefuses(text, FilterDsl::parse));
    }

    @Test
    void anyLuceneQueryBindsPlansAndCompilesOrIsAQueryException() {
        PropertyCheck.forAll(g -> g.spliced(LUCENE))
                .tries(3000)
                .check(text -> compilesOrRefuses(text, LuceneSyntax::parse));
    }

    @Test
    void anyTextAtAllBindsOrIsAQueryException() {
        PropertyCheck.forAll(Generator::anyString)
                .edgeCases(Generator.EDGE_STRINGS)
                .tries(1000)
                .check(text -> compilesOrRefuses(text, FilterDsl::parse));
    }

    private void compilesOrRefuses(String text, Function<String, Expr> parser) {
        for (DataType type : TYPES) {
            try {
                Bound bound = new Binder(SCHEMA, Clock.systemUTC()).bind(parser.apply(text), type, "filter");
                Bound planned = new JoinPlanner(nothingRelated, 10, "filter")
                        .plan(type, bound)
                        .filter();
                assertThat(new QueryCompiler().compile(planned)).isNotNull();
            } catch (QueryException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
        }
    }
}
