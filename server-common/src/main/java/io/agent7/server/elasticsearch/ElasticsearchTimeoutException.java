package io.agent7.server.elasticsearch;

import java.io.IOException;
import java.time.Duration;

/** A request to Elasticsearch that had no answer by its deadline ({@code agent7.elasticsearch.request-timeout}); it was cancelled. */
public final class ElasticsearchTimeoutException extends IOException {

    ElasticsearchTimeoutException(String request, Duration deadline) {
        super("Elasticsearch did not answer " + request + " within " + format(deadline)
                + " (agent7.elasticsearch.request-timeout)");
    }

    private static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
