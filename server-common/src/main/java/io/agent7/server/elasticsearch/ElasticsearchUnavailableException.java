package io.agent7.server.elasticsearch;

/**
 * Elasticsearch could not be asked, or did not answer the question: no connection, no answer
 * by the request's deadline ({@link ElasticsearchTimeoutException}), or an answer that it is
 * overloaded or failing (429, 5xx, a shard that is not there). The same request may well
 * succeed later, so callers are told to retry (503 with {@code Retry-After}); a request
 * Elasticsearch refused for what it asked is a different failure and never this one.
 */
public class ElasticsearchUnavailableException extends RuntimeException {

    /** @param what the request that failed, for the log: e.g. {@code "Reading host 0f5c..."} */
    public ElasticsearchUnavailableException(String what, Throwable cause) {
        super(what + ": " + cause, cause);
    }

    /** A failure reported inside an answer: a shard that could not be read, say. */
    public ElasticsearchUnavailableException(String what) {
        super(what);
    }
}
