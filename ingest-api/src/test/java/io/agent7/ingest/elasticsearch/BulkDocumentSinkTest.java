package io.agent7.ingest.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransportBase;
import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.http.TransportHttpClient;
import co.elastic.clients.util.BinaryData;
import io.agent7.ingest.ingest.DocumentSink.Outcome;
import io.agent7.ingest.ingest.DocumentSink.Result;
import io.agent7.ingest.ingest.DocumentSink.Write;
import io.agent7.ingest.ingest.IngestProperties;
import io.agent7.ingest.ingest.IngestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the sink does when Elasticsearch refuses a bulk as too large (413): against a fake
 * {@code _bulk} endpoint that refuses requests of more operations, or larger operations, than
 * it is told to take, and answers the others as a real node does.
 */
class BulkDocumentSinkTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FakeBulkEndpoint elasticsearch = new FakeBulkEndpoint(4, 2_000);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    // No timer flushes: each write() goes out as one bulk, so the first bulk is the whole write.
    private final IngestProperties properties = IngestSettings.of("bulk-flush-interval=1h", "max-retries=2");
    private final WriteProgress progress = new WriteProgress(properties);
    private final BulkDocumentSink sink = new BulkDocumentSink(
            new ElasticsearchClient(new ElasticsearchTransportBase(elasticsearch, null, new JacksonJsonpMapper()) {}),
            properties,
            meters,
            progress);

    @AfterEach
    void stop() {
        sink.destroy();
        elasticsearch.close();
    }

    private static Write write(String id, int bytes) {
        String doc = "{\"n\":\"" + "x".repeat(bytes) + "\"}";
        return new Write(
                "agent7-process",
                id,
                "host-1",
                ("{\"doc\":" + doc + ",\"upsert\":" + doc + ",\"detect_noop\":true}").getBytes(StandardCharsets.UTF_8));
    }

    private List<Result> written(List<Write> writes) throws Exception {
        return sink.write(writes).get(60, TimeUnit.SECONDS);
    }

    @Test
    void aBulkTooLargeIsSentAgainInHalvesUntilEachFits() throws Exception {
        List<Write> writes = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            writes.add(write("doc-" + i, 10));
        }

        List<Result> results = written(writes);

        assertThat(results).extracting(Result::id).containsExactlyElementsOf(ids(writes));
        assertThat(results).extracting(Result::outcome).containsOnly(Outcome.CREATED);
        // 13 refused, then 6 (refused: 3 and 3) and 7 (refused: 3 and 4).
        assertThat(elasticsearch.refused).containsExactly(13, 6, 7);
        assertThat(elasticsearch.answered).containsExactly(3, 3, 3, 4);
        assertThat(elasticsearch.writes)
                .as("each written once")
                .hasSize(13)
                .allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
        assertThat(meters.get("agent7.bulk.splits").counter().count()).isEqualTo(3);
        assertThat(progress.pending())
                .as("every operation's outcome reached the health probes")
                .isZero();
        assertThat(progress.state().status()).isEqualTo(WriteProgress.Status.IDLE);
    }

    @Test
    void anOperationTooLargeOnItsOwnFailsWithTheReasonAndTheOthersAreWritten() throws Exception {
        List<Write> writes = List.of(write("a", 10), write("huge", 5_000), write("b", 10));

        List<Result> results = written(writes);

        assertThat(results)
                .extracting(Result::outcome)
                .containsExactly(Outcome.CREATED, Outcome.FAILED, Outcome.CREATED);
        assertThat(results.get(1).error())
                .startsWith("request_too_large: the update alone (")
                .contains("is more than Elasticsearch takes in one request (HTTP 413");
        assertThat(elasticsearch.writes).containsOnlyKeys("a", "b");
        assertThat(progress.pending()).isZero();
    }

    @Test
    void aHalfThatGetsNoAnswerIsRetriedAsAnyFailedBulk() throws Exception {
        elasticsearch.failRequest(2); // the first half, after the whole was refused
        List<Write> writes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            writes.add(write("doc-" + i, 10));
        }

        List<Result> results = written(writes);

        assertThat(results).extracting(Result::outcome).containsOnly(Outcome.CREATED);
        assertThat(elasticsearch.writes).hasSize(5);
        assertThat(meters.get("agent7.bulk.retries").counter().count()).isEqualTo(2);
        assertThat(progress.pending()).isZero();
    }

    /** An index the fake's user may not write to, as a role without a privilege answers per item. */
    static final String DENIED_INDEX = "agent7-system_metric-2026.12.07";

    @Test
    void aWriteTheRoleDoesNotAllowIsUnavailableNotRefusedSoTheAgentKeepsIt() throws Exception {
        Write denied =
                new Write(DENIED_INDEX, "sample", "host-1", write("x", 10).action());
        List<Result> results = written(List.of(write("a", 10), denied));

        assertThat(results).extracting(Result::outcome).containsExactly(Outcome.CREATED, Outcome.UNAVAILABLE);
        assertThat(results.get(1).error()).startsWith("security_exception: ");
        assertThat(progress.pending()).isZero();
    }

    private static List<String> ids(List<Write> writes) {
        return writes.stream().map(Write::id).toList();
    }

    /**
     * {@code _bulk} of update operations, answered on a thread of its own as the service's
     * client does: 413 without a body for a request of more than {@code maxOperations}
     * operations or with one over {@code maxOperationBytes}, which is what Elasticsearch
     * answers past its {@code http.max_content_length}; every update created otherwise.
     */
    static final class FakeBulkEndpoint implements TransportHttpClient {
        final int maxOperations;
        final int maxOperationBytes;
        final List<Integer> refused = new CopyOnWriteArrayList<>();
        final List<Integer> answered = new CopyOnWriteArrayList<>();
        final Map<String, Integer> writes = new ConcurrentHashMap<>();
        private final AtomicInteger requests = new AtomicInteger();
        private volatile int failing;
        private final ExecutorService answers = Executors.newSingleThreadExecutor();

        FakeBulkEndpoint(int maxOperations, int maxOperationBytes) {
            this.maxOperations = maxOperations;
            this.maxOperationBytes = maxOperationBytes;
        }

        /** The n-th request (from 1) gets no answer: the connection is refused. */
        void failRequest(int n) {
            failing = n;
        }

        @Override
        public CompletableFuture<Response> performRequestAsync(
                String endpointId, Node node, Request request, TransportOptions options) {
            int number = requests.incrementAndGet();
            byte[] body = bytes(request.body());
            return CompletableFuture.supplyAsync(
                    () -> {
                        if (number == failing) {
                            throw new java.util.concurrent.CompletionException(
                                    new ConnectException("Connection refused"));
                        }
                        return answer(body);
                    },
                    answers);
        }

        @Override
        public Response performRequest(String endpointId, Node node, Request request, TransportOptions options) {
            return performRequestAsync(endpointId, node, request, options).join();
        }

        private Response answer(byte[] body) {
            String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
            int operations = lines.length / 2;
            boolean tooLarge = operations > maxOperations;
            for (int i = 1; i < lines.length; i += 2) {
                tooLarge |= lines[i].length() > maxOperationBytes;
            }
            if (tooLarge) {
                refused.add(operations);
                return new FakeResponse(413, null);
            }
            answered.add(operations);
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < lines.length; i += 2) {
                JsonNode update = JSON.readTree(lines[i]).path("update");
                if (update.path("_index").asString().equals(DENIED_INDEX)) {
                    items.append(items.isEmpty() ? "" : ",")
                            .append("{\"update\":{\"_index\":\"")
                            .append(DENIED_INDEX)
                            .append("\",\"status\":403,\"error\":{\"type\":\"security_exception\",")
                            .append("\"reason\":\"action [indices:data/write/bulk[s]] is unauthorized for user\"}}}");
                    continue;
                }
                writes.merge(update.path("_id").asString(), 1, Integer::sum);
                items.append(items.isEmpty() ? "" : ",")
                        .append("{\"update\":{\"_index\":\"")
                        .append(update.path("_index").asString())
                        .append("\",\"status\":201,\"result\":\"created\"}}");
            }
            return new FakeResponse(200, "{\"took\":1,\"errors\":false,\"items\":[" + items + "]}");
        }

        private static byte[] bytes(Iterable<ByteBuffer> body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (ByteBuffer buffer : body) {
                ByteBuffer copy = buffer.duplicate();
                byte[] chunk = new byte[copy.remaining()];
                copy.get(chunk);
                out.writeBytes(chunk);
            }
            return out.toByteArray();
        }

        @Override
        public void close() {
            answers.shutdownNow();
        }
    }

    record FakeResponse(int statusCode, String json) implements TransportHttpClient.Response {

        @Override
        public TransportHttpClient.Node node() {
            return new TransportHttpClient.Node("http://127.0.0.1:9200");
        }

        @Override
        public String header(String name) {
            return name.equalsIgnoreCase("X-Elastic-Product") ? "Elasticsearch" : null;
        }

        @Override
        public List<String> headers(String name) {
            String value = header(name);
            return value == null ? List.of() : List.of(value);
        }

        @Override
        public BinaryData body() {
            return json == null ? null : BinaryData.of(json.getBytes(StandardCharsets.UTF_8), "application/json");
        }

        @Override
        public Object originalResponse() {
            return this;
        }

        @Override
        public void close() {}
    }
}
