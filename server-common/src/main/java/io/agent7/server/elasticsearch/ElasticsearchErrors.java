package io.agent7.server.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import org.elasticsearch.client.ResponseException;

/**
 * The HTTP status behind a failed Elasticsearch call. The client reports some refusals as
 * {@link ElasticsearchException} and others (a {@code _create} conflict, say) as a transport
 * or response exception wrapped in an {@code IOException}: this looks through all of them.
 */
public final class ElasticsearchErrors {

    private ElasticsearchErrors() {}

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

    public static boolean isConflict(Throwable failure) {
        return status(failure) == 409;
    }

    public static boolean isNotFound(Throwable failure) {
        return status(failure) == 404;
    }
}
