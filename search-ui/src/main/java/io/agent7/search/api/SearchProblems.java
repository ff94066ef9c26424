package io.agent7.search.api;

import io.agent7.query.QueryException;
import io.agent7.server.web.ApiProblem;
import io.agent7.server.web.ApiProblemHandler;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /**
     * 400 naming what is wrong so that a client, or the console, can point at it: the
     * {@code parameter}, the {@code position} in it ({@code start} and {@code end}, end
     * exclusive; left out when the problem is the whole parameter or none), what was
     * {@code expected} there (left out when the detail says it all), and the nearest valid
     * names as {@code suggestions} (empty when there is no list to choose from); for an unknown
     * field in a query, every field of the type as {@code fields}.
     */
    @ExceptionHandler(QueryException.class)
    ResponseEntity<ProblemDetail> badQuery(QueryException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("parameter", e.parameter());
        if (e.span().known()) {
            Map<String, Integer> position = new LinkedHashMap<>();
            position.put("start", e.span().start());
            position.put("end", e.span().end());
            problem.setProperty("position", position);
        }
        if (e.expected() != null) {
            problem.setProperty("expected", e.expected());
        }
        problem.setProperty("suggestions", e.suggestions());
        if (!e.choices().isEmpty()) {
            problem.setProperty("fields", e.choices());
        }
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(problem);
    }
}
