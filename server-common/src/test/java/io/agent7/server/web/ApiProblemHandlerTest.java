package io.agent7.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.server.elasticsearch.ElasticsearchUnavailableException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class ApiProblemHandlerTest {

    @Test
    void elasticsearchUnavailableIs503WithTheConfiguredRetryAfter() {
        ApiProblemHandler handler = new ApiProblemHandler(new ApiProperties(Duration.ofSeconds(17)));

        ResponseEntity<ProblemDetail> answer = handler.unavailable(
                new ElasticsearchUnavailableException("Reading host h-1", new ConnectException("Connection refused")));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("17");
        assertThat(answer.getBody().getDetail())
                .as("what failed inside stays in the log")
                .isEqualTo("Elasticsearch is unavailable; retry later");
    }

    @Test
    void aProblemKeepsItsStatusDetailAndErrors() {
        ResponseEntity<ProblemDetail> answer = ApiProblemHandler.answer(new ApiProblem(
                HttpStatus.BAD_REQUEST, "2 lines are invalid", List.of(new ApiProblem.Error(3, "process.pid", "no"))));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isNull();
        assertThat(answer.getBody().getDetail()).isEqualTo("2 lines are invalid");
        assertThat(answer.getBody().getProperties()).containsKey("errors");
    }

    @Test
    void retryAfterDefaultsToThirtySecondsAndIsAtLeastOne() {
        assertThat(ApiProperties.defaults().retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> new ApiProperties(Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agent7.retry-after must be at least 1s (Retry-After counts whole seconds), got PT0.5S");
        assertThatThrownBy(() -> new ApiProperties(Duration.ofSeconds(-5)))
                .hasMessageStartingWith("agent7.retry-after must be at least 1s");
    }
}
