package io.agent7.search.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.TotalHitsRelation;
import io.agent7.query.QueryCompiler;
import io.agent7.search.api.MissingIndexException;
import io.agent7.search.api.SearchBackend;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@link SearchBackend} on the Elasticsearch client: compiles the filter to a {@code bool}
 * query and runs it on the type's index. A missing index is an error, never an empty page.
 */
@Component
class ElasticsearchSearchBackend implements SearchBackend {

    private final ElasticsearchClient client;
    private final QueryCompiler compiler;

    ElasticsearchSearchBackend(ElasticsearchClient client, Clock clock) {
        this.client = client;
        this.compiler = new QueryCompiler(clock);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Page search(Request request) {
        String index = request.type().index();
        Query query = compiler.compile(request.filter(), request.type());
        SearchResponse<Map> response;
        try {
            response = ElasticsearchErrors.call(
                    "Searching " + index,
                    () -> client.search(
                            s -> {
                                s.index(index)
                                        .query(query)
                                        .from(request.from())
                                        .size(request.size())
                                        .trackTotalHits(t -> t.enabled(true));
                                for (Sort sort : request.sort()) {
                                    // A field no document has a value of yet sorts as a keyword, not an error.
                                    s.sort(o -> o.field(f -> f.field(sort.field())
                                            .order(sort.descending() ? SortOrder.Desc : SortOrder.Asc)
                                            .unmappedType(FieldType.Keyword)));
                                }
                                if (!request.fields().isEmpty()) {
                                    s.source(src -> src.filter(f -> f.includes(request.fields())));
                                }
                                return s;
                            },
                            Map.class));
        } catch (ElasticsearchException e) {
            if (e.status() == 404
                    && "index_not_found_exception".equals(e.error().type())) {
                throw new MissingIndexException(index);
            }
            throw e;
        }
        var total = response.hits().total();
        List<Hit> hits = response.hits().hits().stream()
                .map(h -> new Hit(h.id(), h.source() == null ? Map.of() : (Map<String, Object>) h.source()))
                .toList();
        return new Page(
                total == null ? hits.size() : total.value(),
                total != null && total.relation() == TotalHitsRelation.Gte,
                hits);
    }
}
