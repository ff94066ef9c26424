package io.agent7.ingest.ingest;

import io.agent7.ingest.security.AgentPrincipal;
import io.agent7.schema.DataType;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adds to a validated document before it is indexed (GeoIP of remote addresses, say).
 * Enrichers run after the document's id is computed and must not touch identity fields.
 * Every bean of this type runs, in {@code @Order}.
 */
public interface DocumentEnricher {

    boolean appliesTo(DataType type);

    /**
     * @param id the document's {@code _id}
     */
    void enrich(AgentPrincipal agent, DataType type, String id, ObjectNode document);
}
