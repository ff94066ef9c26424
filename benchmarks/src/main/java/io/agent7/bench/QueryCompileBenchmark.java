package io.agent7.bench;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.agent7.query.bind.Binder;
import io.agent7.query.bind.Bound;
import io.agent7.query.dsl.FilterDsl;
import io.agent7.query.elasticsearch.QueryCompiler;
import io.agent7.query.plan.JoinPlanner;
import io.agent7.query.plan.SearchPort;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CPU one question costs before Elasticsearch sees it, measured by JMH ({@link
 * CompileTimes} runs it): parse, bind and compile a question without a join; for a question
 * with one, parse and bind, and, apart, the compilation of its planned tree, where the join
 * has become a filter on {@value #KEYS} join keys (what the planner's searches would have
 * returned). Public, with public members: JMH's generated code lives in a package of its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QueryCompileBenchmark {

    /** Join keys in a planned tree: a realistic count for a fleet question's smaller side. */
    static final int KEYS = 1_000;

    /** A {@link Questions} name. */
    @Param("plain")
    public String question;

    private String filter;
    private DataType type;
    private Binder binder;
    private QueryCompiler compiler;
    private Bound planned;

    @Setup
    public void prepare() {
        Questions.Question q = Questions.named(question)
                .orElseThrow(() -> new IllegalArgumentException("No question named " + question));
        Schema schema = Schema.standard();
        type = schema.require(q.type());
        filter = q.filter();
        // Relative times ("2 months ago") are resolved on every bind, as for every request.
        binder = new Binder(schema, Clock.systemUTC());
        compiler = new QueryCompiler();
        if (q.join()) {
            planned = planned(type, binder.bind(FilterDsl.parse(filter), type, "filter"));
        }
    }

    @Benchmark
    public Query parseBindCompile() {
        return compiler.compile(binder.bind(FilterDsl.parse(filter), type, "filter"));
    }

    @Benchmark
    public Bound parseBind() {
        return binder.bind(FilterDsl.parse(filter), type, "filter");
    }

    @Benchmark
    public Query compilePlanned() {
        return compiler.compile(planned);
    }

    /**
     * The bound tree with its joins planned against a search engine whose every side counts
     * and holds the same {@value #KEYS} keys; where the planner cannot join the types on this
     * build, each join replaced by what it plans it into once the key field is written at
     * ingest ({@link #byHand}).
     */
    static Bound planned(DataType type, Bound bound) {
        try {
            return new JoinPlanner(new FixedKeys(KEYS), JoinPlanner.DEFAULT_KEY_CAP, "filter")
                    .plan(type, bound)
                    .filter();
        } catch (IllegalStateException cannotJoin) {
            return byHand(bound, new FixedKeys(KEYS).keys());
        }
    }

    /** Whether the planner itself plans the question's joins on this build. */
    static boolean plannerJoins(DataType type, Bound bound) {
        try {
            new JoinPlanner(new FixedKeys(KEYS), JoinPlanner.DEFAULT_KEY_CAP, "filter").plan(type, bound);
            return true;
        } catch (IllegalStateException cannotJoin) {
            return false;
        }
    }

    /**
     * Each join as one filter of {@code keys} on {@link SimulatedFleet#JOIN_KEY} (negated for
     * {@code !models=}): the planner's output for a relation on one key field, whichever side
     * drives.
     */
    private static Bound byHand(Bound bound, List<Object> keys) {
        if (bound instanceof Bound.And and) {
            return new Bound.And(
                    and.children().stream().map(c -> byHand(c, keys)).toList());
        }
        if (bound instanceof Bound.Or or) {
            return new Bound.Or(or.children().stream().map(c -> byHand(c, keys)).toList());
        }
        if (bound instanceof Bound.Not not) {
            return new Bound.Not(byHand(not.child(), keys));
        }
        if (bound instanceof Bound.Join join) {
            Bound in = new Bound.KeysIn(SimulatedFleet.JOIN_KEY, keys);
            return join.negated() ? new Bound.Not(in) : in;
        }
        return bound;
    }

    /** Every type counts {@code n} documents holding the same {@code n} keys: host id and account name. */
    private record FixedKeys(List<Object> keys) implements SearchPort {

        FixedKeys(int n) {
            this(keys(n));
        }

        private static List<Object> keys(int n) {
            List<Object> keys = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                UUID host = UUID.nameUUIDFromBytes(("host " + i).getBytes(StandardCharsets.UTF_8));
                keys.add(host + "|" + (i % 3 == 0 ? "administrator" : "localadmin"));
            }
            return keys;
        }

        @Override
        public long count(DataType type, Bound filter) {
            return keys.size();
        }

        @Override
        public Keys keys(DataType type, Bound filter, String field, int limit) {
            return new Keys(keys.subList(0, Math.min(limit, keys.size())), keys.size() > limit);
        }

        @Override
        public String describe(Bound filter) {
            return "";
        }
    }
}
