package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.e2e.DocExamples.Example;
import io.agent7.testkit.CertificateAuthority;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every command the project prints or documents works when pasted. The stack comes up as a new
 * user brings it up, through {@code ./agent7 demo} (which runs {@code up}), in a state folder
 * and on ports of its own, from the jars this build made. Then the commands {@code up} and
 * {@code demo} print run as printed, and every shell example of README.md and docs/*.md runs
 * with the generated password, site key, console URL and CA in place of {@code PASSWORD},
 * {@code KEY}, {@code http://127.0.0.1:8080} and {@code .agent7/tls/ca.pem}, in a folder that
 * holds {@code agent.jar} and {@code ca.pem} as the README's agent host does. Each must exit 0
 * with a 2xx answer, or end with the 4xx its marker names (see {@link DocExamples}).
 */
class ExamplesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A seed whose first hosts include a Windows host with both planted items demo's commands look for. */
    private static final String SEED = "23";

    private static final String HOSTS = "10";

    private static final Pattern CONSOLE = Pattern.compile("(?m)^\\s*Console\\s+(\\S+?)/?(?:\\s|$)");
    private static final Pattern PASSWORD = Pattern.compile("(?m)^\\s*Admin login\\s+admin / (\\S+)\\s*$");
    private static final Pattern SITE_KEY = Pattern.compile("(?m)^\\s*Site key\\s+(\\S+)\\s*$");
    private static final Pattern INGEST = Pattern.compile("(?m)^\\s*Ingest API\\s+(\\S+?)/?\\s");
    private static final Pattern CA = Pattern.compile("\\(CA: (\\S+)\\)");

    static Path root;
    static Path home;
    static Map<String, String> environment;
    static String printed;
    static String console;
    static String password;
    static String siteKey;
    static String ingest;
    static String ca;

    @BeforeAll
    static void demo() throws Exception {
        root = AgentScriptSecretsTest.repositoryRoot();
        home = Files.createTempDirectory("agent7-examples");
        // Elasticsearch runs as an unprivileged user when the test runs as root; it must reach the link in here.
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        // The reactor built the jars this test is about; the stamp tells `up` they are current.
        Files.createFile(home.resolve("build.stamp"));
        // Seven ports, distinct: asked for one after another, two could be the same.
        java.util.Iterator<Integer> ports =
                io.agent7.testkit.ServiceProcess.freePorts(7).iterator();
        environment = new HashMap<>(Map.of(
                "AGENT7_HOME", home.toString(),
                "AGENT7_ES_PORT", Integer.toString(ports.next()),
                "AGENT7_INGEST_PORT", Integer.toString(ports.next()),
                "AGENT7_UI_PORT", Integer.toString(ports.next()),
                "AGENT7_DETECTIONS_PORT", Integer.toString(ports.next()),
                "AGENT7_ES_HEAP", "512m"));
        for (String management : List.of("INGEST", "UI", "DETECTIONS")) {
            environment.put("AGENT7_" + management + "_MANAGEMENT_PORT", Integer.toString(ports.next()));
        }

        Run demo = run(List.of("./agent7", "demo", "--hosts", HOSTS, "--seed", SEED), root, Duration.ofMinutes(10));
        printed = demo.output();
        assertThat(demo.exit())
                .as("./agent7 demo failed:\n%s%s", printed, logs())
                .isZero();

        console = group(CONSOLE, "the console's URL").replaceAll("/$", "");
        password = group(PASSWORD, "the admin password");
        siteKey = group(SITE_KEY, "the site key");
        ingest = group(INGEST, "the ingest API's URL");
        ca = group(CA, "the CA");
    }

    @AfterAll
    static void down() throws Exception {
        if (home == null) {
            return;
        }
        Run down = run(List.of("./agent7", "down"), root, Duration.ofMinutes(3));
        Path elasticsearch = home.resolve("elasticsearch");
        if (Files.isSymbolicLink(elasticsearch)) {
            delete(Files.readSymbolicLink(elasticsearch));
        }
        delete(home);
        assertThat(down.exit()).as("./agent7 down:\n%s", down.output()).isZero();
    }

    @Test
    void theCommandsDemoPrintsReturnThePlantedItems() throws Exception {
        List<String> commands = printedCommands(false);
        assertThat(commands).as("demo's commands in:\n%s", printed).hasSize(2);

        for (String command : commands) {
            Outcome outcome = untilItems(command);
            assertThat(outcome.succeeded())
                    .as("%s\n%s%s", command, outcome, logs())
                    .isTrue();
            assertThat(total(outcome)).as("items for %s: %s", command, outcome).isPositive();
        }
    }

    @Test
    void theAuditChainOfTheRunningStackVerifies() throws Exception {
        // The demo's sign-ins and enrollments are audited; the chain they form must be whole.
        Run verify = run(List.of("./agent7", "audit", "verify"), root, Duration.ofMinutes(1));
        assertThat(verify.exit())
                .as("./agent7 audit verify:\n%s", verify.output())
                .isZero();
        JsonNode verdict = JSON.readTree(verify.output().strip());
        assertThat(verdict.path("intact").asBoolean()).as(verify.output()).isTrue();
        assertThat(verdict.path("last").asLong())
                .isEqualTo(verdict.path("records").asLong());
        assertThat(verdict.path("last_hash").asString()).hasSize(64);
    }

    /** Runs a query until it returns items: the fleet enrolls and sends its first snapshots over a minute or two. */
    private static Outcome untilItems(String command) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        Outcome outcome = runExample(command);
        while (!(outcome.succeeded() && total(outcome) > 0) && System.nanoTime() < deadline) {
            Thread.sleep(5_000);
            outcome = runExample(command);
        }
        return outcome;
    }

    @Test
    void theCommandUpPrintsWorks() throws Exception {
        List<String> commands = printedCommands(true);
        assertThat(commands).as("up's commands in:\n%s", printed).isNotEmpty();

        for (String command : commands) {
            Outcome outcome = runExample(command);
            assertThat(outcome.succeeded()).as("%s\n%s", command, outcome).isTrue();
        }
    }

    @Test
    void everyShellExampleOfTheDocsWorks() throws Exception {
        Path work = Files.createTempDirectory("agent7-examples-work");
        Files.createSymbolicLink(work.resolve("agent.jar"), root.resolve("agent/target/agent.jar"));
        Files.createSymbolicLink(work.resolve("ca.pem"), Path.of(ca));
        List<String> failures = new ArrayList<>();
        int ran = 0;
        for (Example example : DocExamples.of(root)) {
            if (!example.expected().run()) {
                continue;
            }
            ran++;
            Outcome outcome = runExample(substitute(example.command()), work);
            boolean asMeant = example.expected().fails()
                    ? outcome.exit() == 0
                            && outcome.statuses()
                                    .equals(List.of(example.expected().status()))
                    : outcome.succeeded();
            if (!asMeant) {
                failures.add(example + "\n  meant to "
                        + (example.expected().fails()
                                ? "fail with " + example.expected().status()
                                : "succeed")
                        + ", but: " + outcome);
            }
        }
        delete(work);
        assertThat(ran).as("examples run").isPositive();
        assertThat(failures).as("examples that did not end as meant").isEmpty();
    }

    @Test
    void theConsoleShowsACurlCommandThatWorks() throws Exception {
        String filter = "process.executable,like,C:\\Users\\Public\\*";
        // The console's certificate is signed by the CA that up made: trust it, as the command does.
        HttpResponse<String> page = HttpClient.newBuilder()
                .sslContext(CertificateAuthority.trusting(Path.of(ca)))
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(console + "/?type=schtasks&filter="
                                        + URLEncoder.encode(filter, StandardCharsets.UTF_8)))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(
                                                                ("admin:" + password).getBytes(StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Matcher curl = Pattern.compile("<pre id=\"curl\">([^<]*)</pre>").matcher(page.body());
        assertThat(curl.find())
                .as("a curl command in the console's page:\n%s", page.body())
                .isTrue();
        String command = unescapeHtml(curl.group(1));
        assertThat(command).contains("'filter=" + filter + "'", "'" + console + "/api/v1/scheduled_task'");

        // The page leaves the password out; curl would ask for it.
        Outcome outcome = untilItems(command.replace("-u 'admin'", "-u 'admin:" + password + "'"));

        assertThat(outcome.succeeded()).as("%s\n%s", command, outcome).isTrue();
        assertThat(total(outcome)).isPositive();
    }

    /** The curl commands of the output: those of up's block, or those demo printed after it. */
    private static List<String> printedCommands(boolean up) {
        int demoStart = printed.indexOf("The fleet enrolls");
        assertThat(demoStart).as("demo's block in:\n%s", printed).isPositive();
        String part = up ? printed.substring(0, demoStart) : printed.substring(demoStart);
        return part.lines().map(String::trim).filter(l -> l.startsWith("curl ")).toList();
    }

    private static String substitute(String command) {
        return command.replaceAll("https?://127\\.0\\.0\\.1:8080/?", Matcher.quoteReplacement(console + "/"))
                .replaceAll("https://INGEST:8443", Matcher.quoteReplacement(ingest))
                .replace(".agent7/tls/ca.pem", ca)
                .replaceAll("\\bPASSWORD\\b", Matcher.quoteReplacement(password))
                .replaceAll("\\bKEY\\b", Matcher.quoteReplacement(siteKey));
    }

    /** What running one command in bash came to: its exit, and the status of each answer curl got. */
    record Outcome(int exit, List<Integer> statuses, String output, String lastBody) {

        boolean succeeded() {
            return exit == 0 && statuses.stream().allMatch(s -> s >= 200 && s < 300);
        }

        @Override
        public String toString() {
            return "exit " + exit + ", HTTP " + statuses + "\n" + tail(output, 1500) + "\nlast answer: "
                    + tail(lastBody, 1500);
        }
    }

    private static Outcome runExample(String command) throws Exception {
        return runExample(command, root);
    }

    /**
     * Runs {@code command} in bash. curl is wrapped to record each answer's status and body
     * beside the command (and to fail loudly on a transport error); the command is otherwise
     * as written.
     */
    private static Outcome runExample(String command, Path dir) throws Exception {
        Path statuses = Files.createTempFile("agent7-example", ".status");
        Path body = Files.createTempFile("agent7-example", ".body");
        String script = "set -o pipefail\n"
                + "curl() { command curl -sS --max-time 60 -o \"$EXAMPLE_BODY\" -w '%{http_code}\\n' \"$@\""
                + " >>\"$EXAMPLE_STATUS\"; }\n"
                + command + "\n";
        Map<String, String> env = new HashMap<>(environment);
        env.put("EXAMPLE_STATUS", statuses.toString());
        env.put("EXAMPLE_BODY", body.toString());
        Run run = run(List.of("bash", "-c", script), dir, Duration.ofMinutes(3), env);
        List<Integer> codes = Files.readAllLines(statuses).stream()
                .filter(l -> !l.isBlank())
                .map(l -> Integer.parseInt(l.trim()))
                .toList();
        String answer = Files.readString(body);
        Files.delete(statuses);
        Files.delete(body);
        return new Outcome(run.exit(), codes, run.output(), answer);
    }

    private static long total(Outcome outcome) {
        JsonNode answer = JSON.readTree(outcome.lastBody());
        return answer.path("total").asLong(0);
    }

    record Run(int exit, String output) {}

    private static Run run(List<String> command, Path dir, Duration limit) throws Exception {
        return run(command, dir, limit, environment);
    }

    private static Run run(List<String> command, Path dir, Duration limit, Map<String, String> env) throws Exception {
        Path output = Files.createTempFile("agent7-run", ".out");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean done = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String text = Files.readString(output);
        Files.delete(output);
        assertThat(done).as("%s within %s:\n%s", command, limit, text).isTrue();
        return new Run(process.exitValue(), text);
    }

    private static String group(Pattern pattern, String what) {
        Matcher m = pattern.matcher(printed);
        assertThat(m.find()).as("%s in the output of demo:\n%s", what, printed).isTrue();
        return m.group(1);
    }

    /** The end of each service's log, for a failure message. */
    private static String logs() throws IOException {
        Path logs = home.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.sorted().toList()) {
                out.append("\n--- ").append(log).append('\n').append(tail(Files.readString(log), 3000));
            }
        }
        return out.toString();
    }

    private static String tail(String text, int chars) {
        return text.length() <= chars ? text : "..." + text.substring(text.length() - chars);
    }

    private static String unescapeHtml(String text) {
        return text.replace("&#39;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
