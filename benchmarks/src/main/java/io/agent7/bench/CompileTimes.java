package io.agent7.bench;

import io.agent7.query.bind.Binder;
import io.agent7.query.dsl.FilterDsl;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link QueryCompileBenchmark} for every question of {@link Questions} and prints
 * microseconds per operation, one line per question and stage. One fork per benchmark, two
 * one-second warm-up iterations and five measured ones: the tree is small, and the JIT has
 * it compiled within the first second of a tight loop.
 */
final class CompileTimes {

    /** The target for parse, bind and compile. */
    static final double TARGET_MICROS = 50;

    /** One measured stage of one question. */
    record Figure(String question, String stage, double micros, double error) {}

    private CompileTimes() {}

    static List<Figure> measure() throws RunnerException {
        List<String> plain = new ArrayList<>();
        List<String> joins = new ArrayList<>();
        List<String> planned = new ArrayList<>();
        List<String> byHand = new ArrayList<>();
        for (Questions.Question q : Questions.ALL) {
            if (!q.join()) {
                plain.add(q.name());
                continue;
            }
            joins.add(q.name());
            (plannerJoins(q) ? planned : byHand).add(q.name());
        }
        if (!byHand.isEmpty()) {
            System.out.println("  (the planner cannot join " + String.join(", ", byHand) + " on this build: their"
                    + " planned trees have each join replaced by a filter of " + QueryCompileBenchmark.KEYS
                    + " keys on " + SimulatedFleet.JOIN_KEY + ", as the planner will make it)");
        }
        String keys = QueryCompileBenchmark.KEYS + " join keys";
        List<Figure> figures = new ArrayList<>();
        figures.addAll(run("parseBindCompile", "parse+bind+compile", plain));
        figures.addAll(run("parseBind", "parse+bind", joins));
        figures.addAll(run("compilePlanned", "compile planned, " + keys, planned));
        figures.addAll(run("compilePlanned", "compile, " + keys + " by hand", byHand));
        for (String join : joins) {
            // A join question's whole cost before Elasticsearch: its parse and bind, then the planned tree's compile.
            List<Figure> stages =
                    figures.stream().filter(f -> f.question().equals(join)).toList();
            figures.add(new Figure(
                    join,
                    "total of the two",
                    stages.stream().mapToDouble(Figure::micros).sum(),
                    stages.stream().mapToDouble(Figure::error).sum()));
        }
        figures.sort(Comparator.comparingInt((Figure f) -> order(f.question())));
        for (Figure f : figures) {
            System.out.printf(
                    Locale.ROOT,
                    "  %-16s %-32s %8.2f ± %.2f µs/op%s%n",
                    f.question(),
                    f.stage(),
                    f.micros(),
                    f.error(),
                    f.micros() < TARGET_MICROS ? "" : "  (target < " + TARGET_MICROS + " µs)");
        }
        return figures;
    }

    /** Whether the planner plans this question's joins on this build. */
    private static boolean plannerJoins(Questions.Question q) {
        Schema schema = Schema.standard();
        DataType type = schema.require(q.type());
        return QueryCompileBenchmark.plannerJoins(
                type, new Binder(schema, Clock.systemUTC()).bind(FilterDsl.parse(q.filter()), type, "filter"));
    }

    private static List<Figure> run(String method, String stage, List<String> questions) throws RunnerException {
        if (questions.isEmpty()) {
            return List.of();
        }
        var options = new OptionsBuilder()
                .include(QueryCompileBenchmark.class.getName() + "." + method + "$")
                .param("question", questions.toArray(String[]::new))
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgs("-Xmx512m")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        List<Figure> figures = new ArrayList<>();
        for (RunResult result : new Runner(options).run()) {
            var score = result.getPrimaryResult();
            figures.add(new Figure(
                    result.getParams().getParam("question"), stage, score.getScore(), score.getScoreError()));
        }
        return figures;
    }

    private static int order(String question) {
        for (int i = 0; i < Questions.ALL.size(); i++) {
            if (Questions.ALL.get(i).name().equals(question)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }
}
