package io.agent7.ingest.ingest;

import io.agent7.ingest.security.AgentPrincipal;
import io.agent7.schema.DataType;
import io.agent7.schema.StoredDocument;
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

    /**
     * The same on a document as the ingest path carries it. By default the enricher works on
     * the document as a tree, which is then taken back; an enricher that only sets fields of
     * the type overrides this to set them in place ({@link StoredDocument#set}).
     */
    default void enrich(AgentPrincipal agent, DataType type, String id, StoredDocument document) {
        ObjectNode tree = document.toTree();
        enrich(agent, type, id, tree);
        document.replace(tree);
    }
}
