package io.agent7.schema.templates;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few REST calls the installer makes, over the JDK's HTTP client so that the schema
 * module needs nothing but Jackson.
 */
public final class ElasticsearchHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
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
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
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
        } catch (IOException e) {
            throw new ElasticsearchUnavailableException(base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ElasticsearchUnavailableException(base, e);
        }
    }

    public URI base() {
        return base;
    }

    /** Elasticsearch could not be reached at all. */
    public static final class ElasticsearchUnavailableException extends RuntimeException {
        ElasticsearchUnavailableException(URI base, Exception cause) {
            super("Elasticsearch at " + base + " could not be reached: " + cause, cause);
        }
    }
}
