package io.agent7.search.api;

import io.agent7.server.web.ApiProblem;
import io.agent7.server.web.ApiProblemHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** How the query API answers what its searches fail with. */
@RestControllerAdvice(assignableTypes = QueryController.class)
@Order(0)
class SearchProblems {

    /**
     * 503 without Retry-After: the service cannot answer until someone installs the schema,
     * and waiting alone will not do that.
     */
    @ExceptionHandler(MissingIndexException.class)
    ResponseEntity<ProblemDetail> missingIndex(MissingIndexException e) {
        return ApiProblemHandler.answer(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }
}
