package io.agent7.ingest.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import io.agent7.ingest.policy.PolicyStore;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import io.agent7.server.elasticsearch.StoredDocument;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Policies in the schema's {@code policy} index, one document per group (its id), changed with
 * optimistic concurrency.
 */
@Repository
class ElasticsearchPolicyStore implements PolicyStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ElasticsearchClient client;
    private final DataType type;

    ElasticsearchPolicyStore(ElasticsearchClient client, Schema schema) {
        this.client = client;
        this.type = schema.serverType("policy");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Optional<Stored> find(String group) {
        try {
            var found = ElasticsearchErrors.call(
                    "Reading the policy of " + group,
                    () -> client.get(g -> g.index(type.index()).id(group), Map.class));
            if (!found.found() || found.source() == null) {
                return Optional.empty();
            }
            return Optional.of(stored(JSON.valueToTree(found.source()), found.seqNo(), found.primaryTerm()));
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List<Stored> all() {
        var response = ElasticsearchErrors.call(
                "Listing policies",
                () -> client.search(s -> s.index(type.index()).size(1000).seqNoPrimaryTerm(true), Map.class));
        return response.hits().hits().stream()
                .map(h -> stored(
                        JSON.valueToTree(h.source()),
                        h.seqNo() == null ? 0 : h.seqNo(),
                        h.primaryTerm() == null ? 0 : h.primaryTerm()))
                .toList();
    }

    @Override
    public boolean save(
            String group, long version, Instant updatedAt, String updatedBy, JsonNode spec, Stored previous) {
        Map<String, Object> doc = StoredDocument.of(type, updatedAt)
                .put("policy.group", group)
                .put("policy.version", version)
                .put("policy.updated_at", updatedAt)
                .put("policy.updated_by", updatedBy)
                .put("policy.spec", JSON.convertValue(spec, Map.class))
                .map();
        try {
            ElasticsearchErrors.call(
                    "Saving the policy of " + group,
                    () -> previous == null
                            ? client.create(c -> c.index(type.index())
                                    .id(group)
                                    .document(doc)
                                    .refresh(Refresh.WaitFor))
                            : client.index(i -> i.index(type.index())
                                    .id(group)
                                    .document(doc)
                                    .refresh(Refresh.WaitFor)
                                    .ifSeqNo(previous.seqNo())
                                    .ifPrimaryTerm(previous.primaryTerm())));
            return true;
        } catch (RuntimeException e) {
            if (ElasticsearchErrors.isConflict(e)) {
                return false;
            }
            throw e;
        }
    }

    private static Stored stored(JsonNode source, long seqNo, long primaryTerm) {
        JsonNode p = source.path("policy");
        return new Stored(
                p.path("group").asString(),
                p.path("version").asLong(),
                Instant.parse(p.path("updated_at").asString()),
                p.path("updated_by").asString(null),
                p.path("spec"),
                seqNo,
                primaryTerm);
    }
}
