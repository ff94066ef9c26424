package io.agent7.ingest.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.server.web.ApiProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The answers of docs/AGENT-PROTOCOL.md for the ingest path's failures. */
class IngestProblemsTest {

    private final IngestProblems problems = new IngestProblems(new ApiProperties(Duration.ofSeconds(7)));

    @Test
    void whatCanSucceedLaterIs503WithRetryAfter() {
        ResponseEntity<ProblemDetail> answer =
                problems.unavailable(new IngestUnavailableException("The ingest queue is full; retry later"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("7");
        assertThat(answer.getBody().getDetail()).isEqualTo("The ingest queue is full; retry later");
    }

    @Test
    void aBatchThatContradictsItselfIs400() {
        ResponseEntity<ProblemDetail> answer = problems.invalid(new InvalidBatchException("send one or the other"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isNull();
        assertThat(answer.getBody().getDetail()).isEqualTo("send one or the other");
    }

    @Test
    void refusedDocumentsAre422NamingEachUpToTheLimit() {
        List<DocumentsRefusedException.Refusal> refusals = new ArrayList<>();
        for (int i = 0; i < BatchReader.MAX_REPORTED_ERRORS + 3; i++) {
            refusals.add(new DocumentsRefusedException.Refusal("id-" + i, "document_parsing_exception: [n]"));
        }

        ResponseEntity<ProblemDetail> answer = problems.refused(new DocumentsRefusedException(refusals));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(answer.getBody().getDetail()).isEqualTo("Elasticsearch refused 103 documents of the batch");
        assertThat((List<?>) answer.getBody().getProperties().get("errors"))
                .hasSize(BatchReader.MAX_REPORTED_ERRORS)
                .first()
                .hasToString("Error[line=null, field=null, reason=document id-0: document_parsing_exception: [n]]");
    }
}
