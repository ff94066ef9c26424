package io.agent7.server.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransportBase;
import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.http.TransportHttpClient;
import co.elastic.clients.util.BinaryData;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class IsolatingHttpClientTest {

    static final TransportHttpClient.Request GET =
            new TransportHttpClient.Request("GET", "/_cluster/health", Map.of(), Map.of(), null);

    /**
     * An HTTP client whose requests are answered when the test says, and which takes a lock on
     * every request, as the REST client's connection pool does when it leases a connection.
     */
    static class FakeHttp implements TransportHttpClient {
        final ReentrantLock pool = new ReentrantLock();
        final List<CompletableFuture<Response>> requests = new CopyOnWriteArrayList<>();

        @Override
        public Response performRequest(String endpointId, Node node, Request request, TransportOptions options) {
            throw new UnsupportedOperationException("the isolating client sends everything asynchronously");
        }

        @Override
        public CompletableFuture<Response> performRequestAsync(
                String endpointId, Node node, Request request, TransportOptions options) {
            pool.lock();
            try {
                CompletableFuture<Response> future = new CompletableFuture<>();
                requests.add(future);
                return future;
            } finally {
                pool.unlock();
            }
        }

        @Override
        public void close() {}
    }

    /** A response that records whether it was closed. */
    static final class FakeResponse implements TransportHttpClient.Response {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public TransportHttpClient.Node node() {
            return new TransportHttpClient.Node("http://127.0.0.1:9200");
        }

        @Override
        public int statusCode() {
            return 200;
        }

        @Override
        public String header(String name) {
            return null;
        }

        @Override
        public List<String> headers(String name) {
            return List.of();
        }

        @Override
        public BinaryData body() {
            return null;
        }

        @Override
        public Object originalResponse() {
            return this;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void whatWaitsOnAnAnswerRunsOnItsOwnThreadsNotTheClients() throws Exception {
        FakeHttp http = new FakeHttp();
        IsolatingHttpClient client = new IsolatingHttpClient(http, Duration.ofSeconds(30), 2);
        AtomicReference<String> ranOn = new AtomicReference<>();
        CompletableFuture<String> chained = client.performRequestAsync("health", null, GET, null)
                .thenApply(response -> {
                    ranOn.set(Thread.currentThread().getName());
                    return "done";
                });
        Thread io = new Thread(() -> http.requests.get(0).complete(new FakeResponse()), "client-io-thread");
        io.start();
        io.join();

        assertThat(chained.get(10, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(ranOn.get()).startsWith("elasticsearch-completion-");
        client.close();
    }

    @Test
    void aRequestWithoutAnswerFailsAtItsDeadlineAndIsCancelled() throws Exception {
        FakeHttp http = new FakeHttp();
        IsolatingHttpClient client = new IsolatingHttpClient(http, Duration.ofMillis(200), 2);
        CompletableFuture<TransportHttpClient.Response> result = client.performRequestAsync("health", null, GET, null);

        assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(ElasticsearchTimeoutException.class)
                .hasMessage(
                        "Elasticsearch did not answer GET /_cluster/health within 200ms (agent7.elasticsearch.request-timeout)");
        assertThat(http.requests.get(0))
                .as("the request under it, so its connection goes back")
                .isCancelled();
        client.close();
    }

    // Repeated: the timeout and the upstream's cancellation complete on two completion threads,
    // and the caller must get the timeout whichever runs first.
    @RepeatedTest(20)
    void aBlockingCallWaitsNoLongerThanTheDeadline() throws Exception {
        IsolatingHttpClient client = new IsolatingHttpClient(new FakeHttp(), Duration.ofMillis(20), 2);
        assertThatThrownBy(() -> client.performRequest("health", null, GET, null))
                .isInstanceOf(ElasticsearchTimeoutException.class);
        client.close();
    }

    @Test
    void aBlockingCallGetsTheAnswerOrTheClientsOwnFailure() throws Exception {
        FakeHttp http = new FakeHttp();
        IsolatingHttpClient client = new IsolatingHttpClient(http, Duration.ofSeconds(30), 2);
        FakeResponse answer = new FakeResponse();
        new Thread(() -> awaitRequest(http, 0).complete(answer)).start();
        assertThat(client.performRequest("health", null, GET, null)).isSameAs(answer);

        new Thread(() -> awaitRequest(http, 1).completeExceptionally(new ConnectException("Connection refused")))
                .start();
        assertThatThrownBy(() -> client.performRequest("health", null, GET, null))
                .isInstanceOf(ConnectException.class)
                .hasMessage("Connection refused");
        client.close();
    }

    @Test
    void anAnswerAfterTheDeadlineIsReleased() throws Exception {
        FakeHttp http = new FakeHttp() {
            @Override
            public CompletableFuture<Response> performRequestAsync(
                    String endpointId, Node node, Request request, TransportOptions options) {
                // A client whose request cannot be cancelled any more: the answer comes anyway.
                CompletableFuture<Response> future = new CompletableFuture<>() {
                    @Override
                    public boolean cancel(boolean mayInterruptIfRunning) {
                        return false;
                    }
                };
                requests.add(future);
                return future;
            }
        };
        IsolatingHttpClient client = new IsolatingHttpClient(http, Duration.ofMillis(100), 2);
        CompletableFuture<TransportHttpClient.Response> result = client.performRequestAsync("health", null, GET, null);
        assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(ElasticsearchTimeoutException.class);

        FakeResponse late = new FakeResponse();
        http.requests.get(0).complete(late);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!late.closed.get() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(late.closed).as("the late answer's connection is released").isTrue();
        client.close();
    }

    @Test
    void refusesADeadlineThatIsNotPositive() {
        assertThatThrownBy(() -> new IsolatingHttpClient(new FakeHttp(), Duration.ZERO, 1))
                .hasMessageContaining("must be positive");
    }

    /**
     * The lock-order inversion behind a wedged ingest API, played out on the real
     * {@link BulkIngester}: one thread flushes, holding the ingester's lock, and asks the pool
     * for a connection; the client's I/O thread, holding the pool's lock, fails an earlier
     * bulk. Without the isolating client that failure runs the ingester's completion on the
     * I/O thread, which waits for the ingester's lock while the flush waits for the pool's: both
     * wait for good. With it, both finish.
     */
    @Test
    void aBulkFailingUnderThePoolLockWhileAnotherFlushesDoesNotDeadlock() throws Exception {
        FakeHttp http = new FakeHttp();
        IsolatingHttpClient isolating = new IsolatingHttpClient(http, Duration.ofSeconds(60), 2);
        ElasticsearchAsyncClient client = new ElasticsearchAsyncClient(
                new ElasticsearchTransportBase(isolating, null, new JacksonJsonpMapper()) {});
        CountDownLatch failed = new CountDownLatch(2);
        BulkIngester<Void> ingester =
                BulkIngester.of(b -> b.client(client).maxConcurrentRequests(2).listener(new BulkListener<Void>() {
                    @Override
                    public void beforeBulk(long executionId, BulkRequest request, List<Void> contexts) {}

                    @Override
                    public void afterBulk(
                            long executionId, BulkRequest request, List<Void> contexts, BulkResponse response) {}

                    @Override
                    public void afterBulk(
                            long executionId, BulkRequest request, List<Void> contexts, Throwable failure) {
                        failed.countDown();
                    }
                }));
        ingester.add(operation("1"));
        ingester.flush();
        assertThat(http.requests).as("the first bulk is out").hasSize(1);

        CountDownLatch poolHeld = new CountDownLatch(1);
        Thread io = new Thread(
                () -> {
                    http.pool.lock();
                    try {
                        poolHeld.countDown();
                        // Until the flush below holds the ingester's lock and waits for this one.
                        while (!http.pool.hasQueuedThreads()) {
                            Thread.onSpinWait();
                        }
                        http.requests.get(0).completeExceptionally(new ConnectException("Connection refused"));
                    } finally {
                        http.pool.unlock();
                    }
                },
                "client-io-thread");
        io.setDaemon(true);
        io.start();
        poolHeld.await();
        Thread flusher = new Thread(
                () -> {
                    ingester.add(operation("2"));
                    ingester.flush();
                },
                "flusher");
        flusher.setDaemon(true);
        flusher.start();

        io.join(10_000);
        flusher.join(10_000);
        assertThat(io.isAlive()).as("the I/O thread is stuck").isFalse();
        assertThat(flusher.isAlive()).as("the flushing thread is stuck").isFalse();

        http.requests.get(1).completeExceptionally(new ConnectException("Connection refused"));
        assertThat(failed.await(10, TimeUnit.SECONDS))
                .as("both bulks reached the listener")
                .isTrue();
        ingester.close();
        isolating.close();
    }

    private static BulkOperation operation(String id) {
        return BulkOperation.of(
                op -> op.index(i -> i.index("agent7-test").id(id).document(Map.of("n", id))));
    }

    private static CompletableFuture<TransportHttpClient.Response> awaitRequest(FakeHttp http, int index) {
        while (http.requests.size() <= index) {
            Thread.onSpinWait();
        }
        return http.requests.get(index);
    }
}
