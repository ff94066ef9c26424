package io.agent7.bench;

import io.agent7.testkit.ServiceProcess;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./agent7 bench console}: the console's server time at {@code --hosts} simulated hosts
 * (10,000 by default) for the search page with the seed question (up to 100 rows, with its top
 * values), a host page (facts, a tab of items, the timeline over every type) and the dashboard,
 * each measured in the same run as the bare query API's time for the seed question. All go
 * through one signed-in session, so every request pays the same authentication; the times are
 * the whole answer, read over loopback.
 */
public final class ConsoleBenchmark {

    private static final String PASSWORD = "bench-console-password";
    private static final double TARGET_P95_MILLIS = 500;

    private ConsoleBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "hosts", "runs", "warmup", "threads", "root");
        URI es = URI.create(args.get("es"));
        int hosts = args.integer("hosts", 10_000);
        int runs = args.integer("runs", 30);
        int warmup = args.integer("warmup", 5);
        int threads = args.integer("threads", Runtime.getRuntime().availableProcessors());
        if (hosts < 1 || runs < 1 || warmup < 0 || threads < 1) {
            throw new IllegalArgumentException("--hosts, --runs and --threads must be 1 or more, --warmup 0 or more");
        }
        System.setProperty("agent7.root", args.get("root", "."));

        System.out.printf("%n==> %,d hosts: writing the simulated fleet (%d threads)%n", hosts, threads);
        SimulatedFleet.Built built = new SimulatedFleet(es).build(hosts, threads);
        System.out.printf(
                "    built and indexed %,d documents in %.0f s: %s%n",
                built.total(), built.seconds(), built.documents());
        List<String> hostIds = hostIds(es, 200);

        Map<String, String> environment = Map.of(
                "AGENT7_ELASTICSEARCH_URL", es.toString(),
                "AGENT7_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD,
                "AGENT7_STATE_DIR",
                        Files.createTempDirectory("agent7-bench-console").toString());
        BenchStack.step("starting the search console");
        try (ServiceProcess console = ServiceProcess.start(
                "search-ui", environment, "--agent7.console.plain-http=true", "--server.address=127.0.0.1")) {
            HttpClient session = signIn(console);
            String seed = URLEncoder.encode(Questions.SEED.filter(), StandardCharsets.UTF_8);
            Map<String, IntFunction<URI>> pages = new LinkedHashMap<>();
            pages.put("api", i -> console.url("/api/v1/users?limit=100&filter=" + seed));
            pages.put("search", i -> console.url("/?type=users&q=" + seed));
            pages.put("host", i -> console.url("/hosts/" + hostIds.get(i % hostIds.size())));
            pages.put("dashboard", i -> console.url("/dashboard"));
            System.out.printf(
                    "    %d warm-up rounds, then %d timed rounds; each round asks each page once%n", warmup, runs);
            Map<String, List<Long>> nanos = new LinkedHashMap<>();
            pages.keySet().forEach(p -> nanos.put(p, new ArrayList<>()));
            for (int round = 0; round < warmup + runs; round++) {
                for (var page : pages.entrySet()) {
                    long took = get(session, page.getValue().apply(round));
                    if (round >= warmup) {
                        nanos.get(page.getKey()).add(took);
                    }
                }
            }
            Latencies api = Latencies.of(nanos.get("api"));
            List<String> results = new ArrayList<>();
            for (var entry : nanos.entrySet()) {
                Latencies l = Latencies.of(entry.getValue());
                System.out.printf(
                        Locale.ROOT,
                        "    %-10s p50 %7.1f ms  p95 %7.1f ms  (p95 %.2f× the API's)%n",
                        entry.getKey(),
                        l.p50(),
                        l.p95(),
                        l.p95() / api.p95());
                results.add(String.format(
                        Locale.ROOT,
                        "RESULT console hosts=%d page=%s p50=%.1fms p95=%.1fms p95_vs_api=%.2f api_p95=%.1fms%s",
                        hosts,
                        entry.getKey(),
                        l.p50(),
                        l.p95(),
                        l.p95() / api.p95(),
                        api.p95(),
                        entry.getKey().equals("api")
                                ? ""
                                : String.format(Locale.ROOT, " (target p95 < %.0f ms)", TARGET_P95_MILLIS)));
            }
            results.forEach(System.out::println);
        }
    }

    /** A session, signed in through the form as a person is: the sign-in page's CSRF token, then the post. */
    private static HttpClient signIn(ServiceProcess console) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String page = http.send(
                        HttpRequest.newBuilder(console.url("/login")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        if (!csrf.find()) {
            throw new IllegalStateException("The sign-in page has no CSRF token");
        }
        String form = "username=admin&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<Void> signedIn = http.send(
                HttpRequest.newBuilder(console.url("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("Signing in failed: " + signedIn.statusCode() + " " + location);
        }
        return http;
    }

    /** One page, read whole; its time in nanoseconds. A page that is not a 200 stops the benchmark. */
    private static long get(HttpClient session, URI uri) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer =
                session.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + answer.statusCode() + ": "
                    + answer.body().substring(0, Math.min(300, answer.body().length())));
        }
        return took;
    }

    /** Ids of some of the fleet's hosts, for the host pages. */
    private static List<String> hostIds(URI es, int count) throws Exception {
        var answer = Http.get(es.resolve("/agent7-host/_search?size=" + count + "&_source=host.id"));
        List<String> ids = new ArrayList<>();
        answer.path("hits")
                .path("hits")
                .forEach(h -> ids.add(h.path("_source").path("host").path("id").asText()));
        if (ids.isEmpty()) {
            throw new IllegalStateException("The simulated fleet has no host documents");
        }
        return ids;
    }
}
