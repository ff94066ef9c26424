package io.agent7.agent.transport;

import io.agent7.agent.state.Credentials;
import io.agent7.agent.state.HostFacts;
import io.agent7.protocol.Batch;
import io.agent7.protocol.BatchAnswer;
import io.agent7.protocol.CheckinAnswer;
import io.agent7.protocol.CheckinReport;
import io.agent7.protocol.CommandReport;
import io.agent7.protocol.CommandSignature;
import io.agent7.protocol.CommandStatus;
import io.agent7.protocol.CommandsAnswer;
import io.agent7.protocol.EnrollAnswer;
import io.agent7.protocol.EnrollRequest;
import io.agent7.protocol.MalformedMessageException;
import io.agent7.protocol.ProtocolCodec;
import io.agent7.protocol.ProtocolMessage;
import io.agent7.protocol.TokenAnswer;
import io.agent7.protocol.TokenRequest;
import io.agent7.schema.JsonTrees;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The agent's side of docs/AGENT-PROTOCOL.md: enrollment, token refresh, batch posts. Keeps
 * the current access token and refreshes it shortly before it expires. Given several ingest
 * APIs ({@link Credentials#servers()}), it uses one until it cannot be reached, then the next:
 * the request that failed is sent again there at once (batches carry their id and documents
 * their content's id, so one that arrived before the connection broke is not written twice).
 */
public final class ServerClient {

    private static final Logger LOG = Logger.getLogger(ServerClient.class.getName());

    /** Refresh this long before expiry, so that a slow request never carries an expired token. */
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
    /** When the server is unreachable or says nothing, wait this long before trying again. */
    static final Duration DEFAULT_RETRY = Duration.ofSeconds(15);

    private final HttpClient http;
    private final Clock clock;
    private final Credentials credentials;
    /** The index in {@code credentials.servers()} of the ingest API in use. */
    private final AtomicInteger current = new AtomicInteger();
    /** Requests sent again on another ingest API after the one in use could not be reached. */
    private final java.util.concurrent.atomic.AtomicLong failedOver = new java.util.concurrent.atomic.AtomicLong();

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
        return enroll(List.of(server), siteKey, host, agentVersion, caPem);
    }

    /**
     * The same with every ingest API the agent may use: it enrolls with the first that can be
     * reached, and its credentials list them all, that one first.
     */
    public static Enrolled enroll(List<URI> servers, String siteKey, HostFacts host, String agentVersion, String caPem)
            throws ServerException {
        for (int i = 0; ; i++) {
            try {
                List<URI> order = new java.util.ArrayList<>(servers.subList(i, servers.size()));
                order.addAll(servers.subList(0, i));
                return enrollWith(order, siteKey, host, agentVersion, caPem);
            } catch (ServerException e) {
                if (!unreachable(e) || i == servers.size() - 1) {
                    throw e;
                }
                LOG.warning(() -> servers.get(0) + " cannot be reached for enrollment (" + e.getMessage() + ")");
            }
        }
    }

    private static Enrolled enrollWith(
            List<URI> servers, String siteKey, HostFacts host, String agentVersion, String caPem)
            throws ServerException {
        URI server = servers.get(0);
        EnrollRequest request = new EnrollRequest(
                siteKey,
                agentVersion,
                new EnrollRequest.Host(
                        host.machineId(),
                        host.hostName(),
                        new EnrollRequest.Os(host.osFamily(), host.osName(), host.osVersion(), host.kernel())));
        HttpClient http = client(caPem);
        EnrollAnswer answer = send(
                http,
                HttpRequest.newBuilder(server.resolve("/api/v1/agents/enroll"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(ProtocolCodec.encode(request))),
                EnrollAnswer.class);
        String pinned = caPem != null ? caPem : answer.caCertificate();
        if ("https".equals(server.getScheme()) && pinned == null) {
            throw new ServerException(
                    0, "The server gave no CA certificate to pin; enroll with --ca-cert FILE", null, null);
        }
        if (answer.commandKey() != null) {
            try {
                CommandSignature.decodePublicKey(answer.commandKey());
            } catch (IllegalArgumentException e) {
                throw new ServerException(
                        0, "The server's command key cannot be pinned: " + e.getMessage(), null, null);
            }
        }
        Credentials credentials = new Credentials(
                server,
                answer.agentId(),
                answer.hostId(),
                answer.refreshToken(),
                "https".equals(server.getScheme()) ? pinned : null,
                answer.commandKey(),
                servers);
        return new Enrolled(credentials, answer.accessToken(), answer.expiresAt());
    }

    /** What enrollment answered. */
    public record Enrolled(Credentials credentials, String accessToken, Instant expiresAt) {}

    /**
     * Posts one batch as gzip NDJSON and answers once the server acknowledged it, which it
     * does only after Elasticsearch has it.
     */
    public BatchAnswer post(Batch batch) throws ServerException {
        return postEncoded(batch.type().name(), ProtocolCodec.encodeBatch(batch));
    }

    /** Posts a batch already encoded by {@link ProtocolCodec#encodeBatch}, as the spool keeps them. */
    public BatchAnswer postEncoded(String type, byte[] gzipNdjson) throws ServerException {
        return authorized(
                base -> HttpRequest.newBuilder(base.resolve("/api/v1/ingest/" + type))
                        .timeout(Duration.ofSeconds(120))
                        .header("Content-Type", "application/x-ndjson")
                        .header("Content-Encoding", "gzip")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(gzipNdjson)),
                BatchAnswer.class);
    }

    /** Reports the host and learns the policy; see docs/AGENT-PROTOCOL.md. */
    public CheckinAnswer checkin(CheckinReport report) throws ServerException {
        byte[] body = ProtocolCodec.encode(report);
        return authorized(
                base -> HttpRequest.newBuilder(base.resolve("/api/v1/agents/checkin"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                CheckinAnswer.class);
    }

    /**
     * The commands waiting for this host: the server holds the request up to {@code wait} and
     * answers at once when one arrives; an empty answer when none did.
     */
    public CommandsAnswer commands(Duration wait) throws ServerException {
        return authorized(
                base -> HttpRequest.newBuilder(base.resolve("/api/v1/agents/commands?wait=" + wait.toSeconds()))
                        .timeout(wait.plusSeconds(30))
                        .GET(),
                CommandsAnswer.class);
    }

    /** Where one of this host's commands stands, and whether a responder cancelled it. */
    public CommandStatus commandStatus(String commandId) throws ServerException {
        return authorized(
                base -> HttpRequest.newBuilder(base.resolve("/api/v1/agents/commands/" + commandId))
                        .timeout(Duration.ofSeconds(30))
                        .GET(),
                CommandStatus.class);
    }

    /** One chunk of a command's output, in order: {@code seq} 0, 1, 2, ... */
    public void commandOutput(String commandId, long seq, byte[] chunk) throws ServerException {
        authorized(
                base -> HttpRequest.newBuilder(
                                base.resolve("/api/v1/agents/commands/" + commandId + "/output?seq=" + seq))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(chunk)),
                null);
    }

    /** What became of a command: running, how it ended, or why this agent refused it. */
    public void commandReport(String commandId, CommandReport report) throws ServerException {
        byte[] body = ProtocolCodec.encode(report);
        authorized(
                base -> HttpRequest.newBuilder(base.resolve("/api/v1/agents/commands/" + commandId + "/report"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                null);
    }

    private <T extends ProtocolMessage> T authorized(Function<URI, HttpRequest.Builder> request, Class<T> answer)
            throws ServerException {
        boolean refreshed = false;
        int unreachable = 0;
        while (true) {
            int index = current.get();
            URI base = credentials.servers().get(index);
            try {
                String token = token(base);
                return send(http, request.apply(base).header("Authorization", "Bearer " + token), answer);
            } catch (ServerException e) {
                if (unreachable(e)) {
                    failOver(index, e);
                    // Every other server once, at once; after that the caller's retry policy waits.
                    if (++unreachable < credentials.servers().size()) {
                        failedOver.incrementAndGet();
                        continue;
                    }
                    throw e;
                }
                // A token can be refused just after a key rotation or a clock step: refresh once.
                if (e.unauthorized() && !refreshed) {
                    refreshed = true;
                    synchronized (this) {
                        accessTokenExpires = Instant.EPOCH;
                    }
                    continue;
                }
                throw e;
            }
        }
    }

    /** The server could not be reached, or the connection broke before its answer: another may serve. */
    private static boolean unreachable(ServerException e) {
        return e.status() == 0 && e.getCause() instanceof IOException;
    }

    /** Moves on from the server at {@code index} to the next, unless another request already did. */
    private void failOver(int index, ServerException why) {
        List<URI> servers = credentials.servers();
        if (servers.size() > 1 && current.compareAndSet(index, (index + 1) % servers.size())) {
            LOG.warning(() -> servers.get(index) + " cannot be reached (" + why.getMessage() + "); going on with "
                    + servers.get((index + 1) % servers.size()));
        }
    }

    /** How many requests were sent again on another ingest API because the one in use could not be reached. */
    public long failedOver() {
        return failedOver.get();
    }

    /** The ingest API in use. */
    public URI server() {
        return credentials.servers().get(current.get());
    }

    private synchronized String token(URI base) throws ServerException {
        if (accessToken != null && clock.instant().isBefore(accessTokenExpires.minus(REFRESH_MARGIN))) {
            return accessToken;
        }
        TokenAnswer answer = send(
                http,
                HttpRequest.newBuilder(base.resolve("/api/v1/agents/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(ProtocolCodec.encode(
                                new TokenRequest(credentials.agentId(), credentials.refreshToken())))),
                TokenAnswer.class);
        accessToken = answer.accessToken();
        accessTokenExpires = answer.expiresAt() == null ? Instant.EPOCH : answer.expiresAt();
        return accessToken;
    }

    /** Uses the token enrollment just handed out, saving one refresh round trip. */
    public synchronized void useToken(String token, Instant expiresAt) {
        this.accessToken = token;
        this.accessTokenExpires = expiresAt;
    }

    private static <T extends ProtocolMessage> T send(HttpClient http, HttpRequest.Builder request, Class<T> answer)
            throws ServerException {
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
        if (status >= 200 && status < 300 && answer == null) {
            return null; // a call whose answer is its status
        }
        if (status >= 200 && status < 300) {
            try {
                return ProtocolCodec.decode(response.body(), answer);
            } catch (MalformedMessageException e) {
                // Not what this agent understands (a proxy's page, a server of another version): try again later.
                throw new ServerException(
                        status,
                        "Unreadable answer from " + response.uri().getPath() + ": " + e.getMessage(),
                        DEFAULT_RETRY,
                        e);
            }
        }
        throw failure(response);
    }

    /** The server's problem details, as far as they say anything, as an exception that knows whether to retry. */
    private static ServerException failure(HttpResponse<byte[]> response) {
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
        return new ServerException(status, detail, retry, header.isPresent(), null);
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
