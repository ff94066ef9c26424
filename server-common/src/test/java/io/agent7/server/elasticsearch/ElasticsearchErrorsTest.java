package io.agent7.server.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ElasticsearchErrorsTest {

    static ElasticsearchException refusal(int status, String type) {
        return new ElasticsearchException(
                "get",
                ErrorResponse.of(e -> e.status(status).error(c -> c.type(type).reason("because"))));
    }

    @Test
    void noAnswerATimeoutBusyOrFailingMeanUnavailable() {
        assertThat(ElasticsearchErrors.isUnavailable(new ConnectException("Connection refused")))
                .isTrue();
        assertThat(ElasticsearchErrors.isUnavailable(new SSLHandshakeException("no trust")))
                .isTrue();
        assertThat(ElasticsearchErrors.isUnavailable(
                        new ElasticsearchTimeoutException("GET /x", Duration.ofSeconds(90))))
                .isTrue();
        assertThat(ElasticsearchErrors.isUnavailable(refusal(429, "es_rejected_execution_exception")))
                .isTrue();
        assertThat(ElasticsearchErrors.isUnavailable(refusal(503, "no_shard_available_action_exception")))
                .isTrue();
        assertThat(ElasticsearchErrors.isUnavailable(new UncheckedIOException(new ConnectException("refused"))))
                .as("looked for through wrappers")
                .isTrue();
    }

    @Test
    void refusalsOfTheRequestAndOtherFailuresAreNot() {
        assertThat(ElasticsearchErrors.isUnavailable(refusal(400, "parsing_exception")))
                .isFalse();
        assertThat(ElasticsearchErrors.isUnavailable(refusal(404, "index_not_found_exception")))
                .isFalse();
        assertThat(ElasticsearchErrors.isUnavailable(refusal(409, "version_conflict_engine_exception")))
                .isFalse();
        assertThat(ElasticsearchErrors.isUnavailable(new IllegalStateException("a bug")))
                .isFalse();
    }

    @Test
    void aCallNamesWhatFailedAndHow() {
        assertThatThrownBy(() -> ElasticsearchErrors.call("Reading host h-1", () -> {
                    throw new ConnectException("Connection refused");
                }))
                .isInstanceOf(ElasticsearchUnavailableException.class)
                .hasMessage("Reading host h-1: java.net.ConnectException: Connection refused");
        ElasticsearchException notFound = refusal(404, "index_not_found_exception");
        assertThatThrownBy(() -> ElasticsearchErrors.call("Reading host h-1", () -> {
                    throw notFound;
                }))
                .as("a refusal passes as it is, for the caller to look at")
                .isSameAs(notFound);
        assertThat(ElasticsearchErrors.call("Reading host h-1", () -> "found")).isEqualTo("found");
    }

    @Test
    void anAnswerThatCannotBeReadIsAnotherFailure() {
        assertThatThrownBy(() -> ElasticsearchErrors.call("Reading host h-1", () -> {
                    throw new IOException("Unexpected character", refusal(200, "none"));
                }))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("Reading host h-1 failed: Unexpected character");
    }
}
