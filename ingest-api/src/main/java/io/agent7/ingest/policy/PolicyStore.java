package io.agent7.ingest.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Where policies live. */
public interface PolicyStore {

    /** A stored policy and the version token that guards concurrent changes. */
    record Stored(
            String group,
            long version,
            Instant updatedAt,
            String updatedBy,
            JsonNode spec,
            long seqNo,
            long primaryTerm) {}

    Optional<Stored> find(String group);

    List<Stored> all();

    /**
     * Writes the policy if nobody changed it since {@code previous} was read (or, with no
     * previous, if none exists yet); answers false when someone did.
     */
    boolean save(String group, long version, Instant updatedAt, String updatedBy, JsonNode spec, Stored previous);
}
