package io.agent7.search.admin;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads the audit log back, newest first, for admins. */
@Component
class AuditRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ElasticsearchClient client;
    private final DataType type;

    AuditRecords(ElasticsearchClient client, Schema schema) {
        this.client = client;
        this.type = schema.serverType("audit");
    }

    /** The newest {@code size} records, of one action when {@code action} is given. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> newest(String action, int size) {
        Query query = action == null || action.isBlank()
                ? Query.of(q -> q.matchAll(m -> m))
                : Query.of(q -> q.term(t -> t.field("event.action").value(action)));
        var response = ElasticsearchErrors.call(
                "Reading the audit log",
                () -> client.search(
                        s -> s.index(type.index())
                                .query(query)
                                .size(size)
                                .sort(o -> o.field(
                                        f -> f.field(CommonFields.TIMESTAMP).order(SortOrder.Desc))),
                        ObjectNode.class));
        return response.hits().hits().stream()
                .filter(h -> h.source() != null)
                .map(h -> (Map<String, Object>) JSON.readValue(h.source().toString(), Map.class))
                .toList();
    }
}
