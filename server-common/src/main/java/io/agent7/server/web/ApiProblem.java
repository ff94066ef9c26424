package io.agent7.server.web;

import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one shape of every 4xx and 5xx body the services send: RFC 9457 problem details,
 * with an {@code errors} list when several things were wrong at once (the lines of a
 * batch, say). Each error names what was wrong and, where it helps, what would be right.
 */
public final class ApiProblem extends RuntimeException {

    /** One thing wrong with the request. Fields that do not apply are null. */
    public record Error(Integer line, String field, String reason) {}

    private final HttpStatus status;
    private final List<Error> errors;
    private final Duration retryAfter;

    public ApiProblem(HttpStatus status, String detail) {
        this(status, detail, List.of(), null);
    }

    public ApiProblem(HttpStatus status, String detail, List<Error> errors) {
        this(status, detail, errors, null);
    }

    private ApiProblem(HttpStatus status, String detail, List<Error> errors, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** A 429 or 503 that the client should retry after {@code retryAfter} (sent as {@code Retry-After}). */
    public static ApiProblem retryable(HttpStatus status, String detail, Duration retryAfter) {
        if (status != HttpStatus.TOO_MANY_REQUESTS && status != HttpStatus.SERVICE_UNAVAILABLE) {
            throw new IllegalArgumentException("Only 429 and 503 are retryable, got " + status);
        }
        return new ApiProblem(status, detail, List.of(), retryAfter);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, detail);
    }

    public HttpStatus status() {
        return status;
    }

    /** Seconds to wait before retrying, or null when retrying the same request cannot help. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public List<Error> errors() {
        return errors;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }
}
