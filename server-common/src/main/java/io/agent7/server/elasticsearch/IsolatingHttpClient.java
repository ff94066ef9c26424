package io.agent7.server.elasticsearch;

import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.http.TransportHttpClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps the HTTP client's threads out of everything that waits on an answer, and gives every
 * request a deadline.
 *
 * <p>Why: the low-level REST client completes a request's future on its I/O thread, at times
 * while it holds its connection pool's lock (when it fails a pending connection request
 * because a connection could not be made). Whatever was chained to that future ran right
 * there. The {@code BulkIngester} chains code that takes its own lock, and it asks the pool
 * for a connection while holding that lock, so with Elasticsearch refusing connections under
 * load, the two threads waited for each other for good (elastic/elasticsearch-java#925). Here
 * the I/O thread only hands the outcome over; it is completed on {@link #completions}, a
 * pool of our own that holds no lock of the client's.
 *
 * <p>The deadline bounds a whole request, from asking for a connection to the last byte of
 * the answer. The client's own timeouts bound a connect and each wait for bytes, not the sum,
 * and nothing bounds a request that is never sent; past the deadline the request is cancelled
 * (its connection released) and fails with {@link ElasticsearchTimeoutException}, so that
 * every caller, the ingester's slots included, gets its answer or its failure in time.
 * Blocking calls go through the same path and wait for the same deadline.
 */
final class IsolatingHttpClient implements TransportHttpClient {

    // configuration
    private final TransportHttpClient delegate;
    private final Duration deadline;

    // threads of our own
    private final ExecutorService completions;
    private final ScheduledExecutorService timer;

    IsolatingHttpClient(TransportHttpClient delegate, Duration deadline, int completionThreads) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("The deadline of a request must be positive, got " + deadline);
        }
        this.delegate = delegate;
        this.deadline = deadline;
        this.completions = Executors.newFixedThreadPool(completionThreads, daemons("elasticsearch-completion"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemons("elasticsearch-deadline"));
    }

    @Override
    public TransportOptions createOptions(TransportOptions options) {
        return delegate.createOptions(options);
    }

    @Override
    public CompletableFuture<Response> performRequestAsync(
            String endpointId, Node node, Request request, TransportOptions options) {
        CompletableFuture<Response> upstream;
        try {
            upstream = delegate.performRequestAsync(endpointId, node, request, options);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Response> result = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                if (cancelled) {
                    upstream.cancel(mayInterruptIfRunning);
                }
                return cancelled;
            }
        };
        String what = request.method() + " " + request.path();
        // Set before the cancel below, so that the upstream's outcome, a bare CancellationException
        // that completes on another completion thread, is answered as the timeout it is.
        AtomicReference<ElasticsearchTimeoutException> expired = new AtomicReference<>();
        ScheduledFuture<?> expiry = timer.schedule(
                () -> {
                    ElasticsearchTimeoutException timeout = new ElasticsearchTimeoutException(what, deadline);
                    expired.set(timeout);
                    completions.execute(() -> result.completeExceptionally(timeout));
                    upstream.cancel(true);
                },
                deadline.toNanos(),
                TimeUnit.NANOSECONDS);
        upstream.whenComplete((response, failure) -> {
            // On the client's thread, maybe under its pool lock: hand over, nothing else.
            expiry.cancel(false);
            completions.execute(() -> {
                if (failure != null) {
                    ElasticsearchTimeoutException timeout = expired.get();
                    result.completeExceptionally(
                            timeout != null
                                    ? timeout
                                    : failure instanceof CompletionException c && c.getCause() != null
                                            ? c.getCause()
                                            : failure);
                } else if (!result.complete(response)) {
                    closeQuietly(response); // too late: the caller has its timeout
                }
            });
        });
        return result;
    }

    @Override
    public Response performRequest(String endpointId, Node node, Request request, TransportOptions options)
            throws IOException {
        CompletableFuture<Response> pending = performRequestAsync(endpointId, node, request, options);
        try {
            return pending.get(); // completes by the deadline at the latest
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(
                    "Interrupted waiting for Elasticsearch: " + request.method() + " " + request.path());
        } catch (CancellationException e) {
            throw new IOException("Request to Elasticsearch cancelled: " + request.method() + " " + request.path(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            delegate.close();
        } finally {
            timer.shutdownNow();
            completions.shutdown();
        }
    }

    private static void closeQuietly(Response response) {
        try {
            response.close();
        } catch (IOException ignored) {
            // releasing a connection nobody waits for any more
        }
    }

    private static java.util.concurrent.ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
