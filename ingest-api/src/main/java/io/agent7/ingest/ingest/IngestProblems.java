package io.agent7.ingest.ingest;

import io.agent7.server.elasticsearch.ElasticsearchUnavailableException;
import io.agent7.server.web.ApiProblem;
import io.agent7.server.web.ApiProblemHandler;
import io.agent7.server.web.ApiProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * How the ingest path's failures are answered (docs/AGENT-PROTOCOL.md, "Batches"): what can
 * succeed later is a 503 with {@code Retry-After}, a batch that contradicts itself a 400, a
 * batch too old to take a 422, documents Elasticsearch refused a 422 naming each.
 */
@Component
class IngestProblems {

    private final ApiProperties api;

    IngestProblems(ApiProperties api) {
        this.api = api;
    }

    /**
     * The answer to what a batch failed with, or null for a failure that is none of the
     * ingest path's own (a bug): the caller answers that with a 500. An exception is matched
     * by its causes too, the nearest first, as Spring MVC matches its handlers.
     */
    ResponseEntity<ProblemDetail> answer(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            ResponseEntity<ProblemDetail> answer = answerFor(t);
            if (answer != null) {
                return answer;
            }
        }
        return null;
    }

    private ResponseEntity<ProblemDetail> answerFor(Throwable t) {
        if (t instanceof ApiProblem problem) {
            return ApiProblemHandler.answer(problem);
        } else if (t instanceof IngestUnavailableException e) {
            return unavailable(e);
        } else if (t instanceof InvalidBatchException e) {
            return invalid(e);
        } else if (t instanceof BatchTooOldException e) {
            return tooOld(e);
        } else if (t instanceof DocumentsRefusedException e) {
            return refused(e);
        } else if (t instanceof ElasticsearchUnavailableException e) {
            return ApiProblemHandler.answer(ApiProblemHandler.problem(e, api));
        }
        return null;
    }

    ResponseEntity<ProblemDetail> unavailable(IngestUnavailableException e) {
        return ApiProblemHandler.answer(
                ApiProblem.retryable(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), api.retryAfter()));
    }

    ResponseEntity<ProblemDetail> invalid(InvalidBatchException e) {
        return ApiProblemHandler.answer(ApiProblem.badRequest(e.getMessage()));
    }

    /** 422: the batch is well formed but too old to take; sending it again cannot help. */
    ResponseEntity<ProblemDetail> tooOld(BatchTooOldException e) {
        return ApiProblemHandler.answer(new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage()));
    }

    ResponseEntity<ProblemDetail> refused(DocumentsRefusedException e) {
        return ApiProblemHandler.answer(new ApiProblem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                e.getMessage(),
                e.refusals().stream()
                        .limit(BatchReader.MAX_REPORTED_ERRORS)
                        .map(r -> new ApiProblem.Error(null, null, "document " + r.id() + ": " + r.reason()))
                        .toList()));
    }
}
