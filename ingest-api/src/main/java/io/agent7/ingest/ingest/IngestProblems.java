package io.agent7.ingest.ingest;

import io.agent7.server.web.ApiProblem;
import io.agent7.server.web.ApiProblemHandler;
import io.agent7.server.web.ApiProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * How the ingest path's failures are answered (docs/AGENT-PROTOCOL.md, "Batches"): what can
 * succeed later is a 503 with {@code Retry-After}, a batch that contradicts itself a 400, a
 * batch too old to take a 422, documents Elasticsearch refused a 422 naming each.
 */
@RestControllerAdvice(assignableTypes = IngestController.class)
@Order(0)
class IngestProblems {

    private final ApiProperties api;

    IngestProblems(ApiProperties api) {
        this.api = api;
    }

    @ExceptionHandler(IngestUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(IngestUnavailableException e) {
        return ApiProblemHandler.answer(
                ApiProblem.retryable(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), api.retryAfter()));
    }

    @ExceptionHandler(InvalidBatchException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidBatchException e) {
        return ApiProblemHandler.answer(ApiProblem.badRequest(e.getMessage()));
    }

    /** 422: the batch is well formed but too old to take; sending it again cannot help. */
    @ExceptionHandler(BatchTooOldException.class)
    ResponseEntity<ProblemDetail> tooOld(BatchTooOldException e) {
        return ApiProblemHandler.answer(new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage()));
    }

    @ExceptionHandler(DocumentsRefusedException.class)
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
