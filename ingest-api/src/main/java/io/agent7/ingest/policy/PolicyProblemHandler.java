package io.agent7.ingest.policy;

import io.agent7.server.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The web side of policy errors: the problem details an admin (or an agent, for a stored policy gone bad) gets. */
@RestControllerAdvice
class PolicyProblemHandler {

    @ExceptionHandler(InvalidPolicyException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidPolicyException e) {
        return answer(new ApiProblem(
                HttpStatus.BAD_REQUEST,
                e.getMessage(),
                e.problems().stream()
                        .map(p -> new ApiProblem.Error(null, p.field(), p.reason()))
                        .toList()));
    }

    @ExceptionHandler(PolicyConflictException.class)
    ResponseEntity<ProblemDetail> conflict(PolicyConflictException e) {
        return answer(new ApiProblem(HttpStatus.CONFLICT, e.getMessage()));
    }

    private static ResponseEntity<ProblemDetail> answer(ApiProblem problem) {
        return ResponseEntity.status(problem.status()).body(problem.toProblemDetail());
    }
}
