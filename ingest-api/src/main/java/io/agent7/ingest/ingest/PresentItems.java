package io.agent7.ingest.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the index holds of a host's items now: the two reads the ingest path needs, one before
 * a batch's removals (which of them are present) and one after a snapshot's writes (which
 * present items it no longer lists). The Elasticsearch adapter implements it.
 */
public interface PresentItems {

    /**
     * Ids of the host's documents in {@code index} that are present, were last seen before
     * {@code before}, and are not in {@code keep}: what a full snapshot no longer has.
     *
     * @param routing the documents' shard routing: the host id, or null for a domain type's
     *                documents, which are routed by id ({@link io.agent7.schema.DocumentIds#routing})
     */
    List<String> idsNotIn(String index, String routing, String hostId, Set<String> keep, Instant before);

    /** Which of these ids of the host's are documents marked present now; {@code routing} as above. */
    Set<String> among(String index, String routing, String hostId, Set<String> ids);
}
