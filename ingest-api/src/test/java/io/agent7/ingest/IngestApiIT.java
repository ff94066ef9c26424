package io.agent7.ingest;

import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestElasticsearch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ingest API in this JVM against the real Elasticsearch: what its integration tests
 * share. Each test enrolls hosts of its own (random machine ids), so tests never see each
 * other's documents.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "agent7.tokens.revocation-refresh=1s",
            "agent7.ingest.max-body-size=256KB",
            "agent7.ingest.max-line-size=64KB",
            "agent7.ingest.max-documents=500",
            "logging.structured.format.console=",
            "logging.level.root=WARN",
            "logging.level.agent7.audit=WARN",
            "spring.main.banner-mode=off"
        })
@ExtendWith(ElasticsearchExtension.class)
abstract class IngestApiIT {

    static final String SITE_KEY = "sk_it_" + UUID.randomUUID();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Path STATE;
    /** The command-signing key pair, as ./agent7 up makes it; the ingest API gets the public half only. */
    static final java.security.KeyPair COMMAND_KEYS = io.agent7.protocol.CommandSignature.newKeyPair();

    static final Path COMMAND_KEY;

    static {
        try {
            STATE = Files.createTempDirectory("agent7-ingest-it");
            COMMAND_KEY = Files.writeString(
                    STATE.resolve("command-signing.pub"),
                    io.agent7.protocol.CommandSignature.encodePublicKey(COMMAND_KEYS.getPublic()));
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("agent7.elasticsearch.url", () -> TestElasticsearch.url().toString());
        registry.add("agent7.state-dir", STATE::toString);
        registry.add("agent7.commands.public-key", COMMAND_KEY::toString);
        registry.add("agent7.bootstrap.site-key", () -> SITE_KEY);
        registry.add("agent7.bootstrap.admin-password", () -> TestAccounts.ADMIN_PASSWORD);
    }

    record Response(int status, JsonNode body, java.net.http.HttpHeaders headers) {}

    /** An enrolled test agent: its ids and tokens. */
    record Agent(String agentId, String hostId, String machineId, String accessToken, String refreshToken) {}

    Agent enroll() {
        return enroll("it-" + UUID.randomUUID());
    }

    Agent enroll(String machineId) {
        return enroll(machineId, SITE_KEY);
    }

    Agent enroll(String machineId, String siteKey) {
        Response r = post(
                "/api/v1/agents/enroll",
                null,
                "application/json",
                "{\"site_key\":\"" + siteKey + "\",\"agent_version\":\"it\",\"host\":{\"machine_id\":\"" + machineId
                        + "\",\"name\":\"it-host\",\"os\":{\"family\":\"linux\"}}}");
        if (r.status() != 201) {
            throw new AssertionError("enrollment failed: " + r);
        }
        return new Agent(
                r.body().path("agent_id").asString(),
                r.body().path("host_id").asString(),
                machineId,
                r.body().path("access_token").asString(),
                r.body().path("refresh_token").asString());
    }

    Response post(String path, String bearer, String contentType, String body) {
        return send(path, bearer, contentType, null, body.getBytes(StandardCharsets.UTF_8), "POST");
    }

    Response send(String path, String bearer, String contentType, String encoding, byte[] body, String method) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        if (bearer != null) {
            request.header("Authorization", bearer.startsWith("Basic ") ? bearer : "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : parse(response.body());
            return new Response(response.statusCode(), json, response.headers());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.createObjectNode().put("raw", body);
        }
    }

    Response ingest(Agent agent, String type, String ndjson) {
        return post("/api/v1/ingest/" + type, agent.accessToken(), "application/x-ndjson", ndjson);
    }

    static String admin() {
        return TestAccounts.adminBasic();
    }

    /**
     * A time of yesterday (UTC), {@code hh:mm:ss[.fff]}, ISO-8601 with its Z: batches collected
     * then are taken, where a fixed date would in a week be older than the ingest API's
     * {@code agent7.ingest.max-batch-age}.
     */
    static String yesterday(String time) {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1) + "T" + time + "Z";
    }

    static String header(String id, String mode, String collectedAt) {
        return "{\"batch\":{\"id\":\"" + id + "\",\"mode\":\"" + mode + "\",\"collected_at\":\"" + collectedAt
                + "\"}}\n";
    }

    static String process(int pid, String start, String name) {
        return "{\"upsert\":{\"process\":{\"pid\":" + pid + ",\"start\":\"" + start + "\",\"name\":\"" + name
                + "\"}}}\n";
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    static long documentsOf(String index, String hostId) {
        return TestElasticsearch.count(index, "{\"term\":{\"host.id\":\"" + hostId + "\"}}");
    }
}
