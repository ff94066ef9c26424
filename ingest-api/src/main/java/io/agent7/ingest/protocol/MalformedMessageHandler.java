package io.agent7.ingest.protocol;

import io.agent7.protocol.MalformedMessageException;
import io.agent7.server.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A protocol body that is not the message it should be: 400, with each wrong field named. */
@RestControllerAdvice
class MalformedMessageHandler {

    @ExceptionHandler(MalformedMessageException.class)
    ResponseEntity<ProblemDetail> malformed(MalformedMessageException e) {
        ApiProblem problem = new ApiProblem(
                HttpStatus.BAD_REQUEST,
                e.getMessage(),
                e.problems().stream()
                        .map(p -> new ApiProblem.Error(null, p.field(), p.reason()))
                        .toList());
        return ResponseEntity.status(problem.status()).body(problem.toProblemDetail());
    }
}
