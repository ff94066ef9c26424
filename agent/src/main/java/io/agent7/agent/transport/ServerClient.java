package io.agent7.agent.transport;

import io.agent7.agent.state.Credentials;
import io.agent7.agent.state.HostFacts;
import io.agent7.agent.sync.Batch;
import io.agent7.schema.JsonTrees;
import io.agent7.schema.Values;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The agent's side of docs/AGENT-PROTOCOL.md: enrollment, token refresh, batch posts. Keeps
 * the current access token and refreshes it shortly before it expires.
 */
public final class ServerClient {

    /** Refresh this long before expiry, so that a slow request never carries an expired token. */
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
    /** When the server is unreachable or says nothing, wait this long before trying again. */
    static final Duration DEFAULT_RETRY = Duration.ofSeconds(15);

    private final HttpClient http;
    private final Clock clock;
    private final Credentials credentials;
    private String accessToken;
    private Instant accessTokenExpires = Instant.EPOCH;

    public ServerClient(Credentials credentials, String agentVersion, Clock clock) {
        this(credentials, agentVersion, clock, client(credentials.caPem()));
    }

    /** With a client shared by many agents: the fleet simulator's thousands of hosts use one. */
    public ServerClient(Credentials credentials, String agentVersion, Clock clock, HttpClient http) {
        this.http = http;
        this.credentials = credentials;
        this.clock = clock;
    }

    public static HttpClient client(String caPem) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (caPem != null) {
            builder.sslContext(PinnedTrust.sslContext(caPem));
        }
        return builder.build();
    }

    /**
     * Enrolls with a site key; answers the credentials to store. With {@code caPem} the
     * server must present a certificate of that CA, which is then pinned; without it the
     * system's trust decides this one call, and the CA the server hands out is pinned.
     */
    public static Enrolled enroll(URI server, String siteKey, HostFacts host, String agentVersion, String caPem)
            throws ServerException {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("site_key", siteKey);
        body.put("agent_version", agentVersion);
        ObjectNode h = body.putObject("host");
        h.put("machine_id", host.machineId());
        h.put("name", host.hostName());
        h.putObject("os")
                .put("family", host.osFamily())
                .put("name", host.osName())
                .put("version", host.osVersion())
                .put("kernel", host.kernel());
        HttpClient http = client(caPem);
        JsonNode response = send(
                http,
                HttpRequest.newBuilder(server.resolve("/api/v1/agents/enroll"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JsonTrees.bytes(body))));
        String pinned = caPem != null ? caPem : response.path("ca_certificate").asString(null);
        if ("https".equals(server.getScheme()) && pinned == null) {
            throw new ServerException(
                    0, "The server gave no CA certificate to pin; enroll with --ca-cert FILE", null, null);
        }
        Credentials credentials = new Credentials(
                server,
                response.path("agent_id").asString(),
                response.path("host_id").asString(),
                response.path("refresh_token").asString(),
                "https".equals(server.getScheme()) ? pinned : null);
        return new Enrolled(
                credentials,
                response.path("access_token").asString(),
                Instant.parse(response.path("expires_at").asString()));
    }

    /** What enrollment answered. */
    public record Enrolled(Credentials credentials, String accessToken, Instant expiresAt) {}

    /** Counts the server answered for one batch. */
    public record BatchResult(int received, int created, int updated, int unchanged, int removed) {}

    /**
     * Posts one batch of one type as gzip NDJSON and answers once the server acknowledged it,
     * which it does only after Elasticsearch has it.
     */
    public BatchResult post(String type, String batchId, String mode, Instant collectedAt, List<ObjectNode> documents)
            throws ServerException {
        return post(new Batch(
                batchId,
                type,
                "snapshot".equals(mode) ? Batch.Mode.SNAPSHOT : Batch.Mode.DIFF,
                collectedAt,
                documents,
                List.of()));
    }

    public BatchResult post(Batch batch) throws ServerException {
        return postEncoded(batch.type(), encode(batch));
    }

    /** Posts a batch already encoded by {@link #encode(Batch)}, as the spool keeps them. */
    public BatchResult postEncoded(String type, byte[] gzipNdjson) throws ServerException {
        JsonNode response =
                authorized(() -> HttpRequest.newBuilder(credentials.server().resolve("/api/v1/ingest/" + type))
                        .timeout(Duration.ofSeconds(120))
                        .header("Content-Type", "application/x-ndjson")
                        .header("Content-Encoding", "gzip")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(gzipNdjson)));
        return new BatchResult(
                response.path("received").asInt(),
                response.path("created").asInt(),
                response.path("updated").asInt(),
                response.path("unchanged").asInt(),
                response.path("removed").asInt());
    }

    /** Reports the host and learns the policy; see docs/AGENT-PROTOCOL.md. */
    public JsonNode checkin(ObjectNode report) throws ServerException {
        byte[] body = JsonTrees.bytes(report);
        return authorized(() -> HttpRequest.newBuilder(credentials.server().resolve("/api/v1/agents/checkin"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private JsonNode authorized(java.util.function.Supplier<HttpRequest.Builder> request) throws ServerException {
        for (int attempt = 0; ; attempt++) {
            String token = token();
            try {
                return send(http, request.get().header("Authorization", "Bearer " + token));
            } catch (ServerException e) {
                // A token can be refused just after a key rotation or a clock step: refresh once.
                if (e.unauthorized() && attempt == 0) {
                    synchronized (this) {
                        accessTokenExpires = Instant.EPOCH;
                    }
                    continue;
                }
                throw e;
            }
        }
    }

    /** The wire form of a batch: gzip NDJSON, header line first. */
    public static byte[] encode(Batch batch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 8192)) {
            ObjectNode header = JsonNodeFactory.instance.objectNode();
            header.putObject("batch")
                    .put("id", batch.id())
                    .put("mode", batch.mode() == Batch.Mode.SNAPSHOT ? "snapshot" : "diff")
                    .put("collected_at", Values.formatDate(batch.collectedAt()));
            gzip.write(JsonTrees.bytes(header));
            gzip.write('\n');
            for (ObjectNode document : batch.upserts()) {
                ObjectNode line = JsonNodeFactory.instance.objectNode();
                line.set("upsert", document);
                gzip.write(JsonTrees.bytes(line));
                gzip.write('\n');
            }
            for (ObjectNode identity : batch.removals()) {
                ObjectNode line = JsonNodeFactory.instance.objectNode();
                line.set("remove", identity);
                gzip.write(JsonTrees.bytes(line));
                gzip.write('\n');
            }
        } catch (IOException e) {
            throw new IllegalStateException("Writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private synchronized String token() throws ServerException {
        if (accessToken != null && clock.instant().isBefore(accessTokenExpires.minus(REFRESH_MARGIN))) {
            return accessToken;
        }
        ObjectNode body = JsonNodeFactory.instance
                .objectNode()
                .put("agent_id", credentials.agentId())
                .put("refresh_token", credentials.refreshToken());
        JsonNode response = send(
                http,
                HttpRequest.newBuilder(credentials.server().resolve("/api/v1/agents/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JsonTrees.bytes(body))));
        accessToken = response.path("access_token").asString();
        accessTokenExpires = Instant.parse(response.path("expires_at").asString());
        return accessToken;
    }

    /** Uses the token enrollment just handed out, saving one refresh round trip. */
    public synchronized void useToken(String token, Instant expiresAt) {
        this.accessToken = token;
        this.accessTokenExpires = expiresAt;
    }

    private static JsonNode send(HttpClient http, HttpRequest.Builder request) throws ServerException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(
                    request.header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ServerException(0, "Server unreachable: " + e, DEFAULT_RETRY, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException(0, "Interrupted", DEFAULT_RETRY, e);
        }
        int status = response.statusCode();
        JsonNode body;
        try {
            body = response.body().length == 0
                    ? JsonNodeFactory.instance.objectNode()
                    : JsonTrees.read(response.body());
        } catch (RuntimeException notJson) {
            body = JsonNodeFactory.instance
                    .objectNode()
                    .put("detail", new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (status >= 200 && status < 300) {
            return body;
        }
        String detail = "HTTP " + status + " from " + response.uri().getPath() + ": "
                + body.path("detail").asString(JsonTrees.string(body));
        if (body.has("errors")) {
            detail += " " + body.path("errors");
        }
        Duration retry = null;
        var header = response.headers().firstValue("Retry-After");
        if (status == 429 || status >= 500) {
            retry = header.map(ServerClient::seconds).orElse(DEFAULT_RETRY);
        }
        throw new ServerException(status, detail, retry, header.isPresent(), null);
    }

    private static Duration seconds(String header) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY;
        }
    }

    public Credentials credentials() {
        return credentials;
    }
}
