package io.agent7.server.elasticsearch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Elasticsearch is and how to reach it ({@code agent7.elasticsearch.*}).
 *
 * @param url            base URLs of the cluster's nodes (comma-separated in a property), or of a
 *                       load balancer: requests go round them, and one that cannot be reached is
 *                       left out for a while
 * @param username       for basic authentication; empty when security is off
 * @param password       its password
 * @param caCertificate  PEM file of the CA that signed the cluster's HTTPS certificate
 * @param connectTimeout how long to wait for a connection to be made
 * @param socketTimeout  how long to wait for the next bytes of an answer; bulks and searches
 *                       finish well inside it
 * @param requestTimeout the deadline of a whole request, from asking for a connection to the last
 *                       byte of the answer: past it the request is cancelled and fails, so no
 *                       caller waits longer, whatever Elasticsearch or the network does
 * @param maxConnections connections to Elasticsearch at once (default 64): many agents' batches
 *                       share the client, so as many as the ingester runs concurrent bulks, plus
 *                       searches and the stores' reads; more requests wait for a free one
 * @param completionThreads threads that complete the client's answers (default one per CPU, at
 *                       least two): whatever waits on an answer runs there, never on the HTTP
 *                       client's I/O thread (see {@code IsolatingHttpClient})
 */
@ConfigurationProperties("agent7.elasticsearch")
public record ElasticsearchProperties(
        List<URI> url,
        String username,
        String password,
        Path caCertificate,
        Duration connectTimeout,
        Duration socketTimeout,
        Duration requestTimeout,
        Integer maxConnections,
        Integer completionThreads) {

    public ElasticsearchProperties {
        url = url == null || url.isEmpty() ? List.of(URI.create("http://127.0.0.1:9200")) : List.copyOf(url);
        for (URI node : url) {
            if (!"http".equals(node.getScheme()) && !"https".equals(node.getScheme())) {
                throw new IllegalArgumentException(
                        "agent7.elasticsearch.url must be http or https URLs, got '" + node + "'");
            }
            if (node.getHost() == null) {
                throw new IllegalArgumentException("agent7.elasticsearch.url has no host: '" + node + "'");
            }
        }
        if (url.stream().map(URI::getScheme).distinct().count() > 1
                || url.stream().map(URI::getPath).distinct().count() > 1) {
            throw new IllegalArgumentException(
                    "agent7.elasticsearch.url: the nodes of one cluster share a scheme and a path, got " + url);
        }
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        socketTimeout = socketTimeout == null ? Duration.ofSeconds(60) : socketTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(90) : requestTimeout;
        positive("connect-timeout", connectTimeout);
        positive("socket-timeout", socketTimeout);
        positive("request-timeout", requestTimeout);
        if (connectTimeout.compareTo(requestTimeout) > 0 || socketTimeout.compareTo(requestTimeout) > 0) {
            throw new IllegalArgumentException("agent7.elasticsearch.request-timeout (" + requestTimeout
                    + ") bounds the whole request: it cannot be shorter than connect-timeout (" + connectTimeout
                    + ") or socket-timeout (" + socketTimeout + ")");
        }
        maxConnections = maxConnections == null ? 64 : maxConnections;
        completionThreads =
                completionThreads == null ? Math.max(2, Runtime.getRuntime().availableProcessors()) : completionThreads;
        atLeastOne("max-connections", maxConnections);
        atLeastOne("completion-threads", completionThreads);
    }

    /** The defaults for a node at {@code url}. */
    public static ElasticsearchProperties of(URI url) {
        return new ElasticsearchProperties(List.of(url), null, null, null, null, null, null, null, null);
    }

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("agent7.elasticsearch." + name + " must be at least 1, got " + value);
        }
    }

    private static void positive(String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("agent7.elasticsearch." + name + " must be positive, got " + value);
        }
    }

    public boolean hasCredentials() {
        return username != null && !username.isEmpty();
    }
}
