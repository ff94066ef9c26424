package io.agent7.ingest.ingest;

import io.agent7.ingest.security.AgentPrincipal;
import io.agent7.schema.DataType;
import io.agent7.schema.StoredDocument;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Sets ECS {@code process.entity_id}: the process document's own id, a hash of host, pid
 * and start time, so it is unique across hosts and pid reuse and stable across collections.
 */
@Component
class ProcessEntityIdEnricher implements DocumentEnricher {

    private static final String ENTITY_ID = "process.entity_id";

    @Override
    public boolean appliesTo(DataType type) {
        return type.name().equals("process");
    }

    @Override
    public void enrich(AgentPrincipal agent, DataType type, String id, ObjectNode document) {
        ObjectNode process = document.has("process") && document.get("process").isObject()
                ? (ObjectNode) document.get("process")
                : document.putObject("process");
        process.put("entity_id", id);
    }

    @Override
    public void enrich(AgentPrincipal agent, DataType type, String id, StoredDocument document) {
        document.set(ENTITY_ID, StringNode.valueOf(id));
    }
}
