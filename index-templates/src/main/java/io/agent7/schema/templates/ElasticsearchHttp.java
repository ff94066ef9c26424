package io.agent7.schema.templates;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few REST calls the installer makes, over the JDK's HTTP client so that the schema
 * module needs nothing but Jackson. Given several nodes of a cluster, it asks the first that
 * can be reached, in order, so one node down does not stop an installation.
 */
public final class ElasticsearchHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<URI> bases;
    private final String authorization;
    private final HttpClient client;

    public ElasticsearchHttp(URI base, String username, String password) {
        this(base, username, password, null);
    }

    /**
     * @param ssl the TLS context for an {@code https} cluster whose certificate a private CA
     *            signed; null trusts the JDK's default CAs
     */
    public ElasticsearchHttp(URI base, String username, String password, SSLContext ssl) {
        this(List.of(base), username, password, ssl);
    }

    /** The same for a cluster's nodes: each request goes to the first of {@code bases} that can be reached. */
    public ElasticsearchHttp(List<URI> bases, String username, String password, SSLContext ssl) {
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("No Elasticsearch URL given");
        }
        this.bases = bases.stream()
                .map(base -> {
                    String text = base.toString();
                    return URI.create(text.endsWith("/") ? text : text + "/");
                })
                .toList();
        this.authorization = username == null || username.isEmpty()
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (ssl != null) {
            client.sslContext(ssl);
        }
        this.client = client.build();
    }

    public record Response(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response put(String path, JsonNode body) {
        return send("PUT", path, body);
    }

    public Response send(String method, String path, JsonNode body) {
        IOException unreachable = null;
        for (URI base : bases) {
            try {
                return send(base, method, path, body);
            } catch (IOException e) {
                // Not reached, or the connection broke before an answer: the next node. The
                // installer's requests are idempotent, so one that may have arrived can be repeated.
                unreachable = e;
            }
        }
        throw new ElasticsearchUnavailableException(bases, unreachable);
    }

    private Response send(URI base, String method, String path, JsonNode body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] bytes = response.body();
            JsonNode json = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            return new Response(response.statusCode(), json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ElasticsearchUnavailableException(List.of(base), e);
        }
    }

    /** The nodes asked, in order. */
    public List<URI> bases() {
        return bases;
    }

    /** Elasticsearch could not be reached at all. */
    public static final class ElasticsearchUnavailableException extends RuntimeException {
        ElasticsearchUnavailableException(List<URI> bases, Exception cause) {
            super(
                    "Elasticsearch at "
                            + String.join(
                                    ", ", bases.stream().map(URI::toString).toList()) + " could not be reached: "
                            + cause,
                    cause);
        }
    }
}
