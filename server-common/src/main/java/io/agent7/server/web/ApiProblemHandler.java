package io.agent7.server.web;

import io.agent7.server.elasticsearch.ElasticsearchTimeoutException;
import io.agent7.server.elasticsearch.ElasticsearchUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns {@link ApiProblem}s, Elasticsearch being unavailable, and Spring MVC's own request
 * errors (a missing parameter, an unreadable body, a wrong method) into problem-detail bodies.
 *
 * <p>Last in line: a service's own advice, which maps its domain exceptions, is asked first.
 * Spring matches an exception's causes too, so this one, asked first, would answer a domain
 * exception that carries an {@link ElasticsearchUnavailableException} as its cause.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    private final ApiProperties properties;

    public ApiProblemHandler(ApiProperties properties) {
        this.properties = properties;
    }

    /**
     * Elasticsearch could not be reached or is overloaded: the request may succeed later, so
     * the client gets 503 with Retry-After instead of a 500. A request cut at its deadline
     * ({@code agent7.elasticsearch.request-timeout}) is a 504 that says so.
     */
    @ExceptionHandler(ElasticsearchUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(ElasticsearchUnavailableException e) {
        return answer(problem(e, properties));
    }

    /**
     * The problem Elasticsearch's absence is: a 503 with Retry-After, or, for a request cut at
     * its deadline ({@code agent7.elasticsearch.request-timeout}), a 504 that says so.
     */
    public static ApiProblem problem(ElasticsearchUnavailableException e, ApiProperties properties) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ElasticsearchTimeoutException timeout) {
                // The request was cancelled at its deadline: a query that long would only run
                // as long again, so say so instead of inviting a retry.
                return new ApiProblem(
                        HttpStatus.GATEWAY_TIMEOUT,
                        timeout.getMessage() + ". Narrow the request (a more selective filter, a smaller limit).");
            }
        }
        log.warn("Elasticsearch unavailable: {}", e.getMessage());
        return ApiProblem.retryable(
                HttpStatus.SERVICE_UNAVAILABLE, "Elasticsearch is unavailable; retry later", properties.retryAfter());
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> handle(ApiProblem problem) {
        return answer(problem);
    }

    /** The response for a problem: its status, its body, and Retry-After when it has one. */
    public static ResponseEntity<ProblemDetail> answer(ApiProblem problem) {
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
