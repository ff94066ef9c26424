package io.agent7.search.api;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The query API over real HTTP, in this JVM, on the real node: exports streamed as CSV and
 * NDJSON and read back, cursor pages, and errors as problem details. The documents are
 * processes of a host of this run's own, so other tests' documents never count.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "agent7.console.plain-http=true",
            "server.address=127.0.0.1",
            "logging.structured.format.console=",
            "logging.level.root=WARN",
            "spring.main.banner-mode=off"
        })
@ExtendWith(ElasticsearchExtension.class)
class QueryApiIT {

    /** Not a round number, so that no page size divides it. */
    static final int COUNT = 20_011;

    static final String HOST = "it-query-" + UUID.randomUUID();
    static final String FORMULA = "=cmd|' /C calc'!A0";
    static final String QUOTED = "a,\"b\"\r\nc";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static boolean indexed;

    @LocalServerPort
    int port;

    @Autowired
    ElasticsearchClient client;

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("agent7.elasticsearch.url", () -> TestElasticsearch.url().toString());
        registry.add("agent7.bootstrap.admin-password", () -> TestAccounts.ADMIN_PASSWORD);
    }

    static Map<String, Object> process(int i) {
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("pid", i);
        process.put("name", i % 1000 == 0 ? FORMULA : i % 1000 == 1 ? QUOTED : "proc-" + (i % 13));
        if (i % 2 == 0) {
            process.put("args", List.of("-k", "x,y"));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("@timestamp", "2026-01-01T00:00:00.000Z");
        document.put("agent7", Map.of("type", "process", "present", true));
        document.put("host", Map.of("id", HOST, "name", "it-host"));
        document.put("process", process);
        return document;
    }

    /** Once, after the service has installed the schema (so that the documents meet its mappings). */
    @BeforeEach
    void index() throws Exception {
        if (indexed) {
            return;
        }
        for (int from = 0; from < COUNT; from += 5_000) {
            List<BulkOperation> operations = IntStream.range(from, Math.min(COUNT, from + 5_000))
                    .mapToObj(i -> BulkOperation.of(o -> o.index(x -> x.index("agent7-process")
                            .id(HOST + "-" + i)
                            .routing(HOST)
                            .document(process(i)))))
                    .toList();
            BulkResponse response = client.bulk(b -> b.operations(operations));
            assertThat(response.errors())
                    .as("bulk errors: %s", response.items())
                    .isFalse();
        }
        TestElasticsearch.refresh("agent7-process");
        indexed = true;
    }

    HttpResponse<String> get(String... parameters) throws Exception {
        StringBuilder query = new StringBuilder("filter=" + encode("host.id,eq," + HOST));
        for (String parameter : parameters) {
            int eq = parameter.indexOf('=');
            query.append('&').append(parameter, 0, eq).append('=').append(encode(parameter.substring(eq + 1)));
        }
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/process?" + query))
                .header("Authorization", TestAccounts.adminBasic())
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void aCsvExportStreamsEveryDocumentOnceAndReadsBackExactly() throws Exception {
        HttpResponse<String> answer = get("format=csv", "fields=process.pid,process.name,process.args");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/csv")
                .containsIgnoringCase("charset=UTF-8");
        assertThat(answer.headers().firstValue("Agent7-Total")).hasValue(Integer.toString(COUNT));
        assertThat(answer.headers().firstValue("Agent7-Total-Exact")).hasValue("true");
        assertThat(answer.headers().firstValue("Content-Length"))
                .as("streamed in chunks, not collected first")
                .isEmpty();
        List<List<String>> records = CsvWriterTest.rfc4180(answer.body());
        assertThat(records.get(0)).containsExactly("_id", "process.pid", "process.name", "process.args");
        Set<String> ids = new HashSet<>();
        for (List<String> row : records.subList(1, records.size())) {
            assertThat(ids.add(row.get(0))).as("%s twice", row.get(0)).isTrue();
            int pid = Integer.parseInt(row.get(1));
            String name = name(pid);
            assertThat(row.get(2)).isEqualTo(name.startsWith("=") ? "'" + name : name);
            assertThat(row.get(3)).isEqualTo(pid % 2 == 0 ? "'-k\nx,y" : "");
        }
        assertThat(ids).hasSize(COUNT);
    }

    @SuppressWarnings("unchecked")
    static String name(int pid) {
        return (String) ((Map<String, Object>) process(pid).get("process")).get("name");
    }

    @Test
    void anNdjsonExportIsEveryDocumentOnceALine() throws Exception {
        HttpResponse<String> answer = get("format=ndjson", "orderby=-process.pid", "exc_fields=agent7");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        List<Integer> pids = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        assertThat(answer.body()).endsWith("}\n");
        for (String line : answer.body().split("\n")) {
            JsonNode item = JSON.readTree(line);
            assertThat(ids.add(item.path("_id").asString())).isTrue();
            assertThat(item.has("agent7")).as("exc_fields").isFalse();
            pids.add(item.path("process").path("pid").asInt());
            if (item.path("process").path("pid").asInt() == 1) {
                assertThat(item.path("process").path("name").asString()).isEqualTo(QUOTED);
            }
        }
        assertThat(pids).hasSize(COUNT).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    }

    @Test
    void cursorPagesOverHttpReachEveryDocumentOnce() throws Exception {
        Set<String> ids = new HashSet<>();
        String cursor = "*";
        int pages = 0;
        while (cursor != null) {
            HttpResponse<String> answer = get("cursor=" + cursor, "limit=5000", "fields=process.pid");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.path("total").asLong()).isEqualTo(COUNT);
            assertThat(body.path("total_exact").asBoolean()).isTrue();
            assertThat(body.path("offset").asLong()).isEqualTo(ids.size());
            for (JsonNode item : body.path("items")) {
                assertThat(ids.add(item.path("_id").asString())).isTrue();
            }
            cursor = body.has("next_cursor") ? body.path("next_cursor").asString() : null;
            pages++;
        }
        assertThat(pages).isEqualTo(5);
        assertThat(ids).hasSize(COUNT);
    }

    @Test
    void groupsDistinctValuesAndTheCountAgreeWithTheDocuments() throws Exception {
        JsonNode groups = JSON.readTree(get("groupby=process.name", "limit=100").body());
        JsonNode distinct =
                JSON.readTree(get("distinct=process.name", "limit=100").body());
        JsonNode count = JSON.readTree(get("getcount=true").body());

        long sum = 0;
        for (JsonNode group : groups.path("groups")) {
            sum += group.path("count").asLong();
        }
        assertThat(sum).isEqualTo(COUNT);
        assertThat(groups.path("groups")).hasSize(15);
        assertThat(distinct.path("values")).hasSize(15);
        assertThat(count.path("total").asLong()).isEqualTo(COUNT);
    }

    @Test
    void badOptionsAndForgedCursorsAreProblemDetailsNamingTheParameter() throws Exception {
        HttpResponse<String> typo = get("orderby=process.pid;proces.name");
        HttpResponse<String> forged = get("cursor=eyJ2IjoxfQ");

        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(typo.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(typo.body());
        assertThat(problem.path("parameter").asString()).isEqualTo("orderby");
        assertThat(problem.path("position").path("start").asInt()).isEqualTo(12);
        assertThat(problem.path("position").path("end").asInt()).isEqualTo(23);
        assertThat(problem.path("expected").asString()).contains("keyword, number");
        assertThat(problem.path("suggestions").get(0).asString()).isEqualTo("process.name");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(forged.body()).path("parameter").asString()).isEqualTo("cursor");
    }

    /**
     * The original API's seed request, sent as its users wrote it: {@code ;} between the
     * parameters, backslashes and the star raw, only the spaces encoded. alice (privileged,
     * enabled, on yesterday) has a task as ALICE in C:\Users\Public; bob, the same, only one under
     * C:\Program Files.
     */
    @Test
    void theSeedRequestVerbatimOverHttp() throws Exception {
        String host = "it-seed-" + UUID.randomUUID();
        put(
                "local_user",
                host,
                host + "-alice",
                Map.of(
                        "user",
                        Map.of("name", "alice", "privileged", true, "enabled", true, "last_logon", yesterday())));
        put(
                "local_user",
                host,
                host + "-bob",
                Map.of("user", Map.of("name", "bob", "privileged", true, "enabled", true, "last_logon", yesterday())));
        put("scheduled_task", host, host + "-t1", task("t1", "ALICE", "C:\\Users\\Public\\x.exe"));
        put("scheduled_task", host, host + "-t2", task("t2", "bob", "C:\\Program Files\\y.exe"));
        TestElasticsearch.refresh("agent7-local_user,agent7-scheduled_task");

        String answer = rawGet("/api/agent/users?as_json=True;filter=last_logon,gt,2%20months%20ago;is_priv,eq,1;"
                + "active,eq,true;models=tasks,schtasks;cmd_line,notlike,C:\\Program%20Files\\*");

        assertThat(answer.substring(0, answer.indexOf("\r\n"))).as(answer).contains(" 200");
        JsonNode body = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        List<String> ids = new ArrayList<>();
        body.path("items").forEach(item -> ids.add(item.path("_id").asString()));
        assertThat(ids).contains(host + "-alice").doesNotContain(host + "-bob");
        assertThat(body.path("type").asString()).isEqualTo("local_user");
    }

    static String yesterday() {
        return java.time.Instant.now().minus(java.time.Duration.ofDays(1)).toString();
    }

    static Map<String, Object> task(String name, String user, String image) {
        return Map.of(
                "scheduled_task", Map.of("path", "\\" + name, "name", name),
                "user", Map.of("name", user),
                "process", Map.of("executable", image, "command_line", image));
    }

    /** A document as the ingest API stores it: normalised, join keys from the host, the server's fields set. */
    void put(String type, String host, String id, Map<String, Object> raw) throws Exception {
        io.agent7.schema.Schema schema = io.agent7.schema.Schema.standard();
        io.agent7.schema.DataType dataType = schema.require(type);
        @SuppressWarnings("unchecked")
        Map<String, Object> source =
                JSON.convertValue(schema.normalizer(dataType).normalize(JSON.valueToTree(raw), host), Map.class);
        source.put("host", Map.of("id", host, "name", host));
        source.put("@timestamp", "2026-01-01T00:00:00.000Z");
        @SuppressWarnings("unchecked")
        Map<String, Object> agent7 = new LinkedHashMap<>((Map<String, Object>) source.getOrDefault("agent7", Map.of()));
        agent7.put("type", type);
        agent7.put("present", true);
        source.put("agent7", agent7);
        client.index(i -> i.index(dataType.index()).id(id).routing(host).document(source));
    }

    /**
     * GET over a plain socket: Java's URI refuses the raw backslashes a user types. HTTP/1.0,
     * so that the answer comes whole, not chunked.
     */
    String rawGet(String target) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            String request = "GET " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: "
                    + TestAccounts.adminBasic() + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
