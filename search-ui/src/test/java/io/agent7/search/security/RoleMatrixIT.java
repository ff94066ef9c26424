package io.agent7.search.security;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.agent7.server.accounts.Account;
import io.agent7.server.accounts.AccountStore;
import io.agent7.server.accounts.Role;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every page and endpoint of the console, with every role, over real HTTP on the real node:
 * who gets in, who gets a 403, and that nothing answers without a role. The matrix below is
 * the contract; a mapping the application has and the matrix lacks fails the test, so a new
 * endpoint cannot ship without a decision on who may call it.
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
class RoleMatrixIT {

    static final String PASSWORD = "role-matrix-password";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One request: the mapping it exercises, a concrete path, and the least role that may make it (null: open). */
    record Call(String method, String mapping, String path, Role least, String body) {}

    /** The contract. Pages redirect a stranger to the sign-in page; the API answers 401. */
    static final List<Call> MATRIX = List.of(
            new Call("GET", "/login", "/login", null, null),
            new Call("GET", "/", "/?type=process&q=process.name,eq,x", Role.VIEWER, null),
            new Call("GET", "/dashboard", "/dashboard", Role.VIEWER, null),
            new Call("GET", "/related", "/related?type=users&q=is_priv,eq,1;models=schtasks&k0=x", Role.VIEWER, null),
            new Call("GET", "/hosts", "/hosts", Role.VIEWER, null),
            new Call("GET", "/hosts/{id}", "/hosts/no-such-host", Role.VIEWER, null),
            new Call("GET", "/api/v1/{type}", "/api/v1/process?limit=1", Role.VIEWER, null),
            new Call("GET", "/api/agent/{type}", "/api/agent/process?limit=1", Role.VIEWER, null),
            new Call("GET", "/api/v1/search", "/api/v1/search?type=process&q=*", Role.VIEWER, null),
            new Call("GET", "/saved", "/saved", Role.ANALYST, null),
            new Call("POST", "/saved", "/saved", Role.ANALYST, "{}"),
            new Call("POST", "/saved/{id}/delete", "/saved/no-such-search/delete", Role.ANALYST, "{}"),
            new Call("GET", "/api/v1/saved-searches", "/api/v1/saved-searches", Role.ANALYST, null),
            new Call("POST", "/api/v1/saved-searches", "/api/v1/saved-searches", Role.ANALYST, "{}"),
            new Call(
                    "DELETE",
                    "/api/v1/saved-searches/{id}",
                    "/api/v1/saved-searches/no-such-search",
                    Role.ANALYST,
                    null),
            new Call("GET", "/alerts", "/alerts?status=open", Role.ANALYST, null),
            new Call("GET", "/alerts/{id}", "/alerts/no-such-alert", Role.ANALYST, null),
            new Call("POST", "/alerts/{id}/{action}", "/alerts/no-such-alert/acknowledge", Role.ANALYST, "{}"),
            new Call("POST", "/alerts/bulk", "/alerts/bulk", Role.ANALYST, "{}"),
            new Call("GET", "/api/v1/alerts", "/api/v1/alerts?size=1", Role.ANALYST, null),
            new Call("GET", "/api/v1/alerts/{id}", "/api/v1/alerts/no-such-alert", Role.ANALYST, null),
            new Call(
                    "POST",
                    "/api/v1/alerts/{id}/acknowledge",
                    "/api/v1/alerts/no-such-alert/acknowledge",
                    Role.ANALYST,
                    "{}"),
            new Call("POST", "/api/v1/alerts/{id}/close", "/api/v1/alerts/no-such-alert/close", Role.ANALYST, "{}"),
            new Call("POST", "/api/v1/alerts/{id}/reopen", "/api/v1/alerts/no-such-alert/reopen", Role.ANALYST, "{}"),
            new Call("POST", "/api/v1/alerts/{id}/assign", "/api/v1/alerts/no-such-alert/assign", Role.ANALYST, "{}"),
            new Call("POST", "/api/v1/alerts/{id}/notes", "/api/v1/alerts/no-such-alert/notes", Role.ANALYST, "{}"),
            new Call("POST", "/api/v1/alerts/bulk", "/api/v1/alerts/bulk", Role.ANALYST, "{}"),
            new Call("GET", "/response", "/response", Role.RESPONDER, null),
            new Call("POST", "/response", "/response", Role.RESPONDER, "{}"),
            new Call(
                    "GET",
                    "/response/requests/{requestId}",
                    "/response/requests/no-such-request",
                    Role.RESPONDER,
                    null),
            new Call(
                    "POST",
                    "/response/requests/{requestId}/{change}",
                    "/response/requests/no-such-request/cancel",
                    Role.RESPONDER,
                    "{}"),
            new Call("GET", "/response/commands/{id}", "/response/commands/no-such-command", Role.RESPONDER, null),
            new Call("POST", "/api/v1/commands", "/api/v1/commands", Role.RESPONDER, "{}"),
            new Call("POST", "/api/v1/commands/preview", "/api/v1/commands/preview", Role.RESPONDER, "{}"),
            new Call(
                    "GET",
                    "/api/v1/commands/requests/{requestId}",
                    "/api/v1/commands/requests/no-such-request",
                    Role.RESPONDER,
                    null),
            new Call(
                    "POST",
                    "/api/v1/commands/requests/{requestId}/approve",
                    "/api/v1/commands/requests/no-such-request/approve",
                    Role.RESPONDER,
                    "{}"),
            new Call(
                    "POST",
                    "/api/v1/commands/requests/{requestId}/cancel",
                    "/api/v1/commands/requests/no-such-request/cancel",
                    Role.RESPONDER,
                    "{}"),
            new Call("GET", "/api/v1/commands/{id}", "/api/v1/commands/no-such-command", Role.RESPONDER, null),
            new Call(
                    "GET",
                    "/api/v1/commands/{id}/output",
                    "/api/v1/commands/no-such-command/output",
                    Role.RESPONDER,
                    null),
            new Call("GET", "/admin", "/admin", Role.ADMIN, null),
            new Call("GET", "/api/v1/admin/accounts", "/api/v1/admin/accounts", Role.ADMIN, null),
            new Call("POST", "/api/v1/admin/accounts", "/api/v1/admin/accounts", Role.ADMIN, "{}"),
            new Call("GET", "/api/v1/admin/tokens", "/api/v1/admin/tokens", Role.ADMIN, null),
            new Call("POST", "/api/v1/admin/tokens", "/api/v1/admin/tokens", Role.ADMIN, "{}"),
            new Call(
                    "POST",
                    "/api/v1/admin/tokens/{id}/revoke",
                    "/api/v1/admin/tokens/no-such-token/revoke",
                    Role.ADMIN,
                    "{}"),
            new Call("GET", "/api/v1/admin/audit", "/api/v1/admin/audit?size=5", Role.ADMIN, null),
            new Call("GET", "/api/v1/admin/audit/verify", "/api/v1/admin/audit/verify", Role.ADMIN, null),
            new Call("GET", "/api/v1/rules", "/api/v1/rules", Role.ADMIN, null),
            new Call("POST", "/api/v1/rules", "/api/v1/rules", Role.ADMIN, "{}"),
            new Call("GET", "/api/v1/rules/{id}", "/api/v1/rules/host-silent", Role.ADMIN, null),
            new Call("PUT", "/api/v1/rules/{id}", "/api/v1/rules/no-such-rule", Role.ADMIN, "{}"),
            new Call("DELETE", "/api/v1/rules/{id}", "/api/v1/rules/no-such-rule", Role.ADMIN, null),
            new Call("POST", "/api/v1/rules/{id}/enable", "/api/v1/rules/no-such-rule/enable", Role.ADMIN, "{}"),
            new Call("POST", "/api/v1/rules/{id}/disable", "/api/v1/rules/no-such-rule/disable", Role.ADMIN, "{}"),
            new Call("POST", "/api/v1/rules/{id}/run", "/api/v1/rules/no-such-rule/run", Role.ADMIN, "{}"),
            new Call("POST", "/api/v1/rules/{id}/preview", "/api/v1/rules/no-such-rule/preview", Role.ADMIN, "{}"),
            new Call("POST", "/api/v1/rules/preview", "/api/v1/rules/preview", Role.ADMIN, "{}"),
            new Call("GET", "/api/v1/rules/export", "/api/v1/rules/export?ruleset=builtin", Role.ADMIN, null),
            new Call("POST", "/api/v1/rules/import", "/api/v1/rules/import", Role.ADMIN, "{}"));

    /** Mappings that are Spring's own and answer for every status: the error page. */
    static final Set<String> FRAMEWORK = Set.of("/error");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    AccountStore accounts;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ElasticsearchClient client;

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("agent7.elasticsearch.url", () -> TestElasticsearch.url().toString());
        registry.add("agent7.bootstrap.admin-password", () -> TestAccounts.ADMIN_PASSWORD);
    }

    @BeforeEach
    void accounts() {
        for (Role role : Role.values()) {
            accounts.create(new Account(account(role), encoder.encode(PASSWORD), Set.of(role), true, Instant.now()));
        }
    }

    static String account(Role role) {
        return "matrix-" + role.id();
    }

    @Test
    void everyMappingIsInTheMatrix() {
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<String> methods = info.getMethodsCondition().getMethods().isEmpty()
                    ? Set.of("ANY")
                    : info.getMethodsCondition().getMethods().stream()
                            .map(Enum::name)
                            .collect(Collectors.toSet());
            for (String pattern : info.getPatternValues()) {
                if (!FRAMEWORK.contains(pattern)) {
                    methods.forEach(m -> mapped.add(m + " " + pattern));
                }
            }
        }
        Set<String> inMatrix = new TreeSet<>();
        MATRIX.forEach(c -> inMatrix.add(c.method() + " " + c.mapping()));
        assertThat(inMatrix)
                .as("every mapping of the application has a row in the role matrix, and every row a mapping")
                .isEqualTo(mapped);
    }

    @Test
    void everyRoleGetsWhatItsRoleAllowsAndNothingMore() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Call call : MATRIX) {
            HttpResponse<String> stranger = send(call, null);
            boolean api = call.path().startsWith("/api/");
            if (call.least() == null) {
                expect(wrong, call, "nobody", stranger.statusCode() == 200, stranger);
            } else if (api) {
                expect(wrong, call, "nobody", stranger.statusCode() == 401, stranger);
            } else if (call.method().equals("GET")) {
                expect(
                        wrong,
                        call,
                        "nobody",
                        stranger.statusCode() == 302
                                && stranger.headers()
                                        .firstValue("Location")
                                        .orElse("")
                                        .endsWith("/login"),
                        stranger);
            } else {
                // A form posted without its page's CSRF token is refused before anything else.
                expect(wrong, call, "nobody", stranger.statusCode() == 403, stranger);
            }
            for (Role role : Role.values()) {
                HttpResponse<String> answer = send(call, basic(account(role)));
                boolean allowed = call.least() == null || role.compareTo(call.least()) >= 0;
                boolean ok = allowed
                        ? answer.statusCode() != 401 && answer.statusCode() != 403 && answer.statusCode() < 500
                        : answer.statusCode() == 403;
                expect(wrong, call, role.id(), ok, answer);
            }
        }
        assertThat(wrong).as("requests answered against the matrix").isEmpty();
    }

    @Test
    void aViewersRequestToAnAdminEndpointIsRefusedAndAudited() throws Exception {
        String marker = "/api/v1/admin/accounts?size=" + UUID.randomUUID();
        HttpResponse<String> answer = HTTP.send(
                request("GET", marker, basic(account(Role.VIEWER)), null), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("detail").asString()).contains("viewer");

        client.indices().refresh(r -> r.index("agent7-audit"));
        HttpResponse<String> log = HTTP.send(
                request("GET", "/api/v1/admin/audit?action=access.denied&size=1000", TestAccounts.adminBasic(), null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(log.statusCode()).isEqualTo(200);
        List<JsonNode> mine = new ArrayList<>();
        JSON.readTree(log.body()).path("records").forEach(r -> {
            if (r.path("audit").path("target").asString().equals("GET " + marker.substring(0, marker.indexOf('?')))
                    && r.path("user").path("name").asString().equals(account(Role.VIEWER))) {
                mine.add(r);
            }
        });
        assertThat(mine)
                .as("an access.denied record naming the viewer and the endpoint")
                .isNotEmpty();
        JsonNode record = mine.get(0);
        assertThat(record.path("event").path("outcome").asString()).isEqualTo("failure");
        assertThat(record.path("user").path("roles").toString())
                .contains("viewer")
                .doesNotContain("admin");
        assertThat(record.path("source").path("ip").asString()).isEqualTo("127.0.0.1");
    }

    @Test
    void anApiTokenActsWithItsRoleUntilRevokedAndIsShownOnce() throws Exception {
        String name = "matrix-script-" + UUID.randomUUID();
        HttpResponse<String> issued = HTTP.send(
                request(
                        "POST",
                        "/api/v1/admin/tokens",
                        TestAccounts.adminBasic(),
                        "{\"name\":\"" + name + "\",\"owner\":\"alice\",\"role\":\"viewer\",\"expires_in_days\":30}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(issued.body());
        String token = body.path("token").asString();
        String id = body.path("id").asString();
        assertThat(token).startsWith("a7t_" + id + ".");

        assertThat(status("GET", "/api/v1/process?limit=1", "Bearer " + token)).isEqualTo(200);
        assertThat(status("GET", "/api/v1/admin/tokens", "Bearer " + token)).isEqualTo(403);
        assertThat(status("GET", "/api/v1/process?limit=1", "Bearer " + token + "x"))
                .isEqualTo(401);

        HttpResponse<String> listed = HTTP.send(
                request("GET", "/api/v1/admin/tokens", TestAccounts.adminBasic(), null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(listed.body()).contains(id).doesNotContain(token.substring(token.indexOf('.') + 1));
        assertThat(listed.body()).doesNotContain("hash");

        assertThat(status("POST", "/api/v1/admin/tokens/" + id + "/revoke", TestAccounts.adminBasic()))
                .isEqualTo(200);
        assertThat(status("GET", "/api/v1/process?limit=1", "Bearer " + token)).isEqualTo(401);
        assertThat(status("POST", "/api/v1/admin/tokens/" + id + "/revoke", TestAccounts.adminBasic()))
                .as("revoking twice")
                .isEqualTo(404);
    }

    @Test
    void pagesCarryAContentSecurityPolicyWithoutInlineScript() throws Exception {
        HttpResponse<String> page = HTTP.send(
                request("GET", "/dashboard", basic(account(Role.VIEWER)), null), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp)
                .contains("script-src 'self'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.body()).doesNotContainPattern("<script>(?!</script>)").doesNotContain("<script>\n");
        assertThat(page.body()).doesNotContain("https://cdn").doesNotContain("//cdn.");
    }

    @Test
    void savedSearchesArePrivateUnlessSharedAndOnlyTheirOwnerDeletesThem() throws Exception {
        String analyst = basic(account(Role.ANALYST));
        String responder = basic(account(Role.RESPONDER));
        String mine = "matrix-private-" + UUID.randomUUID();
        String ours = "matrix-shared-" + UUID.randomUUID();
        HttpResponse<String> created = HTTP.send(
                request(
                        "POST",
                        "/api/v1/saved-searches",
                        analyst,
                        "{\"name\":\"" + mine + "\",\"type\":\"users\",\"query\":\"is_priv,eq,1\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("type").asString()).isEqualTo("local_user");
        assertThat(JSON.readTree(created.body()).path("syntax").asString()).isEqualTo("dsl");
        HttpResponse<String> shared = HTTP.send(
                request(
                        "POST",
                        "/api/v1/saved-searches",
                        analyst,
                        "{\"name\":\"" + ours + "\",\"type\":\"process\",\"query\":\"process.name:sshd\","
                                + "\"shared\":true,\"dashboard\":true}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(shared.statusCode()).as(shared.body()).isEqualTo(201);
        String sharedId = JSON.readTree(shared.body()).path("id").asString();
        assertThat(JSON.readTree(shared.body()).path("syntax").asString()).isEqualTo("lucene");

        String othersView = HTTP.send(
                        request("GET", "/api/v1/saved-searches", responder, null), HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(othersView).contains(ours).doesNotContain(mine);
        assertThat(HTTP.send(
                                request("GET", "/api/v1/saved-searches", analyst, null),
                                HttpResponse.BodyHandlers.ofString())
                        .body())
                .contains(ours)
                .contains(mine);
        String dashboard = HTTP.send(
                        request("GET", "/dashboard", basic(account(Role.VIEWER)), null),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(dashboard)
                .as("a shared dashboard search is a tile for everyone")
                .contains(ours);

        assertThat(status("DELETE", "/api/v1/saved-searches/" + sharedId, responder))
                .as("someone else's search")
                .isEqualTo(403);
        HttpResponse<String> bad = HTTP.send(
                request(
                        "POST",
                        "/api/v1/saved-searches",
                        analyst,
                        "{\"name\":\"matrix-bad\",\"type\":\"process\",\"query\":\"process.name,eq\",\"syntax\":\"dsl\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("does not parse as URI filter DSL");
        assertThat(status("DELETE", "/api/v1/saved-searches/" + sharedId, analyst))
                .isEqualTo(200);
        assertThat(HTTP.send(
                                request("GET", "/api/v1/saved-searches", analyst, null),
                                HttpResponse.BodyHandlers.ofString())
                        .body())
                .doesNotContain(ours)
                .doesNotContain("matrix-bad");
    }

    @Test
    void badAdminInputIsA400NamingWhatWasWrongAndCreatesNothing() throws Exception {
        HttpResponse<String> shortPassword = HTTP.send(
                request(
                        "POST",
                        "/api/v1/admin/accounts",
                        TestAccounts.adminBasic(),
                        "{\"name\":\"matrix-short\",\"password\":\"short\",\"role\":\"viewer\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(shortPassword.statusCode()).isEqualTo(400);
        assertThat(shortPassword.body()).contains("password must be at least 12");
        HttpResponse<String> badRole = HTTP.send(
                request(
                        "POST",
                        "/api/v1/admin/accounts",
                        TestAccounts.adminBasic(),
                        "{\"name\":\"matrix-badrole\",\"password\":\"long-enough-password\",\"role\":\"root\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(badRole.body()).contains("role must be one of viewer, analyst, responder, admin");
        assertThat(accounts.find("matrix-short")).isEmpty();
        assertThat(accounts.find("matrix-badrole")).isEmpty();
    }

    private int status(String method, String path, String authorization) throws Exception {
        return HTTP.send(
                        request(method, path, authorization, method.equals("POST") ? "{}" : null),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private HttpResponse<String> send(Call call, String authorization) throws Exception {
        return HTTP.send(
                request(call.method(), call.path(), authorization, call.body()), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, String authorization, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (!path.startsWith("/api/")) {
            // Pages are asked for as a browser asks for them.
            b.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    private static String basic(String name) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static void expect(List<String> wrong, Call call, String who, boolean ok, HttpResponse<String> answer) {
        if (!ok) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("who", who);
            line.put("call", call.method() + " " + call.path());
            line.put("least", call.least());
            line.put("status", answer.statusCode());
            line.put("body", answer.body().length() > 200 ? answer.body().substring(0, 200) : answer.body());
            wrong.add(line.toString());
        }
    }
}
