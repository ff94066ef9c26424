package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agent7.agent.state.HostFacts;
import io.agent7.agent.transport.ServerClient;
import io.agent7.protocol.Batch;
import io.agent7.protocol.CheckinReport;
import io.agent7.schema.Schema;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.ServiceProcess;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console in a real browser, against the real services and the real node, with a fixture
 * fleet posted through the ingest API as agents post it: sign in, ask the seed question from
 * the search box and see the expected accounts, see a question that does not parse marked,
 * open a host page, follow a dashboard tile to its query, export CSV and compare it with the
 * API's, sign out, and find that a viewer cannot see the admin pages. Each page is saved as a
 * screenshot (target/console-screenshots).
 */
@ExtendWith(ElasticsearchExtension.class)
class ConsoleBrowserIT {

    static final String SITE_KEY = "sk_console_" + UUID.randomUUID();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String VIEWER_PASSWORD = "console-viewer-password";
    /**
     * The seed question, about this run's accounts only: under ./agent7 test every module shares
     * one node, and other tests plant accounts that answer it too.
     */
    static final String SEED = "user.name,like,*-" + RUN
            + ";last_logon,gt,2 months ago;is_priv,eq,1;active,eq,true;models=tasks,schtasks;image,notlike,C:\\Program Files\\*";

    static ServiceProcess ingest;
    static ServiceProcess search;
    static Browser browser;
    static final List<String> hostIds = new ArrayList<>();

    @BeforeAll
    static void fleet() throws Exception {
        String es = TestElasticsearch.url().toString();
        Path state = Files.createTempDirectory("agent7-console-ingest");
        ingest = ServiceProcess.start(
                "ingest-api",
                Map.of(
                        "AGENT7_ELASTICSEARCH_URL", es,
                        "AGENT7_STATE_DIR", state.toString(),
                        "AGENT7_BOOTSTRAP_SITE_KEY", SITE_KEY));
        search = FleetSupport.plainConsole();
        String yesterday = Instant.now().minus(Duration.ofDays(1)).toString();
        String longAgo = Instant.now().minus(Duration.ofDays(200)).toString();
        // win-a: alice's task runs from C:\Users\Public (found); bob's from Program Files (not).
        post(
                "win-a-" + RUN,
                List.of(user("alice-" + RUN, true, true, yesterday), user("bob-" + RUN, true, true, yesterday)),
                List.of(
                        task("t1", "alice-" + RUN, "C:\\Users\\Public\\x.exe"),
                        task("t2", "bob-" + RUN, "C:\\Program Files\\Vendor\\y.exe")),
                List.of());
        // win-b: dave's startup item runs from C:\Temp (found); frank is privileged but stale.
        post(
                "win-b-" + RUN,
                List.of(user("dave-" + RUN, true, true, yesterday), user("frank-" + RUN, true, true, longAgo)),
                List.of(task("t3", "frank-" + RUN, "C:\\Temp\\old.exe")),
                List.of(startup("Updater", "dave-" + RUN, "C:\\Temp\\evil.exe")));
        // win-c: erin is not privileged.
        post(
                "win-c-" + RUN,
                List.of(user("erin-" + RUN, false, true, yesterday)),
                List.of(task("t4", "erin-" + RUN, "C:\\Temp\\erin.exe")),
                List.of());
        TestElasticsearch.refresh("agent7-*");
        FleetSupport.admin(
                search.url("/"),
                "POST",
                "/api/v1/admin/accounts",
                "{\"name\":\"viewer-" + RUN + "\",\"password\":\"" + VIEWER_PASSWORD + "\",\"role\":\"viewer\"}");
        // The hosts' own documents are written by their check-ins, a moment later.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            TestElasticsearch.refresh("agent7-host");
            assertThat(api("/api/v1/host?filter=" + enc("host.name,like,win-?-" + RUN) + "&getcount=true")
                            .path("total")
                            .asLong())
                    .isEqualTo(3);
        });
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        FleetSupport.closeAll(ingest, search, browser);
    }

    @Test
    void anAnalystsDayInTheConsole() throws Exception {
        var driver = browser.driver;
        browser.forgetCookies();
        driver.get(search.url("/").toString());
        assertThat(driver.getCurrentUrl()).endsWith("/login");
        browser.screenshot("01-sign-in");
        signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        assertThat(driver.findElement(By.id("user")).getText()).isEqualTo(TestAccounts.ADMIN);

        // The seed question, typed into the search box.
        new Select(driver.findElement(By.id("type"))).selectByValue("local_user");
        WebElement box = driver.findElement(By.id("q"));
        box.clear();
        box.sendKeys(SEED);
        browser.follow(By.id("run"));
        assertThat(driver.findElement(By.id("syntax")).getText()).isEqualTo("URI filter DSL");
        assertThat(driver.findElements(By.cssSelector(".join-group"))).hasSize(1);
        Set<String> users = column("user.name");
        assertThat(users)
                .contains("alice-" + RUN, "dave-" + RUN)
                .doesNotContain("bob-" + RUN, "frank-" + RUN, "erin-" + RUN);
        assertThat(driver.getCurrentUrl()).contains("q=").contains("type=local_user");
        // alice's row opens onto the task that made it match.
        WebElement alice =
                driver.findElement(By.xpath("//table[@id='results']//tr[td[normalize-space()='alice-" + RUN + "']]"));
        alice.findElement(By.cssSelector("a.expand")).click();
        WebElement related = await().atMost(Duration.ofSeconds(10))
                .until(() -> driver.findElements(By.cssSelector("#results tr.related")), list -> !list.isEmpty())
                .get(0);
        assertThat(related.getText()).contains("scheduled_task").contains("C:\\Users\\Public\\x.exe");
        assertThat(related.getText()).doesNotContain("C:\\Program Files");
        browser.screenshot("02-seed-question");

        // Saved, shared and put on the dashboard from the search page.
        driver.findElement(By.id("save-open")).click();
        driver.findElement(By.id("save-name")).sendKeys("Seed question " + RUN);
        driver.findElement(By.id("save-shared")).click();
        driver.findElement(By.id("save-dashboard")).click();
        browser.follow(By.id("save-submit"));
        assertThat(driver.getCurrentUrl()).endsWith("/saved");
        browser.follow(By.linkText("Seed question " + RUN));
        assertThat(driver.findElement(By.id("q")).getAttribute("value")).isEqualTo(SEED);
        assertThat(column("user.name")).contains("alice-" + RUN, "dave-" + RUN);

        // The same question in Lucene syntax says so.
        driver.get(search.url("/?type=local_user&q=" + enc("user.name:alice-" + RUN))
                .toString());
        assertThat(driver.findElement(By.id("syntax")).getText()).isEqualTo("Lucene syntax");
        assertThat(column("user.name")).containsExactly("alice-" + RUN);

        // Values are suggested as a clause reaches them.
        new Select(driver.findElement(By.id("type"))).selectByValue("local_user");
        WebElement typing = driver.findElement(By.id("q"));
        typing.clear();
        typing.sendKeys("is_priv,eq,1;user.name,eq,alice-" + RUN.substring(0, 3));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(driver.findElements(By.cssSelector("#value-suggestions option")).stream()
                                        .map(o -> o.getAttribute("value"))
                                        .toList())
                                .contains("is_priv,eq,1;user.name,eq,alice-" + RUN));
        assertThat(typing.getAttribute("list")).isEqualTo("value-suggestions");

        // A misspelt field is marked where it was written.
        driver.get(search.url("/?type=local_user&q=" + enc("is_priv,eq,1;lastlogon,gt,yesterday"))
                .toString());
        WebElement problem = driver.findElement(By.id("problem"));
        assertThat(problem.getText()).contains("lastlogon");
        assertThat(driver.findElement(By.id("problem-mark")).getText()).isEqualTo("lastlogon");
        browser.screenshot("03-query-error");

        // CSV export of the seed question: the file the console links, with the analyst's session,
        // holds the same rows as the API's own export.
        driver.get(search.url("/?type=local_user&q=" + enc(SEED)).toString());
        String href = driver.findElement(By.id("export-csv")).getAttribute("href");
        Cookie session = driver.manage().getCookieNamed("JSESSIONID");
        String fromConsole = FleetSupport.HTTP
                .send(
                        HttpRequest.newBuilder(URI.create(href))
                                .header("Cookie", "JSESSIONID=" + session.getValue())
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        String fromApi = FleetSupport.HTTP
                .send(
                        HttpRequest.newBuilder(search.url("/api/v1/local_user?format=csv&filter=" + enc(SEED)))
                                .header("Authorization", TestAccounts.adminBasic())
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(new HashSet<>(fromConsole.lines().toList()))
                .isEqualTo(new HashSet<>(fromApi.lines().toList()));
        assertThat(fromConsole).contains("alice-" + RUN).contains("dave-" + RUN).doesNotContain("bob-" + RUN);

        // A host name links to its page: facts, items in tabs, the timeline.
        browser.follow(By.xpath("//a[contains(@class,'host') and text()='win-b-" + RUN + "']"));
        assertThat(driver.findElement(By.id("host-name")).getText()).isEqualTo("win-b-" + RUN);
        assertThat(driver.findElement(By.id("facts")).getText()).contains("Windows Server 2022");
        browser.follow(By.xpath("//div[@id='tabs']/a[text()='startup_item']"));
        assertThat(driver.findElement(By.id("items")).getText()).contains("Updater");
        assertThat(driver.findElement(By.id("timeline")).getText())
                .contains("appeared")
                .contains("local_user");
        browser.screenshot("04-host-page");

        // The dashboard draws its charts and each tile opens its question.
        driver.get(search.url("/dashboard").toString());
        assertThat(driver.findElements(By.id("status"))).as("an error page").isEmpty();
        assertThat(driver.findElements(By.cssSelector(".tile"))).hasSizeGreaterThanOrEqualTo(9);
        assertThat(driver.findElements(By.cssSelector(".tile-error"))).isEmpty();
        assertThat(driver.findElement(By.xpath("//a[@class='tile-query' and text()='Seed question " + RUN + "']"))
                        .findElement(By.xpath("../.."))
                        .findElement(By.className("count"))
                        .getText())
                .as("the saved seed question's tile counts alice and dave")
                .isEqualTo("2");
        browser.screenshot("05-dashboard");
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !driver.findElements(By.cssSelector("canvas[data-ready]"))
                            .isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no chart was drawn; the browser's console: " + browser.consoleLog(), e);
        }
        long privileged = Long.parseLong(driver.findElement(By.cssSelector("#tile-privileged-accounts .count"))
                .getText());
        assertThat(privileged).isGreaterThanOrEqualTo(4);
        browser.follow(By.cssSelector("#tile-privileged-accounts .tile-query"));
        assertThat(driver.findElement(By.id("q")).getAttribute("value")).isEqualTo("is_priv,eq,1;active,eq,true");
        assertThat(driver.findElement(By.id("total")).getText()).startsWith(privileged + " ");

        // The admin page, then sign out: the session is gone.
        driver.get(search.url("/admin").toString());
        assertThat(driver.findElement(By.id("accounts")).getText()).contains("viewer-" + RUN);
        browser.screenshot("06-admin");
        browser.follow(By.id("logout"));
        assertThat(driver.getCurrentUrl()).contains("/login");
        driver.get(search.url("/").toString());
        assertThat(driver.getCurrentUrl()).endsWith("/login");
    }

    @Test
    void aViewerCannotSeeTheAdminPages() throws Exception {
        var driver = browser.driver;
        browser.forgetCookies();
        driver.get(search.url("/login").toString());
        signIn("viewer-" + RUN, VIEWER_PASSWORD);
        assertThat(driver.findElement(By.id("user")).getText()).isEqualTo("viewer-" + RUN);
        assertThat(driver.findElements(By.linkText("Admin"))).isEmpty();
        driver.get(search.url("/admin").toString());
        assertThat(driver.findElement(By.id("status")).getText()).startsWith("403");
        assertThat(driver.findElement(By.id("forbidden")).getText()).contains("audit log");
        browser.screenshot("07-viewer-forbidden");
        driver.get(search.url("/").toString());
        assertThat(driver.findElement(By.id("user")).getText()).isEqualTo("viewer-" + RUN);
    }

    @Test
    void anAnalystTriagesAnAlert() throws Exception {
        var driver = browser.driver;
        String hostId = hostIds.get(0);
        String id = "e2e-alert-" + RUN;
        String rule = "Scheduled task outside system folders " + RUN;
        plantAlert(id, hostId, "win-a-" + RUN, rule);
        browser.forgetCookies();
        driver.get(search.url("/login").toString());
        signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);

        // The host page lists its open alerts.
        driver.get(search.url("/hosts/" + hostId).toString());
        assertThat(driver.findElement(By.id("alerts")).getText()).contains(rule);

        // The list, filtered to the host as typed into the filters.
        browser.follow(By.id("nav-alerts"));
        driver.findElement(By.id("filter-host")).sendKeys("win-a-" + RUN);
        browser.follow(By.id("filter"));
        // The filter loads a new page (GET /alerts?host=...): the row of that page, not of the list it replaces.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> driver.getCurrentUrl().contains("host=win-a-" + RUN));
        WebElement row = driver.findElement(By.cssSelector("#alerts tr[data-id='" + id + "']"));
        assertThat(row.getText())
                .contains(rule)
                .contains("win-a-" + RUN)
                .contains("open")
                .contains("high");
        browser.screenshot("10-alerts");

        // The alert: its rule, the item it matched, which opens as a search finding alice's task.
        browser.follow(row.findElement(By.cssSelector("a.open")));
        assertThat(driver.findElement(By.id("alert-title")).getText()).isEqualTo(rule);
        assertThat(driver.findElement(By.id("rule")).getText())
                .contains("TA0003 Persistence")
                .contains("T1053.005 Scheduled Task");
        assertThat(driver.findElement(By.id("source")).getText()).contains("C:\\Users\\Public\\x.exe");
        String sourceUrl = driver.findElement(By.id("open-source")).getAttribute("href");
        String alertUrl = driver.getCurrentUrl();

        // Acknowledge, note, close with a reason.
        browser.follow(By.id("acknowledge"));
        assertThat(driver.findElement(By.id("alert-status")).getText()).isEqualTo("acknowledged");
        assertThat(driver.findElement(By.id("message")).getText()).isEqualTo("Acknowledged.");
        driver.findElement(By.id("note-text")).sendKeys("alice says the task is hers: a backup script.");
        browser.follow(By.id("add-note"));
        assertThat(driver.findElement(By.id("notes")).getText())
                .contains("alice says the task is hers")
                .contains(TestAccounts.ADMIN);
        driver.findElement(By.id("close-reason")).sendKeys("false positive: alice's backup task");
        browser.follow(By.id("close"));
        assertThat(driver.findElement(By.id("alert-status")).getText()).isEqualTo("closed");
        assertThat(driver.findElement(By.id("workflow")).getText())
                .contains("false positive: alice's backup task")
                .contains(TestAccounts.ADMIN);
        assertThat(driver.findElements(By.id("close")))
                .as("a closed alert offers reopen, not close")
                .isEmpty();
        assertThat(driver.findElements(By.id("reopen"))).hasSize(1);
        browser.screenshot("11-alert-triage");

        var stored = TestElasticsearch.get(TestElasticsearch.url(), "/agent7-alerts/_doc/" + id)
                .path("_source")
                .path("alert");
        assertThat(stored.path("status").asString()).isEqualTo("closed");
        assertThat(stored.path("closed_reason").asString()).isEqualTo("false positive: alice's backup task");
        assertThat(stored.path("closed_by").asString()).isEqualTo(TestAccounts.ADMIN);
        assertThat(stored.path("acknowledged_by").asString()).isEqualTo(TestAccounts.ADMIN);
        assertThat(stored.path("notes")).hasSize(1);
        assertThat(stored.path("notes").get(0).path("author").asString()).isEqualTo(TestAccounts.ADMIN);
        assertThat(stored.path("count").asLong())
                .as("the engine's fields untouched")
                .isEqualTo(1);

        driver.get(sourceUrl);
        assertThat(driver.findElement(By.id("total")).getText()).startsWith("1 ");
        assertThat(driver.findElement(By.id("results")).getText())
                .contains("t1")
                .contains("win-a-" + RUN);
        driver.get(alertUrl);
        assertThat(driver.findElement(By.id("alert-status")).getText()).isEqualTo("closed");
    }

    /** An alert as the detection engine writes it, on alice's task of {@code host}. */
    private static void plantAlert(String id, String hostId, String hostName, String rule) {
        ObjectNode doc = FleetSupport.JSON.createObjectNode();
        String raised = Instant.now()
                .minus(Duration.ofMinutes(5))
                .truncatedTo(ChronoUnit.MILLIS)
                .toString();
        doc.put("@timestamp", raised);
        doc.putObject("agent7").put("type", "alert");
        doc.putObject("host").put("id", hostId).put("name", hostName);
        ObjectNode alert = doc.putObject("alert")
                .put("id", id)
                .put("status", "open")
                .put("severity", "high")
                .put("rule_type", "query")
                .put("source_type", "scheduled_task")
                .put("source_id", "e2e-source-" + RUN)
                .put("count", 1)
                .put("last_match_at", raised)
                .put("query", "process.executable,notlike,C:\\Program Files\\*");
        ObjectNode source = alert.putObject("source");
        source.putObject("host").put("id", hostId).put("name", hostName);
        source.putObject("scheduled_task").put("path", "\\t1").put("name", "t1");
        source.putObject("user").put("name", "alice-" + RUN);
        source.putObject("process").put("executable", "C:\\Users\\Public\\x.exe");
        doc.putObject("rule")
                .put("id", "e2e-rule-" + RUN)
                .put("name", rule)
                .put("version", "1")
                .put("ruleset", "custom")
                .put("description", "A scheduled task runs a program from outside the system's folders.");
        doc.putObject("event")
                .put("ingested", raised)
                .put("kind", "signal")
                .put("severity", 73)
                .put("risk_score", 73.0)
                .put("reason", "alice-" + RUN + "'s task t1 runs C:\\Users\\Public\\x.exe");
        ObjectNode threat = doc.putObject("threat").put("framework", "MITRE ATT&CK");
        threat.putObject("tactic").put("id", "TA0003").put("name", "Persistence");
        threat.putObject("technique").put("id", "T1053.005").put("name", "Scheduled Task");
        doc.putObject("user").put("name", "alice-" + RUN);
        doc.putObject("process").put("executable", "C:\\Users\\Public\\x.exe");
        TestElasticsearch.send(
                TestElasticsearch.url(), "PUT", "/agent7-alerts/_doc/" + enc(id) + "?refresh=true", doc.toString());
    }

    private static void signIn(String name, String password) {
        var driver = browser.driver;
        driver.findElement(By.id("username")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys(password);
        browser.follow(By.id("sign-in"));
    }

    /** The values of one column of the result table. */
    private static Set<String> column(String field) {
        var driver = browser.driver;
        List<WebElement> headers = driver.findElements(By.cssSelector("#results thead th"));
        int index = -1;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).getText().replaceAll("[ ▲▼]+$", "").equals(field)) {
                index = i;
            }
        }
        assertThat(index).as("a column " + field).isNotNegative();
        Set<String> values = new HashSet<>();
        for (WebElement row : driver.findElements(By.cssSelector("#results tbody tr"))) {
            values.add(row.findElements(By.tagName("td")).get(index).getText());
        }
        return values;
    }

    private static void post(String name, List<ObjectNode> users, List<ObjectNode> tasks, List<ObjectNode> startup)
            throws Exception {
        String machine = "console-" + name;
        ServerClient.Enrolled enrolled = ServerClient.enroll(
                ingest.url("/"),
                SITE_KEY,
                new HostFacts(machine, name, "windows", "Windows Server 2022", "10.0.20348", "10.0.20348"),
                "e2e",
                null);
        hostIds.add(enrolled.credentials().hostId());
        ServerClient agent = new ServerClient(enrolled.credentials(), "e2e", Clock.systemUTC());
        agent.checkin(new CheckinReport(
                "e2e",
                null,
                new CheckinReport.Host(
                        name,
                        "CORP",
                        List.of("10.0.0." + (hostIds.size() + 10)),
                        null,
                        "x86_64",
                        3600L,
                        null,
                        new CheckinReport.Os(
                                "windows",
                                "Windows Server 2022",
                                "Windows Server 2022 Datacenter",
                                "10.0.20348",
                                "10.0.20348",
                                "windows",
                                "windows")),
                new CheckinReport.Spool(0, 0),
                null,
                null));
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Schema schema = Schema.standard();
        agent.post(new Batch("u-" + name, Batch.Mode.SNAPSHOT, schema.require("local_user"), at, users, List.of()));
        agent.post(new Batch("t-" + name, Batch.Mode.SNAPSHOT, schema.require("scheduled_task"), at, tasks, List.of()));
        agent.post(new Batch("s-" + name, Batch.Mode.SNAPSHOT, schema.require("startup_item"), at, startup, List.of()));
    }

    private static ObjectNode user(String name, boolean privileged, boolean enabled, String lastLogon) {
        ObjectNode doc = FleetSupport.JSON.createObjectNode();
        doc.putObject("user")
                .put("name", name)
                .put("privileged", privileged)
                .put("enabled", enabled)
                .put("last_logon", lastLogon);
        return doc;
    }

    private static ObjectNode task(String name, String user, String image) {
        ObjectNode doc = FleetSupport.JSON.createObjectNode();
        doc.putObject("scheduled_task").put("path", "\\" + name).put("name", name);
        doc.putObject("user").put("name", user);
        doc.putObject("process").put("executable", image).put("command_line", "\"" + image + "\" /run");
        return doc;
    }

    private static ObjectNode startup(String name, String user, String image) {
        ObjectNode doc = FleetSupport.JSON.createObjectNode();
        doc.putObject("startup_item")
                .put("name", name)
                .put("location", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run")
                .put("scope", "user");
        doc.putObject("user").put("name", user);
        doc.putObject("process").put("executable", image).put("command_line", image);
        return doc;
    }

    private static tools.jackson.databind.JsonNode api(String path) throws Exception {
        HttpResponse<String> response = FleetSupport.HTTP.send(
                HttpRequest.newBuilder(search.url(path))
                        .header("Authorization", TestAccounts.adminBasic())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return FleetSupport.JSON.readTree(response.body());
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
