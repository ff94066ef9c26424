package io.agent7.search.alerts;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.TotalHitsRelation;
import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import io.agent7.search.api.MissingIndexException;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The alerts in Elasticsearch: conditional writes with {@code if_seq_no}/{@code if_primary_term}, searches newest first. */
@Component
class ElasticsearchAlertStore implements AlertStore {

    private static final String RAISED = CommonFields.TIMESTAMP;

    private final ElasticsearchClient client;
    private final DataType type;
    private final String index;

    ElasticsearchAlertStore(ElasticsearchClient client, Schema schema) {
        this.client = client;
        this.type = schema.serverType("alert");
        this.index = type.index();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Map<String, Stored> read(Collection<String> ids) {
        Map<String, Stored> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<String> wanted = List.copyOf(ids);
        MgetResponse<Map> response = call(
                "Reading " + wanted.size() + " alerts",
                () -> client.mget(m -> m.index(index).ids(wanted), Map.class));
        for (MultiGetResponseItem<Map> item : response.docs()) {
            if (item.isFailure()) {
                if ("index_not_found_exception".equals(item.failure().error().type())) {
                    throw new MissingIndexException(index);
                }
                throw new IllegalStateException(
                        "Reading alert " + item.failure().id() + " failed: "
                                + item.failure().error().reason());
            }
            var result = item.result();
            if (result.found() && result.source() != null) {
                found.put(
                        result.id(),
                        new Stored(
                                new Alert(result.id(), Documents.cast(result.source())),
                                new Version(result.seqNo(), result.primaryTerm())));
            }
        }
        return found;
    }

    @Override
    public Map<String, WriteResult> replace(List<Replacement> replacements) {
        Map<String, WriteResult> results = new LinkedHashMap<>();
        if (replacements.isEmpty()) {
            return results;
        }
        List<BulkOperation> operations = replacements.stream()
                .map(r -> BulkOperation.of(o -> o.index(i -> i.index(index)
                        .id(r.id())
                        .ifSeqNo(r.read().seqNo())
                        .ifPrimaryTerm(r.read().primaryTerm())
                        .document(r.document()))))
                .toList();
        // Wait for the refresh: the list the analyst returns to shows what they just did.
        var response = call(
                "Writing " + operations.size() + " alerts",
                () -> client.bulk(b -> b.refresh(Refresh.WaitFor).operations(operations)));
        for (BulkResponseItem item : response.items()) {
            WriteResult result;
            if (item.error() == null) {
                result = WriteResult.WRITTEN;
            } else if (item.status() == 409) {
                result = WriteResult.CONFLICT;
            } else {
                result = new WriteResult(
                        WriteResult.Kind.FAILED,
                        item.status() + " " + item.error().type() + ": "
                                + item.error().reason());
            }
            results.put(item.id(), result);
        }
        return results;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Page search(AlertFilter filter, String cursor, int size) {
        List<FieldValue> after = cursor == null || cursor.isBlank() ? null : AlertCursor.read(cursor);
        Query query = query(filter);
        // One more than asked for: whether it comes says whether there is a next page.
        SearchResponse<Map> response = call(
                "Searching alerts",
                () -> client.search(
                        s -> {
                            s.index(index)
                                    .query(query)
                                    .size(size + 1)
                                    .trackTotalHits(t -> t.enabled(true))
                                    .sort(newestFirst());
                            if (after != null) {
                                s.searchAfter(after);
                            }
                            return s;
                        },
                        Map.class));
        List<Hit<Map>> hits = response.hits().hits();
        List<Alert> alerts = new ArrayList<>();
        for (Hit<Map> hit : hits.subList(0, Math.min(size, hits.size()))) {
            alerts.add(new Alert(hit.id(), hit.source() == null ? Map.of() : Documents.cast(hit.source())));
        }
        String next = hits.size() > size ? AlertCursor.write(hits.get(size - 1).sort()) : null;
        var total = response.hits().total();
        return new Page(
                alerts,
                total == null ? alerts.size() : total.value(),
                total != null && total.relation() == TotalHitsRelation.Eq,
                next);
    }

    @Override
    public OpenCounts openCounts(int rules) {
        var response = call(
                "Counting open alerts",
                () -> client.search(
                        s -> s.index(index)
                                .size(0)
                                .trackTotalHits(t -> t.enabled(true))
                                .query(term("alert.status", AlertStatus.OPEN.id()))
                                .aggregations(
                                        "severity",
                                        a -> a.terms(
                                                t -> t.field("alert.severity").size(10)))
                                .aggregations(
                                        "rules",
                                        a -> a.terms(t -> t.field("rule.id").size(rules))
                                                .aggregations(
                                                        "name",
                                                        n -> n.terms(t -> t.field("rule.name")
                                                                .size(1)))),
                        Void.class));
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            bySeverity.put(severity, 0L);
        }
        for (StringTermsBucket bucket :
                response.aggregations().get("severity").sterms().buckets().array()) {
            // A severity the engine spells otherwise is left out rather than guessed.
            Severity.of(bucket.key().stringValue()).ifPresent(s -> bySeverity.put(s, bucket.docCount()));
        }
        List<RuleCount> byRule = new ArrayList<>();
        for (StringTermsBucket bucket :
                response.aggregations().get("rules").sterms().buckets().array()) {
            List<StringTermsBucket> names =
                    bucket.aggregations().get("name").sterms().buckets().array();
            String id = bucket.key().stringValue();
            byRule.add(
                    new RuleCount(id, names.isEmpty() ? id : names.get(0).key().stringValue(), bucket.docCount()));
        }
        var total = response.hits().total();
        return new OpenCounts(total == null ? 0 : total.value(), bySeverity, byRule);
    }

    private Query query(AlertFilter filter) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (!filter.statuses().isEmpty()) {
            bool.filter(terms(
                    "alert.status",
                    filter.statuses().stream().map(AlertStatus::id).toList()));
        }
        if (!filter.severities().isEmpty()) {
            bool.filter(terms(
                    "alert.severity",
                    filter.severities().stream().map(Severity::id).toList()));
        }
        if (filter.rule() != null) {
            bool.filter(term("rule.id", filter.rule()));
        }
        if (filter.host() != null) {
            bool.filter(q -> q.bool(b -> b.should(term(CommonFields.HOST_ID, filter.host()))
                    .should(term(CommonFields.HOST_NAME, filter.host()))
                    .minimumShouldMatch("1")));
        }
        if (filter.from() != null || filter.to() != null) {
            bool.filter(q -> q.range(r -> r.date(d -> {
                d.field(RAISED);
                if (filter.from() != null) {
                    d.gte(Values.formatDate(filter.from()));
                }
                if (filter.to() != null) {
                    d.lt(Values.formatDate(filter.to()));
                }
                return d;
            })));
        }
        if (filter.text() != null) {
            // bool_prefix: the last word may be cut short, as when typed into the filter box.
            bool.filter(q -> q.multiMatch(m -> m.query(filter.text())
                    .fields("event.reason.text", "rule.name.text")
                    .type(TextQueryType.BoolPrefix)
                    .operator(Operator.And)));
        }
        return Query.of(q -> q.bool(bool.build()));
    }

    /** Newest first; the id breaks ties between alerts raised in the same millisecond. */
    private static List<SortOptions> newestFirst() {
        return List.of(
                SortOptions.of(o -> o.field(f -> f.field(RAISED).order(SortOrder.Desc))),
                SortOptions.of(o -> o.field(f -> f.field("alert.id").order(SortOrder.Desc))));
    }

    /** The field equal to the value; in any case where the schema says the OS compares it so (a host's name). */
    private Query term(String field, String value) {
        boolean caseless = type.field(field).caseInsensitive();
        return Query.of(q -> q.term(t -> t.field(field).value(value).caseInsensitive(caseless ? true : null)));
    }

    private static Query terms(String field, List<String> values) {
        return Query.of(q -> q.terms(t -> t.field(field)
                .terms(v -> v.value(values.stream().map(FieldValue::of).toList()))));
    }

    private <T> T call(String what, ElasticsearchErrors.Call<T> call) {
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
}
