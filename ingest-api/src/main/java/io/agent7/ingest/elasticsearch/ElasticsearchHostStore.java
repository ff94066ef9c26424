package io.agent7.ingest.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agent7.ingest.hosts.HostStore;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import io.agent7.server.elasticsearch.StoredDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/** The {@code host} documents, in the schema's {@code host} index. */
@Repository
class ElasticsearchHostStore implements HostStore {

    private final ElasticsearchClient client;
    private final DataType type;

    ElasticsearchHostStore(ElasticsearchClient client, Schema schema) {
        this.client = client;
        this.type = schema.require("host");
    }

    @Override
    public Optional<HostState> find(String documentId) {
        try {
            var found = ElasticsearchErrors.call(
                    "Reading host " + documentId,
                    () -> client.get(g -> g.index(type.index()).id(documentId), ObjectNode.class));
            if (!found.found() || found.source() == null) {
                return Optional.empty();
            }
            JsonNode source = found.source();
            List<String> forced = new ArrayList<>();
            source.path("host_state").path("forced_collections").forEach(f -> forced.add(f.asText()));
            return Optional.of(new HostState(
                    source.path("host").path("id").asText(),
                    source.path("host_state").path("group").asText("default"),
                    forced));
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean setGroup(String documentId, String group) {
        return update(documentId, StoredDocument.partial(type).put("host_state.group", group));
    }

    @Override
    public boolean setForced(String documentId, List<String> types) {
        return update(documentId, StoredDocument.partial(type).put("host_state.forced_collections", types));
    }

    private boolean update(String documentId, StoredDocument partial) {
        try {
            ElasticsearchErrors.call(
                    "Updating host " + documentId,
                    () -> client.update(
                            u -> u.index(type.index())
                                    .id(documentId)
                                    .doc(partial.map())
                                    .refresh(Refresh.WaitFor)
                                    .retryOnConflict(3),
                            Map.class));
            return true;
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }
}
