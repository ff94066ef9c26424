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
     */
    List<String> idsNotIn(String index, String hostId, Set<String> keep, Instant before);

    /** Which of these ids of the host's are documents marked present now. */
    Set<String> among(String index, String hostId, Set<String> ids);
}
