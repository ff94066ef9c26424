package io.agent7.ingest.ingest;

import io.agent7.server.web.ApiProblem;
import java.util.List;

/** A batch that is rejected whole; every bad line is named. The web layer picks the status from the reason. */
final class BatchRejectedException extends RuntimeException {

    enum Reason {
        /** The batch is not what the protocol describes: bad JSON, a missing header, invalid fields. */
        INVALID,
        /** The batch, or one of its lines, is past a configured limit. */
        TOO_LARGE,
        /** The batch names a host other than the agent's own. */
        OTHER_HOST
    }

    private final Reason reason;
    private final List<ApiProblem.Error> errors;

    BatchRejectedException(Reason reason, String message, List<ApiProblem.Error> errors) {
        super(message);
        this.reason = reason;
        this.errors = List.copyOf(errors);
    }

    Reason reason() {
        return reason;
    }

    List<ApiProblem.Error> errors() {
        return errors;
    }
}
