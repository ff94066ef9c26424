package io.agent7.search.alerts;

import io.agent7.search.api.MissingIndexException;
import io.agent7.server.web.ApiProblem;
import io.agent7.server.web.ApiProblemHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * How the alerts API answers bad input and a missing alerts index; the pages too, for what
 * their own handling leaves (an id no alert can have in the address).
 */
@RestControllerAdvice(assignableTypes = {AlertsApiController.class, AlertPagesController.class})
@Order(0)
class AlertProblems {

    @ExceptionHandler(AlertInputException.class)
    ResponseEntity<ProblemDetail> badInput(AlertInputException e) {
        return ApiProblemHandler.answer(ApiProblem.badRequest(e.getMessage()));
    }

    /** 503 without Retry-After: nothing changes until someone installs the schema. */
    @ExceptionHandler(MissingIndexException.class)
    ResponseEntity<ProblemDetail> missingIndex(MissingIndexException e) {
        return ApiProblemHandler.answer(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }
}
