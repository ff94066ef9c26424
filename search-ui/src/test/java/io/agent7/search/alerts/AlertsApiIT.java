package io.agent7.search.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.agent7.server.accounts.Account;
import io.agent7.server.accounts.AccountStore;
import io.agent7.server.accounts.Role;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alerts API and pages over real HTTP on the real node, with alerts planted as the
 * detection engine writes them: the list's filters and cursor, the workflow and its audit
 * records, concurrent writers, bad input refused with nothing changed, and who may do what.
 * Every alert, rule and host is this run's own, so other tests' alerts never count.
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
class AlertsApiIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String INDEX = "agent7-alerts";
    static final String PASSWORD = "alerts-it-password";
    static final String ANALYST = "alerts-analyst-" + RUN;
    static final String VIEWER = "alerts-viewer-" + RUN;
    static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ElasticsearchClient client;

    @Autowired
    AccountStore accounts;

    @Autowired
    PasswordEncoder encoder;

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("agent7.elasticsearch.url", () -> TestElasticsearch.url().toString());
        registry.add("agent7.bootstrap.admin-password", () -> TestAccounts.ADMIN_PASSWORD);
    }

    @BeforeEach
    void accounts() {
        accounts.create(new Account(ANALYST, encoder.encode(PASSWORD), Set.of(Role.ANALYST), true, Instant.now()));
        accounts.create(new Account(VIEWER, encoder.encode(PASSWORD), Set.of(Role.VIEWER), true, Instant.now()));
    }

    /** An alert of this run's, open and medium, raised {@code hours} after T0 on this run's first host. */
    static AlertDocuments alert(String name, int hours) {
        return AlertDocuments.alert("it-alert-" + RUN + "-" + name, T0.plus(Duration.ofHours(hours)))
                .host("it-host-" + RUN + "-1", "it-win-" + RUN + "-1")
                .rule("it-rule-" + RUN, "Task outside system folders " + RUN)
                .reason("A scheduled task runs C:\\Temp\\" + name + ".exe")
                .scheduledTask("\\" + name, "alice", "C:\\Temp\\" + name + ".exe");
    }

    void plant(AlertDocuments... alerts) throws Exception {
        List<BulkOperation> operations = Stream.of(alerts)
                .map(a -> BulkOperation.of(
                        o -> o.index(i -> i.index(INDEX).id(a.id()).document(a.document()))))
                .toList();
        var response = client.bulk(b -> b.operations(operations).refresh(Refresh.WaitFor));
        assertThat(response.errors()).as("planting: %s", response.items()).isFalse();
    }

    @Test
    void theListFiltersByStatusSeverityRuleHostTimeAndWordsNewestFirst() throws Exception {
        String rule = "it-rule-list-" + RUN;
        String otherHost = "it-host-" + RUN + "-2";
        List<AlertDocuments> planted = new ArrayList<>();
        String[] statuses = {"open", "acknowledged", "closed", "open", "open", "acknowledged", "open"};
        String[] severities = {"low", "medium", "high", "critical", "high", "low", "medium"};
        for (int i = 0; i < 7; i++) {
            AlertDocuments a = alert("list-" + i, i)
                    .rule(rule, i % 2 == 0 ? "Persistence through tasks" : "Odd rule out")
                    .status(statuses[i])
                    .severity(severities[i], 21, 10.5)
                    .reason(i == 4 ? "alpha beta gamma" : "a task runs number " + i);
            if (i >= 5) {
                a.host(otherHost, "it-win-" + RUN + "-2");
            }
            planted.add(a);
        }
        plant(planted.toArray(AlertDocuments[]::new));

        assertThat(ids(list("rule=" + rule))).containsExactly(names(6, 5, 4, 3, 2, 1, 0));
        assertThat(list("rule=" + rule).path("total").asLong()).isEqualTo(7);
        assertThat(ids(list("rule=" + rule, "status=open"))).containsExactly(names(6, 4, 3, 0));
        assertThat(ids(list("rule=" + rule, "status=acknowledged,closed"))).containsExactly(names(5, 2, 1));
        assertThat(ids(list("rule=" + rule, "severity=high", "severity=critical")))
                .containsExactly(names(4, 3, 2));
        assertThat(ids(list("rule=" + rule, "host=" + otherHost))).containsExactly(names(6, 5));
        assertThat(ids(list("rule=" + rule, "host=IT-WIN-" + RUN + "-2")))
                .as("host names compare as the host reports them, in any case")
                .containsExactly(names(6, 5));
        assertThat(ids(list(
                        "rule=" + rule, "from=" + T0.plus(Duration.ofHours(2)), "to=" + T0.plus(Duration.ofHours(5)))))
                .as("from inclusive, to exclusive")
                .containsExactly(names(4, 3, 2));
        assertThat(ids(list("rule=" + rule, "q=beta alp"))).containsExactly(names(4));
        assertThat(ids(list("rule=" + rule, "q=odd rul"))).containsExactly(names(5, 3, 1));

        // Pages of 3: 3, 3 and 1, each alert once, and no cursor after the last.
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = cursor == null
                    ? list("rule=" + rule, "size=3")
                    : list("rule=" + rule, "size=3", "cursor=" + cursor);
            paged.addAll(ids(page));
            cursor = page.path("next_cursor").isNull()
                    ? null
                    : page.path("next_cursor").asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(paged).containsExactly(names(6, 5, 4, 3, 2, 1, 0));
    }

    @Test
    void oneAlertIsItsStoredDocumentAndAnUnknownIdIsA404Problem() throws Exception {
        AlertDocuments a = alert("get", 0);
        plant(a);

        HttpResponse<String> found = send("GET", "/api/v1/alerts/" + a.id(), analyst(), null);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(found.body());
        assertThat(body.path("_id").asString()).isEqualTo(a.id());
        assertThat(body.path("rule").path("name").asString()).isEqualTo("Task outside system folders " + RUN);
        assertThat(body.path("alert")
                        .path("source")
                        .path("scheduled_task")
                        .path("path")
                        .asString())
                .isEqualTo("\\get");

        for (String[] call : new String[][] {
            {"GET", "/api/v1/alerts/it-alert-" + RUN + "-nope", null},
            {"POST", "/api/v1/alerts/it-alert-" + RUN + "-nope/acknowledge", null},
            {"POST", "/api/v1/alerts/it-alert-" + RUN + "-nope/notes", "{\"text\": \"x\"}"}
        }) {
            HttpResponse<String> missing = send(call[0], call[1], analyst(), call[2]);
            assertThat(missing.statusCode()).as(call[1]).isEqualTo(404);
            assertProblem(missing, "No alert 'it-alert-" + RUN + "-nope'");
        }
    }

    @Test
    void anAnalystAcknowledgesAssignsNotesClosesAndReopensAndEachChangeIsAudited() throws Exception {
        AlertDocuments a = alert("flow", 0);
        plant(a);
        String base = "/api/v1/alerts/" + a.id();

        JsonNode acknowledged = ok(send("POST", base + "/acknowledge", analyst(), null));
        assertThat(acknowledged.path("outcome").asString()).isEqualTo("changed");
        assertThat(acknowledged.path("alert").path("alert").path("status").asString())
                .isEqualTo("acknowledged");
        assertThat(acknowledged
                        .path("alert")
                        .path("alert")
                        .path("acknowledged_by")
                        .asString())
                .isEqualTo(ANALYST);
        assertThat(ok(send("POST", base + "/acknowledge", analyst(), "{}"))
                        .path("outcome")
                        .asString())
                .isEqualTo("unchanged");

        ok(send("POST", base + "/assign", analyst(), "{\"assignee\": \"carol\"}"));
        assertThat(stored(a.id()).assignee()).isEqualTo("carol");
        ok(send("POST", base + "/assign", analyst(), "{\"assignee\": \"\"}"));
        assertThat(stored(a.id()).assignee()).isEmpty();

        Instant before = Instant.now();
        ok(send("POST", base + "/notes", analyst(), "{\"text\": \"Ran by the backup job.\\nChecked.\"}"));
        Alert.Note note = stored(a.id()).notes().get(0);
        assertThat(note.author()).isEqualTo(ANALYST);
        assertThat(note.text()).isEqualTo("Ran by the backup job.\nChecked.");
        assertThat(Instant.parse(note.at())).isBetween(before.minusSeconds(1), Instant.now());

        ok(send("POST", base + "/close", analyst(), "{\"reason\": \"false positive\"}"));
        Alert closed = stored(a.id());
        assertThat(closed.status()).isEqualTo(AlertStatus.CLOSED);
        assertThat(closed.text("alert.closed_reason")).isEqualTo("false positive");
        assertThat(closed.text("alert.closed_by")).isEqualTo(ANALYST);

        HttpResponse<String> refused = send("POST", base + "/acknowledge", analyst(), null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertProblem(refused, "reopen it first");

        ok(send("POST", base + "/reopen", analyst(), null));
        Alert reopened = stored(a.id());
        assertThat(reopened.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(reopened.value("alert.closed_reason")).isNull();
        assertThat(reopened.notes()).hasSize(1);
        assertThat(reopened.text("alert.count"))
                .as("the engine's fields as it wrote them")
                .isEqualTo("1");

        assertThat(audited(a.id()))
                .containsExactly(
                        "alert.acknowledge",
                        "alert.assign",
                        "alert.assign",
                        "alert.note",
                        "alert.close",
                        "alert.reopen");
    }

    @Test
    void badInputIsA400NamingWhatIsWrongAndChangesNothing() throws Exception {
        AlertDocuments a = alert("bad", 0);
        plant(a);
        Map<String, Object> before = stored(a.id()).document();
        String base = "/api/v1/alerts/" + a.id();
        String ids = "[\"" + a.id() + "\"]";

        Map<String[], String> cases = new java.util.LinkedHashMap<>();
        cases.put(new String[] {"POST", base + "/close", null}, "reason is required");
        cases.put(new String[] {"POST", base + "/close", "{\"reason\": \" \"}"}, "reason is required");
        cases.put(new String[] {"POST", base + "/close", "{\"reasn\": \"fp\"}"}, "unknown field 'reasn'");
        cases.put(new String[] {"POST", base + "/close", "{\"reason\": \"" + "r".repeat(1001) + "\"}"}, "at most 1000");
        cases.put(new String[] {"POST", base + "/notes", "{\"text\": \"\"}"}, "text is required");
        cases.put(
                new String[] {"POST", base + "/notes", "{\"text\": \"" + "n".repeat(10_001) + "\"}"}, "at most 10000");
        cases.put(new String[] {"POST", base + "/assign", "{}"}, "assignee is required");
        cases.put(new String[] {"POST", base + "/acknowledge", "{\"force\": true}"}, "unknown field 'force'");
        cases.put(new String[] {"POST", base + "/close", "not json"}, "");
        cases.put(new String[] {"GET", "/api/v1/alerts?status=opened", null}, "status must be one of open");
        cases.put(new String[] {"GET", "/api/v1/alerts?size=501", null}, "size must be a number from 1 to 500");
        cases.put(new String[] {"GET", "/api/v1/alerts?cursor=xyz", null}, "cursor is damaged");
        cases.put(
                new String[] {"POST", "/api/v1/alerts/bulk", "{\"ids\": " + ids + ", \"action\": \"delete\"}"},
                "action must be one of acknowledge, assign, close, reopen, got 'delete'");
        cases.put(
                new String[] {"POST", "/api/v1/alerts/bulk", "{\"ids\": " + ids + ", \"action\": \"close\"}"},
                "reason is required");
        cases.put(new String[] {"POST", "/api/v1/alerts/bulk", "{\"action\": \"acknowledge\"}"}, "ids is required");
        cases.put(
                new String[] {
                    "POST",
                    "/api/v1/alerts/bulk",
                    "{\"ids\": " + JSON.writeValueAsString(Collections.nCopies(1001, a.id()))
                            + ", \"action\": \"acknowledge\"}"
                },
                "at most 1000");
        for (var c : cases.entrySet()) {
            HttpResponse<String> answer = send(c.getKey()[0], c.getKey()[1], analyst(), c.getKey()[2]);
            assertThat(answer.statusCode())
                    .as(c.getKey()[1] + " " + c.getKey()[2] + ": " + answer.body())
                    .isEqualTo(400);
            assertProblem(answer, c.getValue());
        }
        assertThat(stored(a.id()).document()).as("nothing changed").isEqualTo(before);
        assertThat(audited(a.id())).isEmpty();
    }

    @Test
    void twoAnalystsNotingAtOnceWhileTheEngineAddsMatchesLoseNothing() throws Exception {
        AlertDocuments a = alert("race", 0);
        plant(a);
        String path = "/api/v1/alerts/" + a.id() + "/notes";
        int notes = 7;
        int matches = 11;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<Integer>>> writers = new ArrayList<>();
            for (String who : List.of(analyst(), TestAccounts.adminBasic())) {
                writers.add(pool.submit(() -> {
                    start.await();
                    List<Integer> statuses = new ArrayList<>();
                    for (int i = 0; i < notes; i++) {
                        String text = (who.equals(analyst()) ? "analyst " : "admin ") + i;
                        statuses.add(send("POST", path, who, "{\"text\": \"" + text + "\"}")
                                .statusCode());
                    }
                    return statuses;
                }));
            }
            // The engine adds matches with partial updates, as it does, between the notes.
            Callable<List<Integer>> engine = () -> {
                start.await();
                for (int i = 2; i <= matches + 1; i++) {
                    Map<String, Object> partial = Map.of(
                            "alert",
                            Map.of(
                                    "count",
                                    i,
                                    "last_match_at",
                                    T0.plusSeconds(i).toString()));
                    client.update(u -> u.index(INDEX).id(a.id()).doc(partial).retryOnConflict(10), Map.class);
                }
                return List.of();
            };
            Future<List<Integer>> counting = pool.submit(engine);
            start.countDown();
            for (Future<List<Integer>> writer : writers) {
                assertThat(writer.get()).as("every note answered").containsOnly(200);
            }
            counting.get();
        } finally {
            pool.shutdownNow();
        }

        Alert after = stored(a.id());
        List<String> texts = after.notes().stream().map(Alert.Note::text).toList();
        assertThat(texts).hasSize(2 * notes).doesNotHaveDuplicates();
        for (int i = 0; i < notes; i++) {
            assertThat(texts).contains("analyst " + i, "admin " + i);
        }
        assertThat(texts.stream().filter(t -> t.startsWith("analyst")).toList())
                .as("each writer's notes in the order written")
                .isSorted();
        assertThat(after.text("alert.count")).as("the engine's last count").isEqualTo(Integer.toString(matches + 1));
    }

    @Test
    void aBulkAnswersAnOutcomePerIdAndChangesOnlyWhatItMay() throws Exception {
        AlertDocuments open = alert("bulk-open", 0);
        AlertDocuments closed = alert("bulk-closed", 1).status("closed");
        AlertDocuments acknowledged = alert("bulk-ack", 2).status("acknowledged");
        plant(open, closed, acknowledged);
        String unknown = "it-alert-" + RUN + "-bulk-nope";

        JsonNode answer = ok(send(
                "POST",
                "/api/v1/alerts/bulk",
                analyst(),
                "{\"action\": \"close\", \"reason\": \"resolved\", \"ids\": [\"" + open.id() + "\", \"" + closed.id()
                        + "\", \"" + acknowledged.id() + "\", \"" + unknown + "\", \"" + open.id() + "\"]}"));

        assertThat(answer.path("action").asString()).isEqualTo("close");
        List<String> outcomes = new ArrayList<>();
        answer.path("results")
                .forEach(r -> outcomes.add(
                        r.path("id").asString() + "=" + r.path("outcome").asString()));
        assertThat(outcomes)
                .containsExactly(
                        open.id() + "=changed",
                        closed.id() + "=unchanged",
                        acknowledged.id() + "=changed",
                        unknown + "=not_found");
        assertThat(answer.path("counts").path("changed").asInt()).isEqualTo(2);
        assertThat(stored(open.id()).text("alert.closed_reason")).isEqualTo("resolved");
        assertThat(stored(closed.id()).value("alert.closed_reason")).isNull();

        JsonNode refused = ok(send(
                "POST",
                "/api/v1/alerts/bulk",
                analyst(),
                "{\"action\": \"acknowledge\", \"ids\": [\"" + open.id() + "\"]}"));
        assertThat(refused.path("results").get(0).path("outcome").asString()).isEqualTo("refused");
        assertThat(refused.path("results").get(0).path("detail").asString()).contains("reopen it first");

        ok(send(
                "POST",
                "/api/v1/alerts/bulk",
                analyst(),
                "{\"action\": \"assign\", \"assignee\": \"dave\", \"ids\": [\"" + open.id() + "\", \"" + closed.id()
                        + "\"]}"));
        assertThat(stored(open.id()).assignee()).isEqualTo("dave");
        assertThat(stored(closed.id()).assignee()).isEqualTo("dave");
        assertThat(audited(open.id())).containsExactly("alert.close", "alert.assign");
        assertThat(audited(closed.id())).containsExactly("alert.assign");
    }

    @Test
    void aViewerIsRefusedTheAlertsAndAStrangerAsked() throws Exception {
        AlertDocuments a = alert("roles", 0);
        plant(a);
        String viewer = basic(VIEWER);

        assertThat(send("GET", "/api/v1/alerts?rule=it-rule-" + RUN, viewer, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/api/v1/alerts/" + a.id(), viewer, null).statusCode())
                .isEqualTo(403);
        assertThat(send("POST", "/api/v1/alerts/" + a.id() + "/acknowledge", viewer, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(page("GET", "/alerts", viewer, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/alerts", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/alerts?rule=it-rule-" + RUN, analyst(), null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(stored(a.id()).status()).isEqualTo(AlertStatus.OPEN);

        assertThat(page("GET", "/dashboard", viewer, null).body())
                .as("no alerts tile for those who may not open alerts")
                .doesNotContain("tile-alerts")
                .doesNotContain("nav-alerts");
        assertThat(page("GET", "/dashboard", analyst(), null).body())
                .contains("id=\"tile-alerts\"")
                .contains("Alerts by severity and rule")
                .contains("/alerts?status=open&amp;severity=critical")
                .contains("id=\"nav-alerts\"");
    }

    @Test
    void thePagesShowAnAlertAndTheirFormsChangeIt() throws Exception {
        AlertDocuments a = alert("page", 0);
        plant(a);
        String rule = "it-rule-" + RUN;

        HttpResponse<String> list = page("GET", "/alerts?rule=" + rule, analyst(), null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body())
                .contains("href=\"/alerts/" + a.id() + "\"")
                .contains("href=\"/hosts/it-host-" + RUN + "-1\"")
                .contains("A scheduled task runs C:\\Temp\\page.exe")
                .contains("name=\"ids\" value=\"" + a.id() + "\"");

        HttpResponse<String> one = page("GET", "/alerts/" + a.id(), analyst(), null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body())
                .contains("Task outside system folders " + RUN)
                .contains("TA0003 Persistence")
                .contains("T1053.005 Scheduled Task")
                .contains("id=\"open-source\"")
                .contains("id=\"run-query\"")
                .contains("process.executable,notlike,C:\\Program Files\\*")
                .contains("scheduled_task.path");
        assertThat(page("GET", "/alerts/it-alert-" + RUN + "-nope", analyst(), null)
                        .statusCode())
                .isEqualTo(404);

        // The host's page lists its open alerts, for analysts only.
        String host = "it-host-" + RUN + "-1";
        client.index(i -> i.index("agent7-host")
                .id(host)
                .routing(host)
                .document(Map.of(
                        "@timestamp", T0.toString(),
                        "agent7", Map.of("type", "host", "present", true),
                        "host", Map.of("id", host, "name", "it-win-" + RUN + "-1")))
                .refresh(Refresh.WaitFor));
        assertThat(page("GET", "/hosts/" + host, analyst(), null).body())
                .contains("id=\"alerts\"")
                .contains("href=\"/alerts/" + a.id() + "\"")
                .contains("href=\"/alerts?host=" + host + "\"");
        assertThat(page("GET", "/hosts/" + host, basic(VIEWER), null).body())
                .contains("id=\"host-name\"")
                .doesNotContain("id=\"alerts\"");

        HttpResponse<String> noted =
                page("POST", "/alerts/" + a.id() + "/note", analyst(), "text=" + enc("from the page"));
        assertThat(noted.statusCode()).isEqualTo(302);
        assertThat(noted.headers().firstValue("Location").orElse("")).endsWith("/alerts/" + a.id());
        assertThat(stored(a.id()).notes()).extracting(Alert.Note::text).containsExactly("from the page");

        HttpResponse<String> noReason = page("POST", "/alerts/" + a.id() + "/close", analyst(), "reason=");
        assertThat(noReason.statusCode()).isEqualTo(302);
        assertThat(stored(a.id()).status()).isEqualTo(AlertStatus.OPEN);

        HttpResponse<String> bulk = page(
                "POST",
                "/alerts/bulk",
                analyst(),
                "ids=" + enc(a.id()) + "&action=acknowledge&back=" + enc("/alerts?rule=" + rule));
        assertThat(bulk.headers().firstValue("Location").orElse("")).endsWith("/alerts?rule=" + rule);
        assertThat(stored(a.id()).status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        HttpResponse<String> elsewhere = page(
                "POST",
                "/alerts/bulk",
                analyst(),
                "ids=" + enc(a.id()) + "&action=reopen&back=" + enc("https://elsewhere.example/alerts"));
        assertThat(elsewhere.headers().firstValue("Location").orElse("")).endsWith("/alerts");
        assertThat(stored(a.id()).status()).isEqualTo(AlertStatus.OPEN);
    }

    @Test
    void theListPageTurnsAfterAHundredKeepingItsFilters() throws Exception {
        // A rule id that must be encoded, once: a space and a plus.
        String rule = "it-rule pages+" + RUN;
        AlertDocuments[] alerts = new AlertDocuments[AlertPagesController.PAGE_ROWS + 1];
        for (int i = 0; i < alerts.length; i++) {
            alerts[i] = alert("paged-" + i, i)
                    .rule(rule, "Paged " + RUN)
                    .host("it-host-" + RUN + "-paged", "it-win-" + RUN + "-paged");
        }
        plant(alerts);

        HttpResponse<String> first = page("GET", "/alerts?status=open&rule=" + enc(rule), analyst(), null);
        assertThat(first.body()).contains("101 alerts").doesNotContain("paged-0\"");
        var next =
                java.util.regex.Pattern.compile("id=\"next\" href=\"([^\"]+)\"").matcher(first.body());
        assertThat(next.find()).as("a link to the next page").isTrue();
        String nextUrl = next.group(1).replace("&amp;", "&");
        HttpResponse<String> second = page("GET", nextUrl, analyst(), null);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body())
                .contains("value=\"" + alerts[0].id() + "\"")
                .doesNotContain("value=\"" + alerts[1].id() + "\"")
                .doesNotContain("id=\"next\"");
        assertThat(second.body()).as("the filters kept").contains("value=\"" + rule + "\"");
    }

    // --- helpers

    static String[] names(int... numbers) {
        String prefix = "it-alert-" + RUN + "-list-";
        return java.util.Arrays.stream(numbers).mapToObj(n -> prefix + n).toArray(String[]::new);
    }

    JsonNode list(String... parameters) throws Exception {
        StringBuilder query = new StringBuilder();
        for (String parameter : parameters) {
            int eq = parameter.indexOf('=');
            query.append(query.isEmpty() ? "?" : "&")
                    .append(parameter, 0, eq)
                    .append('=')
                    .append(enc(parameter.substring(eq + 1)));
        }
        return ok(send("GET", "/api/v1/alerts" + query, analyst(), null));
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("alerts").forEach(a -> ids.add(a.path("_id").asString()));
        return ids;
    }

    Alert stored(String id) throws Exception {
        var found = client.get(g -> g.index(INDEX).id(id), Map.class);
        assertThat(found.found()).as(id).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> source = found.source();
        return new Alert(id, source);
    }

    /** The audit actions recorded on the alert, oldest first. */
    List<String> audited(String id) throws Exception {
        TestElasticsearch.refresh("agent7-audit");
        var found = client.search(
                s -> s.index("agent7-audit")
                        .size(100)
                        .query(q -> q.term(t -> t.field("audit.target").value(id)))
                        .sort(o -> o.field(f ->
                                f.field("@timestamp").order(co.elastic.clients.elasticsearch._types.SortOrder.Asc))),
                Map.class);
        List<String> actions = new ArrayList<>();
        for (var hit : found.hits().hits()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> source = hit.source();
            assertThat(Documents.text(source, "user.name")).isIn(ANALYST, TestAccounts.ADMIN);
            assertThat(Documents.text(source, "event.outcome")).isEqualTo("success");
            actions.add(Documents.text(source, "event.action"));
        }
        return actions;
    }

    static JsonNode ok(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    static void assertProblem(HttpResponse<String> answer, String detail) {
        assertThat(answer.headers().firstValue("Content-Type").orElse(""))
                .as(answer.body())
                .startsWith("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("detail").asString()).contains(detail);
    }

    HttpResponse<String> send(String method, String path, String authorization, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** As a browser asks for a page, or posts a form. */
    HttpResponse<String> page(String method, String path, String authorization, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .header("Authorization", authorization);
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String analyst() {
        return basic(ANALYST);
    }

    static String basic(String name) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
