package io.agent7.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Elasticsearch node integration tests share, one per test JVM: the node at
 * {@code -Dagent7.es.url} when it is set ({@code ./agent7 test} starts one per run and
 * passes it to every module), else one this JVM starts on first use, reused by every test
 * class and stopped when the JVM exits ({@link ElasticsearchNode}). Tests fail, never skip,
 * when there is none.
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
        if (!set(url)) {
            url = System.getenv(ENVIRONMENT);
        }
        if (!set(url)) {
            return SharedNode.url();
        }
        URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        try {
            exchange(uri, "GET", "/_cluster/health", null);
        } catch (IOException e) {
            throw new IllegalStateException("Elasticsearch at " + uri + " (from -D" + PROPERTY + " or " + ENVIRONMENT
                    + ") does not answer: " + e + ". Start it again, or leave " + PROPERTY + " unset and the tests"
                    + " start a node of their own.");
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

    /** A GET; answers the JSON body of a 2xx answer and fails on any other. */
    public static JsonNode get(URI base, String path) {
        return send(base, "GET", path, null);
    }

    /**
     * Any request, the body JSON text or null. Answers the parsed body of a 2xx answer, or of
     * an answer with one of the {@code alsoExpected} statuses (a DELETE of what may not be
     * there expects 404); fails on any other answer, and when the node cannot be reached.
     */
    public static JsonNode send(URI base, String method, String path, String body, int... alsoExpected) {
        HttpResponse<String> response;
        try {
            response = exchange(base, method, path, body);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + base + path + ": Elasticsearch cannot be reached: " + e, e);
        }
        int status = response.statusCode();
        boolean expected =
                (status >= 200 && status < 300) || Arrays.stream(alsoExpected).anyMatch(s -> s == status);
        if (!expected) {
            throw new IllegalStateException(method + " " + path + " answered " + status + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static HttpResponse<String> exchange(URI base, String method, String path, String body) throws IOException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + method + " " + base + path, e);
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
        if (!response.has("count")) {
            throw new IllegalStateException("Count on " + index + " answered no count: " + response);
        }
        return response.path("count").asLong();
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank() && !value.startsWith("${");
    }

    /**
     * The node this JVM starts when no URL is given: on first use, once. A node that failed
     * to start is not tried again for every test class: each gets the same failure.
     */
    private static final class SharedNode {

        private static ElasticsearchNode node;
        private static RuntimeException failure;

        static synchronized URI url() {
            if (failure != null) {
                throw new IllegalStateException("This JVM's Elasticsearch node failed to start earlier", failure);
            }
            if (node == null) {
                try {
                    node = ElasticsearchNode.start("shared");
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                }
            }
            return node.url();
        }
    }
}
