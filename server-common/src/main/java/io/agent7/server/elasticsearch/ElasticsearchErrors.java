package io.agent7.server.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.elasticsearch.client.ResponseException;

/**
 * What a failed Elasticsearch call means. The client reports some refusals as
 * {@link ElasticsearchException} and others (a {@code _create} conflict, say) as a transport
 * or response exception wrapped in an {@code IOException}: this looks through all of them.
 */
public final class ElasticsearchErrors {

    private ElasticsearchErrors() {}

    /** A blocking call to Elasticsearch. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws IOException;
    }

    /**
     * Runs a blocking call and names its failure: one that means Elasticsearch is unavailable
     * ({@link #isUnavailable}) becomes {@link ElasticsearchUnavailableException}; any other
     * {@code IOException} (an answer that cannot be read, a refusal the client reported as a
     * response exception) an {@link UncheckedIOException}; an {@link ElasticsearchException}
     * refusing the request passes as it is, for the caller to look at (a 404, a 409).
     *
     * @param what the request, for messages: e.g. {@code "Reading host 0f5c..."}
     */
    public static <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (ElasticsearchException e) {
            if (isUnavailable(e)) {
                throw new ElasticsearchUnavailableException(what, e);
            }
            throw e;
        } catch (IOException e) {
            if (isUnavailable(e)) {
                throw new ElasticsearchUnavailableException(what, e);
            }
            throw new UncheckedIOException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** {@link #call}, answering {@code ifNotFound} when Elasticsearch answers 404 (an index or document gone). */
    public static <T> T callOrIfNotFound(String what, Call<T> call, T ifNotFound) {
        try {
            return call(what, call);
        } catch (ElasticsearchException e) {
            if (isNotFound(e)) {
                return ifNotFound;
            }
            throw e;
        }
    }

    /** The status, or 0 when the failure carries none (a connection error). */
    public static int status(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ElasticsearchException e) {
                return e.status();
            }
            if (t instanceof ResponseException e) {
                return e.getResponse().getStatusLine().getStatusCode();
            }
            if (t instanceof TransportException e && e.statusCode() > 0) {
                return e.statusCode();
            }
        }
        return 0;
    }

    /**
     * Whether the failure means Elasticsearch could not answer the request: an I/O failure
     * with no answer at all (refused, reset, a TLS handshake that failed, no answer by the
     * deadline), or an answer that it is too busy (429) or failing (5xx).
     */
    public static boolean isUnavailable(Throwable failure) {
        if (failure instanceof ElasticsearchUnavailableException) {
            return true;
        }
        int status = status(failure);
        if (status == 0) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof IOException) {
                    return true;
                }
            }
            return false;
        }
        return status == 429 || status >= 500;
    }

    public static boolean isConflict(Throwable failure) {
        return status(failure) == 409;
    }

    public static boolean isNotFound(Throwable failure) {
        return status(failure) == 404;
    }
}
