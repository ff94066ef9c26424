package io.agent7.search.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.TotalHitsRelation;
import io.agent7.search.api.SearchBackend;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@link SearchBackend} on the Elasticsearch client. */
@Component
class ElasticsearchSearchBackend implements SearchBackend {

    private final ElasticsearchClient client;

    ElasticsearchSearchBackend(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Page search(Request request) {
        SearchResponse<Map> response = ElasticsearchErrors.call(
                "Searching " + request.index(),
                () -> client.search(
                        s -> {
                            s.index(request.index())
                                    .query(request.query())
                                    .from(request.from())
                                    .size(request.size())
                                    .trackTotalHits(t -> t.enabled(true))
                                    .ignoreUnavailable(true)
                                    .allowNoIndices(true);
                            for (Sort sort : request.sort()) {
                                s.sort(o -> o.field(f -> f.field(sort.field())
                                        .order(sort.descending() ? SortOrder.Desc : SortOrder.Asc)
                                        .unmappedType(
                                                co.elastic.clients.elasticsearch._types.mapping.FieldType.Keyword)));
                            }
                            if (!request.fields().isEmpty()) {
                                s.source(src -> src.filter(f -> f.includes(request.fields())));
                            }
                            return s;
                        },
                        Map.class));
        var total = response.hits().total();
        List<Hit> hits = response.hits().hits().stream()
                .map(h -> new Hit(h.id(), h.source() == null ? Map.of() : (Map<String, Object>) h.source()))
                .toList();
        return new Page(
                total == null ? hits.size() : total.value(),
                total != null && total.relation() == TotalHitsRelation.Gte,
                hits);
    }

    static Query matchAll() {
        return Query.of(q -> q.matchAll(m -> m));
    }
}
