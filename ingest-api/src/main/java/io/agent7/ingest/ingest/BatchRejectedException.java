package io.agent7.ingest.ingest;

import io.agent7.server.web.ApiProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A batch that is rejected whole; every bad line is named. */
final class BatchRejectedException extends RuntimeException {

    private final HttpStatus status;
    private final List<ApiProblem.Error> errors;

    BatchRejectedException(HttpStatus status, String message, List<ApiProblem.Error> errors) {
        super(message);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    ApiProblem toProblem() {
        return new ApiProblem(status, getMessage(), errors);
    }
}
