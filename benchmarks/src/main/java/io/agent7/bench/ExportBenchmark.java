package io.agent7.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.agent7.testkit.ServiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * {@code ./agent7 bench export}: whether the query API's CSV export streams with bounded
 * memory. The search console runs from its jar with its production heap ceiling (384 MB);
 * the benchmark writes {@code --rows} process documents straight into the node, then exports
 * first a tenth of them ({@code limit}) and then all of them as CSV over HTTP, counting the
 * rows and sampling the console's resident memory (VmRSS) every 100 ms. Bounded memory shows
 * as the same peak for ten times the rows: the ratio of the two peaks is the figure.
 */
public final class ExportBenchmark {

    private static final String PASSWORD = "bench-export-password";
    private static final int BULK = 5_000;
    private static final int HOSTS = 50;

    private ExportBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "rows", "root");
        URI es = URI.create(args.get("es"));
        int rows = args.integer("rows", 1_000_000);
        if (rows < 10) {
            throw new IllegalArgumentException("--rows must be 10 or more");
        }
        System.setProperty("agent7.root", args.get("root", "."));
        Map<String, String> environment = Map.of(
                "AGENT7_ELASTICSEARCH_URL", es.toString(),
                "AGENT7_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD,
                "AGENT7_STATE_DIR",
                        Files.createTempDirectory("agent7-bench-export").toString());
        BenchStack.step("starting the search console (heap ceiling 384 MB)");
        try (ServiceProcess console = ServiceProcess.start(
                        "search-ui", environment, "--agent7.console.plain-http=true", "--server.address=127.0.0.1");
                RestClient rest = RestClient.builder(new HttpHost(es.getHost(), es.getPort(), es.getScheme()))
                        .build()) {
            ElasticsearchClient client =
                    new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
            write(client, rows);
            Export tenth = export(console, rows / 10);
            Export all = export(console, rows);
            for (Export e : List.of(tenth, all)) {
                System.out.printf(
                        Locale.ROOT,
                        "    %,d rows asked: %,d rows in %.1f s (%,.0f rows/s), %,d bytes, console peak RSS %.0f MB%n",
                        e.asked,
                        e.rows,
                        e.seconds,
                        e.rows / e.seconds,
                        e.bytes,
                        e.peakRssKb / 1024.0);
            }
            boolean whole = tenth.rows == rows / 10 && all.rows == rows;
            System.out.printf(
                    Locale.ROOT,
                    "RESULT export rows=%d seconds=%.1f peak_rss_mb=%.0f baseline_rows=%d baseline_peak_rss_mb=%.0f"
                            + " peak_ratio=%.2f every_row=%s%n",
                    all.rows,
                    all.seconds,
                    all.peakRssKb / 1024.0,
                    tenth.rows,
                    tenth.peakRssKb / 1024.0,
                    (double) all.peakRssKb / tenth.peakRssKb,
                    whole);
            if (!whole) {
                throw new IllegalStateException("the export lost or added rows: asked " + rows / 10 + " and " + rows
                        + ", got " + tenth.rows + " and " + all.rows);
            }
        }
    }

    /** {@code rows} process documents on {@value #HOSTS} hosts, bulk-written, then refreshed. */
    private static void write(ElasticsearchClient client, int rows) throws IOException {
        BenchStack.step(String.format(Locale.ROOT, "writing %,d process documents", rows));
        long start = System.nanoTime();
        for (int from = 0; from < rows; from += BULK) {
            List<BulkOperation> operations = IntStream.range(from, Math.min(rows, from + BULK))
                    .mapToObj(i -> BulkOperation.of(o -> o.index(x -> x.index("agent7-process")
                            .id("bench-export-" + i)
                            .routing(host(i))
                            .document(process(i)))))
                    .toList();
            BulkResponse response = client.bulk(b -> b.operations(operations));
            if (response.errors()) {
                throw new IllegalStateException("bulk errors, the first: "
                        + response.items().stream()
                                .filter(item -> item.error() != null)
                                .findFirst()
                                .map(item -> item.error().reason())
                                .orElse("?"));
            }
        }
        client.indices().refresh(r -> r.index("agent7-process"));
        System.out.printf(Locale.ROOT, "    written in %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static String host(int i) {
        return "bench-export-host-" + (i % HOSTS);
    }

    private static Map<String, Object> process(int i) {
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("pid", i);
        process.put("name", "proc-" + (i % 97) + ".exe");
        process.put("executable", "C:\\Program Files\\Vendor " + (i % 31) + "\\proc-" + (i % 97) + ".exe");
        process.put(
                "command_line",
                "\"C:\\Program Files\\Vendor " + (i % 31) + "\\proc-" + (i % 97) + ".exe\" --flag=" + i
                        + ",\"quoted\" value");
        process.put("start", "2026-12-01T00:00:00.000Z");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("@timestamp", "2026-12-01T00:00:00.000Z");
        document.put("agent7", Map.of("type", "process", "present", true));
        document.put("host", Map.of("id", host(i), "name", host(i)));
        document.put("process", process);
        return document;
    }

    private record Export(int asked, long rows, long bytes, double seconds, long peakRssKb) {}

    /** One CSV export of at most {@code limit} rows, counted as it streams, with the console's peak RSS. */
    private static Export export(ServiceProcess console, int limit) throws Exception {
        BenchStack.step(String.format(Locale.ROOT, "exporting %,d rows as CSV", limit));
        String fields = "host.name,process.pid,process.name,process.executable,process.command_line";
        URI uri = console.url("/api/v1/process?format=csv&limit=" + limit + "&fields=" + fields);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofMinutes(30))
                .build();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(rssKb(console.pid()), Math::max);
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "rss-sampler");
        sampler.setDaemon(true);
        long start = System.nanoTime();
        sampler.start();
        long lines = 0;
        long bytes = 0;
        HttpResponse<InputStream> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[1 << 16];
            boolean quoted = false;
            int n;
            while ((n = body.read(buffer)) > 0) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    // A record ends at a newline outside quotes (RFC 4180: "" inside quotes toggles twice).
                    if (buffer[i] == '"') {
                        quoted = !quoted;
                    } else if (buffer[i] == '\n' && !quoted) {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        sampler.join();
        peak.accumulateAndGet(rssKb(console.pid()), Math::max);
        return new Export(limit, lines - 1, bytes, seconds, peak.get());
    }

    private static long rssKb(long pid) {
        try {
            return ProcStatus.field(pid, "VmRSS");
        } catch (IOException | NumberFormatException gone) {
            return 0; // the process is gone, or the line changed: no sample
        }
    }
}
