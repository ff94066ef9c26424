package io.agent7.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Several Elasticsearch nodes of the integration-test distribution on loopback as one cluster,
 * as production runs it: security on, TLS on HTTP and on the transport between the nodes with
 * certificates from one CA, users in the file realm. Every node is master-eligible and holds
 * data, so any one of three may die and the others go on (two of three still elect a master).
 *
 * <p>{@link #close()} stops the nodes and removes their folders; the nodes of a test JVM are
 * stopped when it exits, like single nodes.
 */
public final class ElasticsearchCluster implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<ElasticsearchNode> nodes;
    private final ElasticsearchNode.Security security;
    private final Path caPem;
    private final HttpClient http;

    private ElasticsearchCluster(List<ElasticsearchNode> nodes, ElasticsearchNode.Security security, Path caPem) {
        this.nodes = List.copyOf(nodes);
        this.security = security;
        this.caPem = caPem;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .sslContext(security.ca().trustingContext())
                .build();
    }

    /**
     * Starts {@code size} nodes named {@code <name>-1...} on free ports that form one secured
     * cluster, and waits until it is green. {@code node} configures each node's builder further
     * (heap, a version, a marker option).
     */
    public static ElasticsearchCluster start(
            String name, int size, ElasticsearchNode.Security security, Consumer<ElasticsearchNode.Builder> node) {
        return start(name, size, security, 0, (i, builder) -> node.accept(builder), null);
    }

    /**
     * The same on fixed ports, when {@code httpPort} is not 0: node {@code i} (from 0) on HTTP port
     * {@code httpPort + i} and transport port {@code httpPort + 500 + i} (9700 for 9200: outside
     * 9300-9399, where other nodes on the host take their transport ports by default). {@code node} is given each
     * node's index with its builder; the CA's certificate goes to {@code caPem} (a temporary file
     * when null). Nodes whose folders exist start with their data, configuration and users.
     */
    public static ElasticsearchCluster start(
            String name,
            int size,
            ElasticsearchNode.Security security,
            int httpPort,
            BiConsumer<Integer, ElasticsearchNode.Builder> node,
            Path caPem) {
        if (size < 1) {
            throw new IllegalArgumentException("A cluster has at least one node, got " + size);
        }
        List<Integer> transportPorts = IntStream.range(0, size)
                .mapToObj(i -> httpPort == 0 ? ServiceProcess.freePort() : httpPort + 500 + i)
                .toList();
        List<String> names =
                IntStream.rangeClosed(1, size).mapToObj(i -> name + "-" + i).toList();
        List<String> seeds =
                transportPorts.stream().map(port -> "127.0.0.1:" + port).toList();
        List<ElasticsearchNode> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ElasticsearchNode.Builder builder = ElasticsearchNode.builder(names.get(i))
                    .clusterName("agent7-" + name)
                    .security(security)
                    .membership(new ElasticsearchNode.Membership(transportPorts.get(i), seeds, names));
            if (httpPort != 0) {
                builder.port(httpPort + i);
            }
            node.accept(i, builder);
            nodes.add(builder.prepare());
        }
        if (caPem == null) {
            try {
                caPem = Files.createTempFile("agent7-cluster-ca", ".pem");
                Files.writeString(caPem, CertificateAuthority.pem(security.ca().certificate()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the cluster's CA certificate", e);
            }
        }
        ElasticsearchCluster cluster = new ElasticsearchCluster(nodes, security, caPem);
        try {
            // Together: each node's start waits for the cluster to form, which takes most of them.
            CompletableFuture.allOf(nodes.stream()
                            .map(n -> CompletableFuture.runAsync(n::launch))
                            .toArray(CompletableFuture[]::new))
                    .join();
            nodes.forEach(ElasticsearchNode::awaitYellow);
            cluster.awaitStatus("green", Duration.ofMinutes(2));
        } catch (RuntimeException e) {
            // No node left running when the cluster did not form: the others would wait for it forever.
            nodes.forEach(ElasticsearchNode::stop);
            throw e instanceof java.util.concurrent.CompletionException
                            && e.getCause() instanceof RuntimeException cause
                    ? cause
                    : e;
        }
        return cluster;
    }

    public List<ElasticsearchNode> nodes() {
        return nodes;
    }

    public ElasticsearchNode node(int index) {
        return nodes.get(index);
    }

    /** Every node's HTTPS URL. */
    public List<URI> urls() {
        return nodes.stream().map(ElasticsearchNode::url).toList();
    }

    /** The URLs as the services' {@code agent7.elasticsearch.url} takes them: comma-separated. */
    public String urlList() {
        return String.join(",", urls().stream().map(URI::toString).toList());
    }

    /** The PEM file of the CA that signed every node's certificates. */
    public Path caPem() {
        return caPem;
    }

    public ElasticsearchNode.Security security() {
        return security;
    }

    /**
     * Sends a request as the superuser to the first node that answers; the answer's JSON object
     * with {@code status} added (an answer that is not an object, such as a {@code _cat} list,
     * under {@code body}).
     */
    public JsonNode send(String method, String path, String body) {
        IOException last = null;
        for (ElasticsearchNode node : nodes) {
            if (node.pid().isEmpty()) {
                continue;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(node.url().resolve(path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", basic(security.user(), security.password()))
                    .header("Content-Type", "application/json")
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                JsonNode read = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
                ObjectNode json;
                if (read instanceof ObjectNode object) {
                    json = object;
                } else {
                    json = JSON.createObjectNode();
                    json.set("body", read);
                }
                json.put("status", response.statusCode());
                return json;
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
        throw new IllegalStateException("No node of the cluster answered " + method + " " + path, last);
    }

    /** Waits until the cluster's health is {@code status} (green or yellow) or better. */
    public void awaitStatus(String status, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = send("GET", "/_cluster/health?wait_for_status=" + status + "&timeout=5s", null);
                if (last.path("status").asInt() == 200
                        && !last.path("timed_out").asBoolean()) {
                    return;
                }
            } catch (IllegalStateException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("The cluster was not " + status + " within " + limit.toSeconds()
                + " s; last health: " + last + "\n" + nodes.get(0).logTail());
    }

    /** Stops every node and removes their folders. */
    @Override
    public void close() {
        nodes.forEach(ElasticsearchNode::close);
        try {
            Files.deleteIfExists(caPem);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + caPem, e);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
