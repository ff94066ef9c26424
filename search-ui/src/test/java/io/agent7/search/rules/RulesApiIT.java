package io.agent7.search.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules API over real HTTP on the real node: create, versions, enable and disable, run
 * now, delete, preview without writing, export and import; bad rules refused with their
 * problems named and nothing stored; every change audited. Rule ids are this run's own.
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
class RulesApiIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("agent7.elasticsearch.url", () -> TestElasticsearch.url().toString());
        registry.add("agent7.bootstrap.admin-password", () -> TestAccounts.ADMIN_PASSWORD);
    }

    static String rule(String id, String extra) {
        return """
                id: %s
                name: Temp task %s
                severity: high
                threat:
                  - tactic: {id: TA0003, name: Persistence}
                    techniques: [{id: T1053.005, name: Scheduled Task}]
                type: query
                query:
                  types: [process]
                  text: process.name,eq,%s
                %s""".formatted(id, RUN, id, extra);
    }

    HttpResponse<String> call(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", TestAccounts.adminBasic());
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> yaml(String method, String path, String body) throws Exception {
        return call(method, path, "application/yaml", body);
    }

    @Test
    void aRuleIsCreatedChangedAsNewVersionsEnabledDisabledRunAndDeletedEachChangeAudited() throws Exception {
        String id = "api-" + RUN;
        HttpResponse<String> created = yaml("POST", "/api/v1/rules", rule(id, ""));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("rule").path("version").asInt())
                .isEqualTo(1);

        assertThat(yaml("POST", "/api/v1/rules", rule(id, "")).statusCode())
                .as("same id again")
                .isEqualTo(409);

        HttpResponse<String> changed = yaml("PUT", "/api/v1/rules/" + id, rule(id, "interval: 1m\n"));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(JSON.readTree(changed.body()).path("rule").path("version").asInt())
                .isEqualTo(2);
        HttpResponse<String> stale = yaml("PUT", "/api/v1/rules/" + id, rule(id, "version: 1\ninterval: 2m\n"));
        assertThat(stale.statusCode()).as("a change made to version 1").isEqualTo(409);
        assertThat(JSON.readTree(stale.body()).path("detail").asString()).contains("is at version 2, not 1");

        JsonNode v1 = JSON.readTree(
                call("GET", "/api/v1/rules/" + id + "?version=1", null, null).body());
        assertThat(v1.path("rule").path("interval").asString()).isEqualTo("5m");
        HttpResponse<String> asYaml = call("GET", "/api/v1/rules/" + id + "?format=yaml", null, null);
        assertThat(asYaml.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/yaml");
        assertThat(asYaml.body()).contains("interval: \"1m\"").contains("version: 2");

        JsonNode disabled = JSON.readTree(
                call("POST", "/api/v1/rules/" + id + "/disable", null, null).body());
        assertThat(disabled.path("rule").path("enabled").asBoolean()).isFalse();
        assertThat(disabled.path("rule").path("version").asInt()).isEqualTo(3);
        assertThat(call("POST", "/api/v1/rules/" + id + "/run", null, null).statusCode())
                .as("a disabled rule does not run")
                .isEqualTo(409);
        call("POST", "/api/v1/rules/" + id + "/enable", null, null);
        HttpResponse<String> run = call("POST", "/api/v1/rules/" + id + "/run", null, null);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
        JsonNode listed = JSON.readTree(call("GET", "/api/v1/rules", null, null).body());
        assertThat(listed.path("rules").findValuesAsString("id")).contains(id, "host-silent");

        assertThat(call("DELETE", "/api/v1/rules/" + id, null, null).statusCode())
                .isEqualTo(200);
        assertThat(call("GET", "/api/v1/rules/" + id, null, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/rules/" + id + "?version=2", null, null).statusCode())
                .as("old versions are kept")
                .isEqualTo(200);

        TestElasticsearch.refresh("agent7-audit");
        for (String action :
                new String[] {"rule.create", "rule.update", "rule.disable", "rule.enable", "rule.run", "rule.delete"}) {
            assertThat(TestElasticsearch.count(
                            "agent7-audit",
                            "{\"bool\":{\"filter\":[{\"term\":{\"event.action\":\"" + action
                                    + "\"}},{\"term\":{\"audit.target\":\"" + id + "\"}}]}}"))
                    .as(action)
                    .isEqualTo(1);
        }
    }

    @Test
    void aBadRuleIsA400NamingEachProblemAndNothingIsStored() throws Exception {
        String id = "bad-" + RUN;
        String[][] cases = {
            {"id: [unclosed", "not valid YAML"},
            {rule(id, "intervall: 5m\n"), "intervall"},
            {rule(id, "interval: 5s\n"), "interval: 5s is under the minimum of 10s"},
            {rule(id, "notify:\n  - webhook: ftp://hooks.example.com/x\n"), "is not an http or https URL"},
            {
                rule(id, "").replace("type: query", "type: threshold")
                        + "threshold: {group_by: [host.id, process.name, process.executable, process.pid], count: 2}\n",
                "at most 3"
            },
            {rule(id, "").replace("process.name,eq", "process.nme,eq"), "query.text"},
        };
        for (String[] c : cases) {
            HttpResponse<String> answer = yaml("POST", "/api/v1/rules", c[0]);
            assertThat(answer.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
            assertThat(answer.body()).as(c[0]).contains(c[1]);
        }
        assertThat(call("GET", "/api/v1/rules/" + id, null, null).statusCode()).isEqualTo(404);
        HttpResponse<String> json = call(
                "POST",
                "/api/v1/rules",
                "application/json",
                "{\"id\":\"" + id + "\",\"name\":\"x\",\"severity\":\"low\",\"type\":\"query\","
                        + "\"query\":{\"types\":[\"process\"],\"text\":\"\"},\"max_alerts\":\"many\"}");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(json.body())
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("max_alerts");
    }

    @Test
    void aPreviewShowsWhatARuleWouldRaiseAndWritesNoAlert() throws Exception {
        String host = "preview-" + RUN;
        String now = Instant.now().toString();
        TestElasticsearch.send(
                TestElasticsearch.url(),
                "PUT",
                "/agent7-process/_doc/preview-" + RUN + "?routing=" + host + "&refresh=true",
                "{\"@timestamp\":\"" + now + "\",\"event\":{\"ingested\":\"" + now + "\"},\"agent7\":{\"type\":"
                        + "\"process\",\"present\":true},\"host\":{\"id\":\"" + host + "\",\"name\":\"" + host
                        + "\"},\"process\":{\"pid\":1,\"name\":\"preview-" + RUN + "\"}}");
        TestElasticsearch.refresh("agent7-alerts");
        long alertsBefore = TestElasticsearch.count("agent7-alerts", "{\"match_all\":{}}");

        HttpResponse<String> preview = yaml(
                "POST",
                "/api/v1/rules/preview?from=" + Instant.now().minusSeconds(3600) + "&to="
                        + Instant.now().plusSeconds(5),
                rule("preview-" + RUN, ""));

        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(preview.body());
        assertThat(body.path("alerts")).hasSize(1);
        assertThat(body.path("alerts").get(0).path("reason").asString()).contains(host);
        TestElasticsearch.refresh("agent7-alerts");
        assertThat(TestElasticsearch.count("agent7-alerts", "{\"match_all\":{}}"))
                .isEqualTo(alertsBefore);
        assertThat(call("GET", "/api/v1/rules/preview-" + RUN, null, null).statusCode())
                .as("a previewed rule is not saved")
                .isEqualTo(404);
        assertThat(yaml("POST", "/api/v1/rules/preview?from=yesterday", rule("preview-" + RUN, ""))
                        .body())
                .contains("from must be an ISO-8601 time");
    }

    @Test
    void theBuiltInPackExportsAndImportsAsYamlAndABadFileImportsNothing() throws Exception {
        HttpResponse<String> exported = call("GET", "/api/v1/rules/export?ruleset=builtin", null, null);
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.body()).contains("id: \"host-silent\"").contains("---");
        JsonNode imported = JSON.readTree(
                yaml("POST", "/api/v1/rules/import", exported.body()).body());
        assertThat(imported.path("created")).isEmpty();
        assertThat(imported.path("updated")).isEmpty();
        assertThat(imported.path("unchanged").size()).isGreaterThanOrEqualTo(25);

        String two = rule("import-a-" + RUN, "") + "---\n" + rule("import-b-" + RUN, "interval: 1s\n");
        HttpResponse<String> refused = yaml("POST", "/api/v1/rules/import", two);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("[1].interval");
        assertThat(call("GET", "/api/v1/rules/import-a-" + RUN, null, null).statusCode())
                .as("the good rule of a bad file is not saved either")
                .isEqualTo(404);
    }
}
