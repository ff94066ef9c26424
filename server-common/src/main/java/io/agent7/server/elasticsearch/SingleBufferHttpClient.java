package io.agent7.server.elasticsearch;

import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.http.TransportHttpClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hands the HTTP client each request body as one buffer. The Java client serialises an
 * NDJSON request (a bulk) as one buffer per line, and the low-level REST client writes one
 * buffer per I/O event: a bulk of 2,000 updates took over 4,000 trips through the I/O
 * reactor, which profiling showed as a fifth of the ingest API's CPU. Copying the lines
 * into one buffer first costs one memory copy of the body.
 */
final class SingleBufferHttpClient implements TransportHttpClient {

    private final TransportHttpClient delegate;

    SingleBufferHttpClient(TransportHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public TransportOptions createOptions(TransportOptions options) {
        return delegate.createOptions(options);
    }

    @Override
    public Response performRequest(String endpointId, Node node, Request request, TransportOptions options)
            throws IOException {
        return delegate.performRequest(endpointId, node, joined(request), options);
    }

    @Override
    public CompletableFuture<Response> performRequestAsync(
            String endpointId, Node node, Request request, TransportOptions options) {
        return delegate.performRequestAsync(endpointId, node, joined(request), options);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    /** The request with its body in one buffer; the request itself when it has none or one already. */
    static Request joined(Request request) {
        Iterable<ByteBuffer> body = request.body();
        if (body == null) {
            return request;
        }
        long size = 0;
        int buffers = 0;
        for (ByteBuffer buffer : body) {
            size += buffer.remaining();
            buffers++;
        }
        if (buffers < 2 || size > Integer.MAX_VALUE - 16) {
            return request;
        }
        ByteBuffer one = ByteBuffer.allocate((int) size);
        for (ByteBuffer buffer : body) {
            one.put(buffer.duplicate());
        }
        one.flip();
        return new Request(request.method(), request.path(), request.queryParams(), request.headers(), List.of(one));
    }
}
