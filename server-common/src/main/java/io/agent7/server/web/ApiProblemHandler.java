package io.agent7.server.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns {@link ApiProblem}s, and Spring MVC's own request errors (a missing parameter, an
 * unreadable body, a wrong method), into problem-detail bodies.
 */
@RestControllerAdvice
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    /** What clients are told to wait ({@code Retry-After}) when Elasticsearch is busy or away. */
    private final java.time.Duration retryAfter;

    public ApiProblemHandler(
            @org.springframework.beans.factory.annotation.Value("${agent7.retry-after:30s}")
                    java.time.Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    /**
     * Elasticsearch could not be reached or timed out: the request may succeed later, so the
     * client gets 503 with Retry-After instead of a 500.
     */
    @ExceptionHandler({java.io.UncheckedIOException.class, co.elastic.clients.transport.TransportException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception e) {
        log.warn("Elasticsearch unavailable: {}", e.toString());
        return handle(ApiProblem.retryable(
                org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE,
                "Elasticsearch is unavailable; retry later",
                retryAfter));
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> handle(ApiProblem problem) {
        if (problem.status().is5xxServerError()) {
            log.warn("Answered {}: {}", problem.status().value(), problem.getMessage());
        }
        HttpHeaders headers = new HttpHeaders();
        if (problem.retryAfter() != null) {
            headers.set(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, problem.retryAfter().toSeconds())));
        }
        return ResponseEntity.status(problem.status()).headers(headers).body(problem.toProblemDetail());
    }
}
