package io.agent7.ingest.ingest;

import io.agent7.protocol.Batch;
import io.agent7.schema.DataType;
import io.agent7.schema.StoredDocument;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A checked batch as the ingest path carries it: its header, its upserts in stored form
 * (slotted when read in one pass, see {@link StoredDocument}) and its removals' identities.
 */
record StoredBatch(Batch.Header header, DataType type, List<StoredDocument> documents, List<ObjectNode> removals) {

    StoredBatch {
        documents = List.copyOf(documents);
        removals = List.copyOf(removals);
    }

    /** A batch read as trees (the JSON form, tests), its documents taken as they are. */
    static StoredBatch of(Batch batch) {
        return new StoredBatch(
                batch.header(),
                batch.type(),
                batch.documents().stream()
                        .map(document -> StoredDocument.of(batch.type(), document))
                        .toList(),
                batch.removals());
    }

    String id() {
        return header.id();
    }

    Batch.Mode mode() {
        return header.mode();
    }
}
