package io.agent7.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Elasticsearch node that {@code ./agent7 test} started for this run. Integration
 * tests get it from here and fail, never skip, when there is none.
 */
public final class TestElasticsearch {

    public static final String PROPERTY = "agent7.es.url";
    public static final String ENVIRONMENT = "AGENT7_ES_URL";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestElasticsearch() {}

    /** The node's base URL, checked to answer. */
    public static URI url() {
        String url = System.getProperty(PROPERTY);
        if (url == null || url.isBlank() || url.startsWith("${")) {
            url = System.getenv(ENVIRONMENT);
        }
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("No Elasticsearch for integration tests: run them with './agent7 test', "
                    + "which starts a real node and passes its URL as -D" + PROPERTY + " (or set " + ENVIRONMENT
                    + ").");
        }
        URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        JsonNode health = get(uri, "/_cluster/health");
        if (health == null) {
            throw new IllegalStateException("Elasticsearch at " + uri + " (from " + PROPERTY + ") does not answer; "
                    + "run the tests with './agent7 test'.");
        }
        return uri;
    }

    /** The node's version number, e.g. {@code 8.19.21}. */
    public static String version() {
        JsonNode nodes = get(url(), "/_nodes/_local");
        for (JsonNode node : nodes.path("nodes")) {
            return node.path("version").asString();
        }
        throw new IllegalStateException("Elasticsearch returned no local node");
    }

    /** A GET that answers the JSON body, or null when the node cannot be reached. */
    public static JsonNode get(URI base, String path) {
        return send(base, "GET", path, null);
    }

    /** Any request; the body is JSON text or null. Answers the parsed response, or null if unreachable. */
    public static JsonNode send(URI base, String method, String path, String body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Makes everything written so far searchable. */
    public static void refresh(String index) {
        send(url(), "POST", "/" + index + "/_refresh", null);
    }

    /** Count of documents matching a query (JSON text of a query clause), after a refresh. */
    public static long count(String index, String queryJson) {
        refresh(index);
        JsonNode response = send(url(), "POST", "/" + index + "/_count", "{\"query\":" + queryJson + "}");
        if (response == null || !response.has("count")) {
            throw new IllegalStateException("Count on " + index + " failed: " + response);
        }
        return response.path("count").asLong();
    }
}
