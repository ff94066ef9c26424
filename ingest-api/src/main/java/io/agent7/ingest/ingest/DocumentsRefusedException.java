package io.agent7.ingest.ingest;

import java.util.List;

/**
 * Elasticsearch refused documents of the batch for what they hold (a value its mapping
 * cannot take, a document too large for one request): sending them again will not help.
 * The batch's other documents were written.
 */
public final class DocumentsRefusedException extends RuntimeException {

    /** One refused document and Elasticsearch's reason. */
    public record Refusal(String id, String reason) {}

    private final List<Refusal> refusals;

    DocumentsRefusedException(List<Refusal> refusals) {
        super("Elasticsearch refused " + refusals.size() + " documents of the batch");
        this.refusals = List.copyOf(refusals);
    }

    public List<Refusal> refusals() {
        return refusals;
    }
}
