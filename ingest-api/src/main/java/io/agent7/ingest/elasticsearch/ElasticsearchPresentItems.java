package io.agent7.ingest.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.agent7.ingest.ingest.PresentItems;
import io.agent7.schema.CommonFields;
import io.agent7.schema.Values;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import io.agent7.server.elasticsearch.ElasticsearchUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@link PresentItems} on the Elasticsearch client: a paged search for a snapshot's items
 * gone, a multi-get for a batch's removals. Both route by host, so each reads one shard.
 * Neither answers "none" when it could not read everything: a partial answer would leave
 * items present that the agent believes removed.
 */
@Component
class ElasticsearchPresentItems implements PresentItems {

    private static final int PAGE = 5_000;

    private final ElasticsearchClient client;

    ElasticsearchPresentItems(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public List<String> idsNotIn(String index, String routing, String hostId, Set<String> keep, Instant before) {
        Set<String> excluded = new HashSet<>(keep);
        List<String> found = new ArrayList<>();
        String beforeText = Values.formatDate(before);
        while (true) {
            List<String> exclude = List.copyOf(excluded);
            SearchResponse<Void> response = ElasticsearchErrors.call(
                    "Searching removed items of host " + hostId,
                    () -> client.search(
                            s -> s.index(index)
                                    .routing(routing)
                                    .size(PAGE)
                                    .source(src -> src.fetch(false))
                                    .query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field(CommonFields.HOST_ID)
                                                    .value(hostId)))
                                            .filter(f -> f.term(t -> t.field(CommonFields.PRESENT)
                                                    .value(true)))
                                            .filter(f -> f.range(r -> r.untyped(d -> d.field(CommonFields.LAST_SEEN)
                                                    .lt(JsonData.of(beforeText)))))
                                            .mustNot(m -> m.ids(ids -> ids.values(exclude))))),
                            Void.class));
            if (response.shards().failed().intValue() > 0) {
                // Partial results would miss items, and the agent would never learn they stayed present.
                throw new ElasticsearchUnavailableException("Searching removed items of host " + hostId + " reached "
                        + response.shards().successful() + " of "
                        + response.shards().total() + " shards");
            }
            List<String> page = response.hits().hits().stream().map(Hit::id).toList();
            found.addAll(page);
            excluded.addAll(page);
            if (page.size() < PAGE) {
                return found;
            }
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Set<String> among(String index, String routing, String hostId, Set<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        var response = ElasticsearchErrors.call(
                "Reading items of host " + hostId,
                () -> client.mget(
                        m -> m.index(index)
                                .routing(routing)
                                .ids(List.copyOf(ids))
                                .sourceIncludes(CommonFields.PRESENT, CommonFields.HOST_ID),
                        Map.class));
        Set<String> present = new HashSet<>();
        for (var doc : response.docs()) {
            if (!doc.isResult()) {
                // Not "absent": unknown, e.g. a shard still recovering after a restart. Treating it
                // as absent would skip a removal the agent then believes was made.
                throw new ElasticsearchUnavailableException("Reading items of host " + hostId + " failed: "
                        + doc.failure().error().reason());
            }
            Map source = doc.result().source();
            if (doc.result().found()
                    && source != null
                    && Boolean.TRUE.equals(valueAt(source, CommonFields.PRESENT))
                    && hostId.equals(valueAt(source, CommonFields.HOST_ID))) {
                present.add(doc.result().id());
            }
        }
        return present;
    }

    /** The value at a dotted field of a source read as nested maps; null when absent. */
    @SuppressWarnings("rawtypes")
    static Object valueAt(Map source, String field) {
        Object node = source;
        for (String key : field.split("\\.")) {
            if (!(node instanceof Map map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }
}
