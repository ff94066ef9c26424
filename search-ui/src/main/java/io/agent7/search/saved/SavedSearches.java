package io.agent7.search.saved;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import io.agent7.server.elasticsearch.StoredDocument;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Saved searches in the schema's {@code saved_search} index, one document each. */
@Component
public class SavedSearches {

    /** A person keeps tens, a team hundreds; more than this and the list page stops at it. */
    static final int MAX_LISTED = 1000;

    private final ElasticsearchClient client;
    private final DataType type;
    private final Clock clock;

    SavedSearches(ElasticsearchClient client, Schema schema, Clock clock) {
        this.client = client;
        this.type = schema.serverType("saved_search");
        this.clock = clock;
    }

    public SavedSearch save(
            String name,
            String owner,
            boolean shared,
            String dataType,
            String query,
            String syntax,
            boolean dashboard) {
        Instant now = clock.instant();
        SavedSearch saved = new SavedSearch(
                UUID.randomUUID().toString(), name, owner, shared, dataType, query, syntax, dashboard, now);
        StoredDocument doc = StoredDocument.of(type, now)
                .put("saved_search.id", saved.id())
                .put("saved_search.name", name)
                .put("saved_search.owner", owner)
                .put("saved_search.shared", shared)
                .put("saved_search.type", dataType)
                .put("saved_search.query", query)
                .put("saved_search.syntax", syntax)
                .put("saved_search.dashboard", dashboard)
                .put("saved_search.created_at", now)
                .put("saved_search.updated_at", now);
        ElasticsearchErrors.call(
                "Saving search " + name,
                () -> client.create(c ->
                        c.index(type.index()).id(saved.id()).document(doc.map()).refresh(Refresh.WaitFor)));
        return saved;
    }

    /** The searches {@code user} may see: their own and the shared ones, by name. */
    public List<SavedSearch> visibleTo(String user) {
        var response = ElasticsearchErrors.call(
                "Listing saved searches",
                () -> client.search(
                        s -> s.index(type.index())
                                .size(MAX_LISTED)
                                .query(q -> q.bool(b -> b.should(sh -> sh.term(t ->
                                                t.field("saved_search.shared").value(true)))
                                        .should(sh -> sh.term(t ->
                                                t.field("saved_search.owner").value(user)))
                                        .minimumShouldMatch("1")))
                                .sort(o -> o.field(
                                        f -> f.field("saved_search.name").order(SortOrder.Asc))),
                        ObjectNode.class));
        return response.hits().hits().stream()
                .filter(h -> h.source() != null)
                .map(h -> saved(h.source().path("saved_search")))
                .toList();
    }

    public Optional<SavedSearch> find(String id) {
        try {
            var found = ElasticsearchErrors.call(
                    "Reading saved search " + id,
                    () -> client.get(g -> g.index(type.index()).id(id), ObjectNode.class));
            return found.found() && found.source() != null
                    ? Optional.of(saved(found.source().path("saved_search")))
                    : Optional.empty();
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public void delete(String id) {
        ElasticsearchErrors.call(
                "Deleting saved search " + id,
                () -> client.delete(d -> d.index(type.index()).id(id).refresh(Refresh.WaitFor)));
    }

    private static SavedSearch saved(JsonNode s) {
        return new SavedSearch(
                s.path("id").asText(),
                s.path("name").asText(),
                s.path("owner").asText(),
                s.path("shared").asBoolean(false),
                s.path("type").asText(),
                s.path("query").asText(),
                s.path("syntax").asText(),
                s.path("dashboard").asBoolean(false),
                Instant.parse(s.path("created_at").asText(Instant.EPOCH.toString())));
    }
}
