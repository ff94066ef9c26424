package io.agent7.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the ingest API's CPU goes, by stage, from a JFR recording of it ({@code
 * AGENT7_BENCH_INGEST_OPTS="... -XX:StartFlightRecording=filename=api.jfr,settings=profile"}
 * around {@code bench ingest}): {@code ./agent7 bench stages api.jfr [--last seconds]}, the last
 * seconds of the recording only (the measured rounds, after the warm-up ones).
 *
 * <p>Two sources, printed side by side. Each Java thread's CPU ({@code jdk.ThreadCPULoad}) gives
 * the JVM's own work that no execution sample sees: the garbage collector's and the JIT
 * compiler's threads; the JVM's whole CPU ({@code jdk.CPULoad}) less the Java threads' is the
 * collector's and the VM's own threads, which are not Java threads. The execution samples of the other threads ({@code jdk.ExecutionSample})
 * split the rest by stage: a sample goes to the first stage its stack meets from the running
 * method outwards, so a JSON parser's frames count for whoever called it (parsing under the
 * batch reader, serialisation under the update writer). Native code (zlib's inflate, socket
 * writes) is invisible to execution samples: its caller's stage does not get it either.
 */
public final class JfrStages {

    /** A stage and the frames that belong to it. */
    private record Stage(String name, Predicate<String> frame) {}

    /** Tested in order on each frame, from the running method outwards; the first that matches takes the sample. */
    private static final List<Stage> STAGES = List.of(
            stage("decompression", "java.util.zip."),
            stage("TLS", "sun.security.ssl.", "javax.crypto.", "com.sun.crypto."),
            stage("token check (ES256, token cache)", "io.agent7.ingest.security.", "sun.security.ec."),
            stage(
                    "hashing (content ids)",
                    "io.agent7.schema.DocumentIds",
                    "sun.security.provider.",
                    "java.security.MessageDigest"),
            stage("normalisation and validation", "io.agent7.schema.DocumentNormalizer", "io.agent7.schema.Values"),
            stage("update bodies", "io.agent7.ingest.ingest.StateUpdates"),
            stage("line splitting", "io.agent7.ingest.ingest.BatchReader$Lines"),
            stage("parsing (JSON to trees)", "io.agent7.ingest.ingest.BatchReader"),
            stage(
                    "ids, enrichment, batch bookkeeping",
                    "io.agent7.ingest.ingest.IngestService",
                    "io.agent7.ingest.ingest.ProcessEntityIdEnricher",
                    "io.agent7.ingest.ingest.ItemTypes"),
            stage(
                    "bulk responses (decoding)",
                    "co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem",
                    "co.elastic.clients.json.",
                    "jakarta.json.",
                    "org.eclipse.parsson."),
            stage(
                    "bulk building (BulkIngester, request serialisation)",
                    "co.elastic.clients.elasticsearch._helpers.bulk.",
                    "co.elastic.clients.elasticsearch.core.",
                    "co.elastic.clients.transport.",
                    "io.agent7.ingest.elasticsearch.BulkDocumentSink"),
            stage("HTTP to Elasticsearch (client)", "org.apache.hc.", "org.apache.http.", "org.elasticsearch.client."),
            stage("security filters", "org.springframework.security."),
            stage("metrics and observations", "io.micrometer."),
            stage("HTTP server (Tomcat)", "org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat."),
            stage("Spring MVC", "org.springframework.web.", "org.springframework.http."),
            stage("other application code", "io.agent7."));

    private static final String NO_STAGE = "JDK and libraries, no stage above";

    private JfrStages() {}

    private static Stage stage(String name, String... prefixes) {
        return new Stage(name, frame -> {
            for (String prefix : prefixes) {
                if (frame.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        });
    }

    public static void main(String[] args) throws IOException {
        Args options = new Args(Arrays.copyOfRange(args, Math.min(1, args.length), args.length), "last", "detail");
        if (args.length == 0 || args[0].startsWith("--")) {
            System.err.println("usage: ./agent7 bench stages <recording.jfr> [--last <seconds>] [--detail <stage>]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        String detailed = options.get("detail", "");
        Instant from = Instant.MIN;
        if (options.integer("last", 0) > 0) {
            Instant end = Instant.MIN;
            try (RecordingFile recording = new RecordingFile(file)) {
                while (recording.hasMoreEvents()) {
                    Instant at = recording.readEvent().getEndTime();
                    end = at.isAfter(end) ? at : end;
                }
            }
            from = end.minusSeconds(options.integer("last", 0));
        }
        Map<String, Long> samples = new LinkedHashMap<>();
        STAGES.forEach(s -> samples.put(s.name(), 0L));
        samples.put(NO_STAGE, 0L);
        Map<String, Double> threadCpu = new TreeMap<>();
        Map<String, Long> detail = new TreeMap<>();
        Map<Object, Instant> previous = new HashMap<>();
        double jvmCpu = 0;
        long total = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (event.getStartTime().isBefore(from)) {
                    continue;
                }
                String type = event.getEventType().getName();
                if (type.equals("jdk.ExecutionSample")) {
                    String stage = stageOf(event.getStackTrace());
                    samples.merge(stage, 1L, Long::sum);
                    if (stage.equals(detailed)) {
                        detail.merge(leafFrame(event.getStackTrace()), 1L, Long::sum);
                    }
                    total++;
                } else if (type.equals("jdk.ThreadCPULoad")) {
                    // A load over the period since the thread's previous event: weighted by that period.
                    RecordedThread thread = event.getThread("eventThread");
                    long key = thread == null ? -1 : thread.getJavaThreadId();
                    Instant last = previous.put(key, event.getEndTime());
                    if (last != null) {
                        double seconds =
                                Duration.between(last, event.getEndTime()).toNanos() / 1e9;
                        double load = event.getFloat("user") + event.getFloat("system");
                        threadCpu.merge(
                                threadGroup(thread == null ? "?" : thread.getJavaName()), load * seconds, Double::sum);
                    }
                } else if (type.equals("jdk.CPULoad")) {
                    Instant last = previous.put("jvm", event.getEndTime());
                    if (last != null) {
                        double seconds =
                                Duration.between(last, event.getEndTime()).toNanos() / 1e9;
                        jvmCpu += (event.getFloat("jvmUser") + event.getFloat("jvmSystem")) * seconds;
                    }
                }
            }
        }
        double javaThreads =
                threadCpu.values().stream().mapToDouble(Double::doubleValue).sum();
        if (jvmCpu > javaThreads) {
            threadCpu.put("(not Java threads: garbage collector, VM thread)", jvmCpu - javaThreads);
        }
        double allThreads = Math.max(jvmCpu, javaThreads);
        System.out.printf("Execution samples: %,d%n", total);
        for (Map.Entry<String, Long> stage : samples.entrySet()) {
            if (stage.getValue() > 0) {
                System.out.printf("  %5.1f %%  %s%n", 100.0 * stage.getValue() / total, stage.getKey());
            }
        }
        double all = total;
        detail.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(20)
                .forEach(e -> System.out.printf("      %5.1f %%  %s%n", 100.0 * e.getValue() / all, e.getKey()));
        System.out.println("CPU by thread (jdk.ThreadCPULoad and jdk.CPULoad, share of the JVM's):");
        List<Map.Entry<String, Double>> threads = new ArrayList<>(threadCpu.entrySet());
        threads.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        for (Map.Entry<String, Double> thread : threads) {
            if (thread.getValue() / allThreads >= 0.005) {
                System.out.printf("  %5.1f %%  %s%n", 100.0 * thread.getValue() / allThreads, thread.getKey());
            }
        }
    }

    /**
     * The first stage the stack meets from the running method outwards; this project's code that
     * is no stage of its own (a JSON helper, a field lookup) counts for the stage that called it.
     */
    private static String stageOf(RecordedStackTrace stack) {
        if (stack == null) {
            return NO_STAGE;
        }
        Stage generic = STAGES.get(STAGES.size() - 1);
        boolean own = false;
        for (RecordedFrame frame : stack.getFrames()) {
            if (!frame.isJavaFrame()) {
                continue;
            }
            String name = frame.getMethod().getType().getName();
            for (Stage stage : STAGES.subList(0, STAGES.size() - 1)) {
                if (stage.frame().test(name)) {
                    return stage.name();
                }
            }
            own |= generic.frame().test(name);
        }
        return own ? generic.name() : NO_STAGE;
    }

    /** The running method and its caller, for {@code --detail}. */
    private static String leafFrame(RecordedStackTrace stack) {
        List<RecordedFrame> frames = stack.getFrames();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(2, frames.size()); i++) {
            RecordedFrame frame = frames.get(i);
            out.append(i == 0 ? "" : " < ")
                    .append(frame.getMethod().getType().getName().replaceAll(".*\\.", ""))
                    .append('.')
                    .append(frame.getMethod().getName());
        }
        return out.toString();
    }

    /** Threads of one pool as one line: http-nio-8080-exec-12 is an http-nio-8080-exec thread. */
    private static String threadGroup(String thread) {
        return thread.replaceAll("[-# ]?\\d+$", "").replaceAll("\\d+$", "");
    }
}
