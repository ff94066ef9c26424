package io.agent7.search.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.TotalHitsRelation;
import io.agent7.query.request.FieldSelection;
import io.agent7.query.request.SortKey;
import io.agent7.search.api.MissingIndexException;
import io.agent7.search.api.SearchBackend.Hit;
import io.agent7.search.api.SearchBackend.Total;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import java.util.List;
import java.util.Map;

/** What the adapter's searches share: calling, ordering, choosing fields, reading hits. */
final class Searches {

    private Searches() {}

    /** A call on one index; a missing index is an error naming it, never an empty answer. */
    static <T> T call(String index, String what, ElasticsearchErrors.Call<T> call) {
        try {
            return ElasticsearchErrors.call(what, call);
        } catch (ElasticsearchException e) {
            if (e.status() == 404
                    && "index_not_found_exception".equals(e.error().type())) {
                throw new MissingIndexException(index);
            }
            throw e;
        }
    }

    static List<SortOptions> sort(List<SortKey> keys) {
        return keys.stream()
                .map(key -> SortOptions.of(o -> o.field(f -> f.field(key.field())
                        .order(key.descending() ? SortOrder.Desc : SortOrder.Asc)
                        // A field no document has a value of yet sorts as a keyword, not an error.
                        .unmappedType(FieldType.Keyword))))
                .toList();
    }

    static void source(SearchRequest.Builder search, FieldSelection fields) {
        if (!fields.includes().isEmpty() || !fields.excludes().isEmpty()) {
            search.source(s -> s.filter(f -> f.includes(fields.includes()).excludes(fields.excludes())));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<Hit> hits(SearchResponse<Map> response) {
        return response.hits().hits().stream()
                .map(h -> new Hit(h.id(), h.source() == null ? Map.of() : (Map<String, Object>) h.source()))
                .toList();
    }

    /** The total of a search that counted; one that did not count is a lower bound of its hits. */
    static Total total(SearchResponse<?> response) {
        var total = response.hits().total();
        return total == null
                ? new Total(response.hits().hits().size(), false)
                : new Total(total.value(), total.relation() == TotalHitsRelation.Eq);
    }
}
