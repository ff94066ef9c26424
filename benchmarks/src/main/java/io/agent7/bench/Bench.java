package io.agent7.bench;

import io.agent7.testkit.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code ./agent7 bench ingest|fleet|agent|pipeline|query [--split-cores] [--name value ...]}:
 * runs one benchmark on a fresh Elasticsearch node and ingest API of its own ({@link
 * BenchStack}), on a node alone for {@code query}, or, for {@code pipeline}, the ingest API's
 * reader on simulated batches with neither, and cleans up after it however it ends. The benchmark itself runs in a JVM of its own, with the
 * options it always had; what it prints is its result. What each measures: docs/BENCHMARKS.md.
 *
 * <p>Runs on the benchmarks' classpath with {@code -Dagent7.root} (the checkout) and
 * {@code -Dagent7.logs} set by the script.
 */
public final class Bench {

    static final Map<String, String> MAINS = Map.of(
            "ingest", "io.agent7.bench.IngestThroughput",
            "fleet", "io.agent7.bench.FleetBenchmark",
            "agent", "io.agent7.bench.AgentFootprint",
            "query", "io.agent7.bench.QueryBenchmark",
            "export", "io.agent7.bench.ExportBenchmark",
            "console", "io.agent7.bench.ConsoleBenchmark",
            "detections", "io.agent7.bench.DetectionsBenchmark",
            "directory", "io.agent7.bench.DirectoryBenchmark",
            "response", "io.agent7.bench.ResponseBenchmark");

    static final String USAGE =
            "usage: ./agent7 bench ingest|fleet|agent|pipeline|query|export|console|detections|directory|response|stages"
                    + " [--name value ...]"
                    + " (see docs/BENCHMARKS.md)";

    private Bench() {}

    public static void main(String[] argv) throws Exception {
        String which = argv.length == 0 ? "" : argv[0];
        List<String> args = new ArrayList<>(Arrays.asList(argv).subList(Math.min(1, argv.length), argv.length));
        Path root =
                Path.of(System.getProperty("agent7.root", ".")).toAbsolutePath().normalize();
        int exit;
        try {
            if (which.equals("pipeline")) {
                exit = pipeline(root, args);
            } else if (which.equals("stages")) {
                JfrStages.main(args.toArray(String[]::new));
                exit = 0;
            } else if (MAINS.containsKey(which)) {
                exit = benchmark(root, which, args);
            } else {
                throw new IllegalArgumentException(USAGE);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("agent7: " + e.getMessage());
            exit = 2;
        } catch (IllegalStateException e) {
            System.err.println("agent7: " + e.getMessage());
            exit = 1;
        }
        System.exit(exit);
    }

    /** One benchmark against a stack of its own; its exit code. */
    private static int benchmark(Path root, String which, List<String> args) throws Exception {
        // --split-cores: Elasticsearch on CPU 0, the ingest API and the load generator on the others,
        // as when they run on machines of their own; otherwise all share every CPU.
        boolean split = args.remove("--split-cores");
        CpuLayout cpus = split ? CpuLayout.split() : CpuLayout.shared();
        Path logs = Path.of(
                System.getProperty("agent7.logs", root.resolve(".agent7/logs").toString()));
        if (which.equals("query") || which.equals("export") || which.equals("console") || which.equals("detections")) {
            // These write their documents straight into the node; export and console start the search
            // console, detections the detection service.
            try (BenchStack stack = BenchStack.elasticsearchOnly(cpus)) {
                List<String> command = launch(cpus, MAINS.get(which));
                command.addAll(
                        List.of("--es", stack.elasticsearch().toString(), "--cpu-layout", split ? "split" : "shared"));
                if (!which.equals("query")) {
                    command.addAll(List.of("--root", root.toString()));
                }
                command.addAll(args);
                return run(command);
            }
        }
        if (which.equals("fleet") && args.remove("--cluster")) {
            return fleetOnCluster(root, logs, cpus, split, args);
        }
        // The agent's footprint is measured as agents run: over TLS, trusting the CA pinned at enrollment.
        boolean tls = which.equals("agent");
        try (BenchStack stack = BenchStack.start(root, logs, cpus, tls)) {
            List<String> command = launch(cpus, MAINS.get(which));
            command.addAll(stackArguments(root, stack, split ? "split" : "shared"));
            if (tls) {
                command.addAll(List.of("--ca-cert", stack.caCertificate().toString()));
            }
            command.addAll(args);
            return run(command);
        }
    }

    /** What every benchmark against a stack is told of it ({@link Args#COMMON}). */
    private static List<String> stackArguments(Path root, BenchStack stack, String layout) {
        return List.of(
                "--es", stack.elasticsearch().toString(),
                "--ingest", stack.ingest().toString(),
                "--ingest-management", stack.ingestManagement().toString(),
                "--site-key", stack.siteKey(),
                "--admin-password", stack.adminPassword(),
                "--ingest-pid", Long.toString(stack.ingestPid()),
                "--agent-jar", root.resolve("agent/target/agent.jar").toString(),
                "--cpu-layout", layout);
    }

    /**
     * {@code bench fleet --cluster}: the same fleet against one node and one ingest API (the
     * baseline; {@code --no-baseline} leaves it out), then against three secured nodes and two
     * ingest APIs ({@link ClusterBenchStack}), and the figures side by side.
     */
    private static int fleetOnCluster(Path root, Path logs, CpuLayout cpus, boolean split, List<String> args)
            throws Exception {
        boolean baseline = !args.remove("--no-baseline");
        String layout = split ? "split" : "shared";
        Map<String, String> single = null;
        if (baseline) {
            BenchStack.step("baseline: one node, one ingest API");
            try (BenchStack stack = BenchStack.start(root, logs, cpus, false)) {
                List<String> command = launch(cpus, MAINS.get("fleet"));
                command.addAll(stackArguments(root, stack, layout));
                command.addAll(args);
                single = figures(command);
            }
        }
        BenchStack.step("the cluster: " + ClusterBenchStack.NODES + " secured nodes, " + ClusterBenchStack.INGEST_APIS
                + " ingest APIs");
        Map<String, String> clustered;
        try (ClusterBenchStack stack = ClusterBenchStack.start(root, logs, cpus)) {
            List<String> command = launch(cpus, MAINS.get("fleet"));
            command.addAll(stack.fleetArguments());
            command.addAll(List.of("--cpu-layout", layout));
            command.addAll(args);
            clustered = figures(command);
        }
        System.out.println();
        System.out.printf("%-22s %18s %18s %8s%n", "figure", "1 node, 1 API", "3 nodes, 2 APIs", "ratio");
        for (Map.Entry<String, String> figure : clustered.entrySet()) {
            String before = single == null ? "-" : single.getOrDefault(figure.getKey(), "-");
            String ratio = "-";
            try {
                double b = Double.parseDouble(before);
                ratio = b == 0
                        ? "-"
                        : String.format(java.util.Locale.ROOT, "%.2f", Double.parseDouble(figure.getValue()) / b);
            } catch (NumberFormatException noBaseline) {
                // shown as "-"
            }
            System.out.printf("%-22s %18s %18s %8s%n", figure.getKey(), before, figure.getValue(), ratio);
        }
        return 0;
    }

    /** Runs a benchmark, its output shown as it comes, and answers the key=value pairs of its FIGURES line. */
    private static Map<String, String> figures(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, String> figures = new java.util.LinkedHashMap<>();
        try (var lines = new java.io.BufferedReader(
                new java.io.InputStreamReader(process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                System.out.println(line);
                if (line.startsWith("FIGURES ")) {
                    for (String pair : line.substring("FIGURES ".length()).split(" ")) {
                        int eq = pair.indexOf('=');
                        figures.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
            }
            int exit = process.waitFor();
            if (exit != 0 || figures.isEmpty()) {
                throw new IllegalStateException("the fleet benchmark ended with exit code " + exit + " and "
                        + (figures.isEmpty() ? "no figures" : "figures " + figures));
            }
            return figures;
        } finally {
            process.destroy();
        }
    }

    /** The command that starts benchmark {@code main} in a JVM of its own, on the CPUs the layout leaves it. */
    private static List<String> launch(CpuLayout cpus, String main) {
        BenchStack.step("running " + main);
        List<String> command = new ArrayList<>(cpus.others());
        command.add(BenchStack.java());
        command.addAll(BenchStack.options("AGENT7_BENCH_CLIENT_OPTS", "-Xmx4g"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
        return command;
    }

    /** The ingest API's per-document work without HTTP or Elasticsearch, against bare parsing. */
    private static int pipeline(Path root, List<String> args) throws Exception {
        String hosts = "100";
        String rounds = "12";
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (!option.equals("--hosts") && !option.equals("--rounds")) {
                throw new IllegalArgumentException("unknown option for bench pipeline: " + option);
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(option + " needs a number");
            }
            String value = args.get(++i);
            if (option.equals("--hosts")) {
                hosts = value;
            } else {
                rounds = value;
            }
        }
        Path work = Files.createTempDirectory("agent7-bench-pipeline");
        try {
            Path batches = work.resolve("batches");
            int made = run(List.of(
                    BenchStack.java(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    BatchFiles.class.getName(),
                    "--hosts",
                    hosts,
                    "--out",
                    batches.toString()));
            if (made != 0) {
                return made;
            }
            Path ingest = root.resolve("ingest-api");
            // AGENT7_BENCH_PIPELINE_CLASSES goes first: classes of another build to compare with.
            String extra = System.getenv("AGENT7_BENCH_PIPELINE_CLASSES");
            String classpath = (extra == null || extra.isBlank() ? "" : extra + ":")
                    + ingest.resolve("target/test-classes") + ":" + ingest.resolve("target/classes") + ":"
                    + Files.readString(ingest.resolve("target/classpath.txt")).trim();
            return run(List.of(
                    BenchStack.java(),
                    "-Xmx1g",
                    "-XX:+UseParallelGC",
                    "-cp",
                    classpath,
                    "io.agent7.ingest.ingest.PipelineBenchmark",
                    batches.toString(),
                    rounds));
        } finally {
            Folders.deleteTree(work);
        }
    }

    /** Runs {@code command} with this terminal; its exit code. */
    static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        try {
            return process.waitFor();
        } finally {
            // Interrupted (Ctrl-C reaches the child too): leave nothing behind.
            process.destroy();
        }
    }

    /** Which CPUs the node gets, and the command prefix that pins everything else. */
    record CpuLayout(String elasticsearch, List<String> others) {

        static CpuLayout shared() {
            return new CpuLayout(null, List.of());
        }

        static CpuLayout split() {
            int cpus = Runtime.getRuntime().availableProcessors();
            if (cpus < 2) {
                throw new IllegalArgumentException("--split-cores needs at least two CPUs");
            }
            if (!Files.isExecutable(Path.of("/usr/bin/taskset"))) {
                throw new IllegalArgumentException("--split-cores needs taskset (Debian package util-linux)");
            }
            return new CpuLayout("0", List.of("taskset", "-c", "1-" + (cpus - 1)));
        }
    }
}
