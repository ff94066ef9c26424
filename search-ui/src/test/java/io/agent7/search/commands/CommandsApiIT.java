package io.agent7.search.commands;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import io.agent7.protocol.Command;
import io.agent7.protocol.CommandSignature;
import io.agent7.server.accounts.Account;
import io.agent7.server.accounts.AccountStore;
import io.agent7.server.accounts.Role;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestElasticsearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
 * The commands API over real HTTP on the real node: commands signed for each host that the
 * agents' pinned key verifies, a query frozen to its hosts after a confirmation of their
 * count, the server's allowlists per role and per user, approvals by a second responder,
 * cancellation, and bad input refused with nothing written. Hosts and accounts are this run's.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "agent7.console.plain-http=true",
            "server.address=127.0.0.1",
            "agent7.commands.approval-hosts=2",
            "logging.structured.format.console=",
            "logging.level.root=WARN",
            "spring.main.banner-mode=off"
        })
@ExtendWith(ElasticsearchExtension.class)
class CommandsApiIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String PASSWORD = "commands-it-password";
    static final String RESPONDER = "responder-" + RUN;
    static final String SECOND = "second-" + RUN;
    static final String ANALYST = "analyst-" + RUN;
    static final List<String> HOSTS =
            List.of("cmd-host-" + RUN + "-1", "cmd-host-" + RUN + "-2", "cmd-host-" + RUN + "-3");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final KeyPair KEYS = CommandSignature.newKeyPair();
    static final Path CONFIG = folder();

    @LocalServerPort
    int port;

    @Autowired
    ElasticsearchClient client;

    @Autowired
    AccountStore accounts;

    @Autowired
    PasswordEncoder encoder;

    static boolean planted;

    static Path folder() {
        try {
            Path dir = Files.createTempDirectory("agent7-commands-it");
            Files.writeString(dir.resolve("command-signing.key"), CommandSignature.encodePrivateKey(KEYS.getPrivate()));
            Path lists = Files.createDirectories(dir.resolve("allowlists"));
            // The responders' list: the built-in actions, journalctl with a bounded line count, and
            // hostname on the hosts of the web group only.
            Files.writeString(
                    lists.resolve("responder.properties"),
                    "run.journal.path=/usr/bin/journalctl\nrun.journal.args=-n \\d{1,3}\n"
                            + "group.web.run.hostname.path=/usr/bin/hostname\n");
            // One person may also run uptime and hostname anywhere, and use a shell.
            Files.writeString(
                    lists.resolve("user-" + SECOND + ".properties"),
                    "run.uptime.path=/usr/bin/uptime\nrun.hostname.path=/usr/bin/hostname\nshell=true\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("agent7.elasticsearch.url", () -> TestElasticsearch.url().toString());
        registry.add("agent7.bootstrap.admin-password", () -> TestAccounts.ADMIN_PASSWORD);
        registry.add(
                "agent7.commands.signing-key",
                () -> CONFIG.resolve("command-signing.key").toString());
        registry.add(
                "agent7.commands.allowlists", () -> CONFIG.resolve("allowlists").toString());
    }

    @BeforeEach
    void plant() throws Exception {
        accounts.create(new Account(RESPONDER, encoder.encode(PASSWORD), Set.of(Role.RESPONDER), true, Instant.now()));
        accounts.create(new Account(SECOND, encoder.encode(PASSWORD), Set.of(Role.RESPONDER), true, Instant.now()));
        accounts.create(new Account(ANALYST, encoder.encode(PASSWORD), Set.of(Role.ANALYST), true, Instant.now()));
        if (planted) {
            return;
        }
        for (int i = 0; i < HOSTS.size(); i++) {
            String host = HOSTS.get(i);
            Map<String, Object> hostDoc = new LinkedHashMap<>();
            hostDoc.put("@timestamp", "2026-12-05T00:00:00.000Z");
            hostDoc.put("agent7", Map.of("type", "host", "present", true));
            hostDoc.put("host", Map.of("id", host, "name", host));
            // Host groups: the first host is in db, the second in web, the third in none.
            if (i < 2) {
                hostDoc.put("host_state", Map.of("group", i == 0 ? "db" : "web"));
            }
            client.index(x -> x.index("agent7-host").id(host).routing(host).document(hostDoc));
            // nc runs on the first two hosts only.
            Map<String, Object> process = new LinkedHashMap<>();
            process.put("@timestamp", "2026-12-05T00:00:00.000Z");
            process.put("agent7", Map.of("type", "process", "present", true));
            process.put("host", Map.of("id", host, "name", host));
            process.put("process", Map.of("pid", 100 + i, "name", i < 2 ? "nc-" + RUN : "sshd"));
            client.index(x -> x.index("agent7-process")
                    .id(host + "-p")
                    .routing(host)
                    .refresh(Refresh.True)
                    .document(process));
        }
        TestElasticsearch.refresh("agent7-host");
        planted = true;
    }

    @Test
    void aCommandIsSignedForEachHostAndTheAgentsKeyVerifiesIt() throws Exception {
        HttpResponse<String> created = post(
                RESPONDER,
                "/api/v1/commands",
                Map.of(
                        "hosts",
                        HOSTS.subList(0, 2),
                        "action",
                        "run",
                        "argv",
                        List.of("/usr/bin/journalctl", "-n", "100"),
                        "reason",
                        "looking for the intruder's logons"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(created.body());
        assertThat(answer.path("state").asString()).isEqualTo("queued");
        assertThat(answer.path("hosts").asInt()).isEqualTo(2);
        for (JsonNode one : answer.path("commands")) {
            JsonNode stored = stored(one.path("id").asString());
            assertThat(stored.path("command").path("state").asString()).isEqualTo("queued");
            assertThat(stored.path("command").path("reason").asString()).isEqualTo("looking for the intruder's logons");
            assertThat(stored.path("user").path("name").asString()).isEqualTo(RESPONDER);
            Command command = CommandSignature.verify(
                    stored.path("command").path("signed").asString(), KEYS.getPublic());
            assertThat(command.hostId()).isEqualTo(one.path("host_id").asString());
            assertThat(command.id()).isEqualTo(one.path("id").asString());
            assertThat(command.argv()).containsExactly("/usr/bin/journalctl", "-n", "100");
            assertThat(command.expiresAt()).isAfter(Instant.now());
        }
        String requestId = answer.path("request_id").asString();
        JsonNode request = JSON.readTree(
                get(RESPONDER, "/api/v1/commands/requests/" + requestId).body());
        assertThat(request.path("states").path("queued").asInt()).isEqualTo(2);
        assertThat(request.path("commands").get(0).has("signed")).isFalse();
        assertThat(audit("command.request", requestId)).isEqualTo(1);
    }

    @Test
    void whatTheServerDoesNotAllowIsA403AndAnAuditRecordAndNothingIsWritten() throws Exception {
        long before = commandsOf(RESPONDER);
        HttpResponse<String> refused = post(
                RESPONDER,
                "/api/v1/commands",
                Map.of("hosts", HOSTS.subList(0, 1), "action", "run", "argv", List.of("/usr/bin/uptime")));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("running /usr/bin/uptime is not allowed");
        HttpResponse<String> arguments = post(
                RESPONDER,
                "/api/v1/commands",
                Map.of(
                        "hosts",
                        HOSTS.subList(0, 1),
                        "action",
                        "run",
                        "argv",
                        List.of("/usr/bin/journalctl", "-n", "100; rm -rf /")));
        assertThat(arguments.statusCode()).isEqualTo(403);
        assertThat(arguments.body()).contains("the arguments of /usr/bin/journalctl are not allowed");
        // The user's own list adds uptime for them alone.
        assertThat(post(
                                SECOND,
                                "/api/v1/commands",
                                Map.of(
                                        "hosts",
                                        HOSTS.subList(0, 1),
                                        "action",
                                        "run",
                                        "argv",
                                        List.of("/usr/bin/uptime")))
                        .statusCode())
                .isEqualTo(201);
        // An analyst cannot reach the feature at all.
        assertThat(post(ANALYST, "/api/v1/commands", Map.of("hosts", HOSTS.subList(0, 1), "action", "process_list"))
                        .statusCode())
                .isEqualTo(403);
        TestElasticsearch.refresh("agent7-commands");
        assertThat(commandsOf(RESPONDER)).isEqualTo(before);
        TestElasticsearch.refresh("agent7-audit");
        JsonNode records = TestElasticsearch.send(
                        TestElasticsearch.url(),
                        "POST",
                        "/agent7-audit/_search",
                        "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"event.action\":\"command.request\"}},"
                                + "{\"term\":{\"event.outcome\":\"failure\"}},{\"term\":{\"user.name\":\"" + RESPONDER
                                + "\"}}]}}}")
                .path("hits")
                .path("total");
        assertThat(records.path("value").asInt()).isEqualTo(2);
    }

    @Test
    void whatAListAllowsOnAHostGroupIsRefusedOnOtherHostsAndNothingIsWritten() throws Exception {
        Map<String, Object> hostname =
                new LinkedHashMap<>(Map.of("action", "run", "argv", List.of("/usr/bin/hostname")));
        hostname.put("hosts", HOSTS.subList(1, 2));
        HttpResponse<String> onWeb = post(RESPONDER, "/api/v1/commands", hostname);
        assertThat(onWeb.statusCode()).as(onWeb.body()).isEqualTo(201);

        long before = commandsOf(RESPONDER);
        hostname.put("hosts", HOSTS);
        HttpResponse<String> everywhere = post(RESPONDER, "/api/v1/commands", hostname);
        assertThat(everywhere.statusCode()).isEqualTo(403);
        assertThat(everywhere.body())
                .contains("running /usr/bin/hostname is not allowed for " + RESPONDER)
                .contains("allowed on the hosts of the group web only, and 2 of the 3 hosts are not in it")
                .contains(HOSTS.get(0) + " (group db)")
                .contains(HOSTS.get(2) + " (no group)");
        // A query's hosts are checked before their count is confirmed: no confirmation can help.
        hostname.remove("hosts");
        hostname.put("query", Map.of("type", "process", "q", "process.name,eq,nc-" + RUN));
        HttpResponse<String> byQuery = post(RESPONDER, "/api/v1/commands", hostname);
        assertThat(byQuery.statusCode()).isEqualTo(403);
        assertThat(byQuery.body()).contains("1 of the 2 hosts are not in it: " + HOSTS.get(0) + " (group db)");
        TestElasticsearch.refresh("agent7-commands");
        assertThat(commandsOf(RESPONDER)).isEqualTo(before);

        // Approving is sending: an approver limited to web's hosts cannot approve it for all three.
        hostname.remove("query");
        hostname.put("hosts", HOSTS);
        JsonNode asked =
                JSON.readTree(post(SECOND, "/api/v1/commands", hostname).body());
        assertThat(asked.path("state").asString()).isEqualTo("awaiting_approval");
        String requestId = asked.path("request_id").asString();
        HttpResponse<String> approval =
                post(RESPONDER, "/api/v1/commands/requests/" + requestId + "/approve", Map.of());
        assertThat(approval.statusCode()).isEqualTo(403);
        assertThat(approval.body()).contains("Not allowed to approve").contains("2 of the 3 hosts");
        JsonNode request = JSON.readTree(
                get(SECOND, "/api/v1/commands/requests/" + requestId).body());
        assertThat(request.path("states").path("awaiting_approval").asInt()).isEqualTo(3);
        TestElasticsearch.refresh("agent7-audit");
        JsonNode refusals = TestElasticsearch.send(
                        TestElasticsearch.url(),
                        "POST",
                        "/agent7-audit/_search",
                        "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"event.action\":\"command.approve\"}},"
                                + "{\"term\":{\"event.outcome\":\"failure\"}},{\"term\":{\"audit.target\":\""
                                + requestId + "\"}}]}}}")
                .path("hits")
                .path("total");
        assertThat(refusals.path("value").asInt()).isEqualTo(1);
    }

    @Test
    void aQueryGoesToTheHostsItMatchesOnceTheirCountIsConfirmed() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", Map.of("type", "process", "q", "process.name,eq,nc-" + RUN));
        body.put("action", "process_list");
        JsonNode preview =
                JSON.readTree(post(RESPONDER, "/api/v1/commands/preview", body).body());
        assertThat(preview.path("hosts").asInt()).isEqualTo(2);
        HttpResponse<String> unconfirmed = post(RESPONDER, "/api/v1/commands", body);
        assertThat(unconfirmed.statusCode()).isEqualTo(409);
        assertThat(unconfirmed.body()).contains("confirm_hosts=2");
        body.put("confirm_hosts", 3);
        assertThat(post(RESPONDER, "/api/v1/commands", body).statusCode()).isEqualTo(409);
        body.put("confirm_hosts", 2);
        HttpResponse<String> created = post(RESPONDER, "/api/v1/commands", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(created.body());
        assertThat(answer.path("commands").findValuesAsString("host_id"))
                .containsExactlyInAnyOrderElementsOf(HOSTS.subList(0, 2));
        JsonNode stored = stored(answer.path("commands").get(0).path("id").asString());
        assertThat(stored.path("command").path("query").asString()).isEqualTo("process: process.name,eq,nc-" + RUN);
    }

    @Test
    void manyHostsOrAShellWaitForASecondRespondersApproval() throws Exception {
        HttpResponse<String> created =
                post(RESPONDER, "/api/v1/commands", Map.of("hosts", HOSTS, "action", "process_list"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(created.body());
        assertThat(answer.path("state").asString()).isEqualTo("awaiting_approval");
        String requestId = answer.path("request_id").asString();
        String first = answer.path("commands").get(0).path("id").asString();
        assertThat(stored(first).path("command").has("signed"))
                .as("unsigned until approved")
                .isFalse();

        HttpResponse<String> own = post(RESPONDER, "/api/v1/commands/requests/" + requestId + "/approve", Map.of());
        assertThat(own.statusCode()).isEqualTo(403);
        assertThat(own.body()).contains("A second responder must approve");

        HttpResponse<String> approved = post(SECOND, "/api/v1/commands/requests/" + requestId + "/approve", Map.of());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(JSON.readTree(approved.body()).path("approved").asInt()).isEqualTo(3);
        JsonNode stored = stored(first);
        assertThat(stored.path("command").path("state").asString()).isEqualTo("queued");
        assertThat(stored.path("command").path("approved_by").asString()).isEqualTo(SECOND);
        assertThat(CommandSignature.verify(stored.path("command").path("signed").asString(), KEYS.getPublic())
                        .hostId())
                .isEqualTo(stored.path("host").path("id").asString());
        assertThat(post(SECOND, "/api/v1/commands/requests/" + requestId + "/approve", Map.of())
                        .statusCode())
                .as("nothing left to approve")
                .isEqualTo(409);

        // Shell mode needs an approval even on one host; only a list that allows a shell lets it be asked.
        Map<String, Object> shell = Map.of(
                "hosts", HOSTS.subList(0, 1), "action", "run", "argv", List.of("ls /tmp | wc -l"), "shell", true);
        assertThat(post(RESPONDER, "/api/v1/commands", shell).statusCode()).isEqualTo(403);
        JsonNode shelled = JSON.readTree(post(SECOND, "/api/v1/commands", shell).body());
        assertThat(shelled.path("state").asString()).isEqualTo("awaiting_approval");
    }

    @Test
    void cancelStopsWhatNoHostHasTakenAndMarksWhatRunsForItsAgentToStop() throws Exception {
        JsonNode answer = JSON.readTree(
                post(RESPONDER, "/api/v1/commands", Map.of("hosts", HOSTS.subList(0, 2), "action", "process_list"))
                        .body());
        String requestId = answer.path("request_id").asString();
        String delivered = answer.path("commands").get(0).path("id").asString();
        // The ingest API delivered the first one meanwhile.
        TestElasticsearch.send(
                TestElasticsearch.url(),
                "POST",
                "/agent7-commands/_update/" + delivered + "?refresh=true",
                "{\"doc\":{\"command\":{\"state\":\"delivered\"}}}");
        HttpResponse<String> cancelled = post(SECOND, "/api/v1/commands/requests/" + requestId + "/cancel", Map.of());
        assertThat(JSON.readTree(cancelled.body()).path("cancelled").asInt()).isEqualTo(1);
        // The one its host took stays with its agent, marked for it to stop (ResponseIT: a real agent does).
        assertThat(JSON.readTree(cancelled.body()).path("stopping").asInt()).isEqualTo(1);
        JsonNode request = JSON.readTree(
                get(RESPONDER, "/api/v1/commands/requests/" + requestId).body());
        assertThat(request.path("states").path("cancelled").asInt()).isEqualTo(1);
        assertThat(request.path("states").path("delivered").asInt()).isEqualTo(1);
        JsonNode marked = stored(delivered).path("command");
        assertThat(marked.path("cancel_requested_by").asString()).isEqualTo(SECOND);
        assertThat(marked.path("cancel_requested_at").asString()).isNotEmpty();
        // Cancelling again marks nothing twice.
        JsonNode again = JSON.readTree(post(SECOND, "/api/v1/commands/requests/" + requestId + "/cancel", Map.of())
                .body());
        assertThat(again.path("cancelled").asInt()).isZero();
        assertThat(again.path("stopping").asInt()).isZero();
    }

    @Test
    void outputIsTextWhenItIsUtf8AndBytesOtherwise() throws Exception {
        JsonNode answer = JSON.readTree(
                post(RESPONDER, "/api/v1/commands", Map.of("hosts", HOSTS.subList(0, 1), "action", "process_list"))
                        .body());
        String id = answer.path("commands").get(0).path("id").asString();
        chunk(id, 0, "héllo ".getBytes(StandardCharsets.UTF_8));
        chunk(id, 1, "world\n".getBytes(StandardCharsets.UTF_8));
        assertThat(JSON.readTree(get(RESPONDER, "/api/v1/commands/" + id).body())
                        .path("output")
                        .asString())
                .isEqualTo("héllo world\n");
        chunk(id, 2, new byte[] {(byte) 0xff, 0, 1});
        JsonNode binary = JSON.readTree(get(RESPONDER, "/api/v1/commands/" + id).body());
        assertThat(binary.has("output")).isFalse();
        assertThat(Base64.getDecoder().decode(binary.path("output_base64").asString()))
                .hasSize(16);
        HttpResponse<byte[]> raw = HTTP.send(
                authorized(RESPONDER, "/api/v1/commands/" + id + "/output").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(raw.body()).hasSize(16).endsWith((byte) 0xff, (byte) 0, (byte) 1);
        assertThat(get(RESPONDER, "/api/v1/commands/no-such-command").statusCode())
                .isEqualTo(404);
    }

    @Test
    void badRequestsAre400sNamingWhatIsWrong() throws Exception {
        assertThat(post(RESPONDER, "/api/v1/commands", Map.of("action", "process_list"))
                        .body())
                .contains("give hosts");
        HttpResponse<String> many = post(
                RESPONDER,
                "/api/v1/commands",
                Map.of("hosts", List.of("no-such-host-" + RUN), "action", "kill_process", "colour", "red"));
        assertThat(many.statusCode()).isEqualTo(400);
        assertThat(many.body())
                .contains("unknown field 'colour'")
                .contains("params.pid: kill_process needs it")
                .contains("params.start: kill_process needs it");
        HttpResponse<String> unknownHost = post(
                RESPONDER,
                "/api/v1/commands",
                Map.of("hosts", List.of("no-such-host-" + RUN), "action", "process_list"));
        assertThat(unknownHost.statusCode()).isEqualTo(400);
        assertThat(unknownHost.body()).contains("no host has the id no-such-host-" + RUN);
        HttpResponse<String> action =
                post(RESPONDER, "/api/v1/commands", Map.of("hosts", HOSTS.subList(0, 1), "action", "format_disk"));
        assertThat(action.statusCode()).isEqualTo(400);
        assertThat(action.body()).contains("unknown action 'format_disk'");
        HttpResponse<String> query = post(
                RESPONDER,
                "/api/v1/commands",
                Map.of("query", Map.of("type", "process", "q", "nosuchfield,eq,1"), "action", "process_list"));
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(query.body()).contains("nosuchfield");
    }

    private void chunk(String id, int seq, byte[] data) {
        TestElasticsearch.send(
                TestElasticsearch.url(),
                "PUT",
                "/agent7-command-output/_doc/" + id + "-" + seq + "?refresh=true",
                "{\"@timestamp\":\"2026-12-05T00:00:00Z\",\"agent7\":{\"type\":\"command_output\"},\"command\":{\"id\":\""
                        + id + "\"},\"command_output\":{\"seq\":" + seq + ",\"data\":\""
                        + Base64.getEncoder().encodeToString(data) + "\",\"size\":" + data.length + "}}");
    }

    private long commandsOf(String user) {
        return TestElasticsearch.send(
                        TestElasticsearch.url(),
                        "POST",
                        "/agent7-commands/_count",
                        "{\"query\":{\"term\":{\"user.name\":\"" + user + "\"}}}")
                .path("count")
                .asLong();
    }

    private long audit(String action, String target) {
        TestElasticsearch.refresh("agent7-audit");
        return TestElasticsearch.send(
                        TestElasticsearch.url(),
                        "POST",
                        "/agent7-audit/_count",
                        "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"event.action\":\"" + action + "\"}},"
                                + "{\"term\":{\"audit.target\":\"" + target + "\"}}]}}}")
                .path("count")
                .asLong();
    }

    private JsonNode stored(String id) {
        return TestElasticsearch.get(TestElasticsearch.url(), "/agent7-commands/_doc/" + id)
                .path("_source");
    }

    private HttpRequest.Builder authorized(String user, String path) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + basic);
    }

    private HttpResponse<String> get(String user, String path) throws Exception {
        return HTTP.send(authorized(user, path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String user, String path, Map<String, ?> body) throws Exception {
        return HTTP.send(
                authorized(user, path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
