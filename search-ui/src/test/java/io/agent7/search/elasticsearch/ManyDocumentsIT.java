package io.agent7.search.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.agent7.query.Expr;
import io.agent7.query.QueryException;
import io.agent7.query.dsl.FilterDsl;
import io.agent7.query.request.FieldSelection;
import io.agent7.query.request.QueryOptions;
import io.agent7.query.request.SortKey;
import io.agent7.schema.DataType;
import io.agent7.schema.FieldType;
import io.agent7.schema.Schema;
import io.agent7.search.api.SearchBackend;
import io.agent7.search.api.SearchBackend.Total;
import io.agent7.search.api.SearchProperties;
import io.agent7.testkit.TestElasticsearch;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cursors, exports, groups, distinct values and counts on a real node, over 25,000 documents
 * in two shards, so that points in time and ties span shards. Document {@code i} is red, green
 * or blue by {@code i % 3}, of size {@code s(i % 7)} unless {@code i % 11 == 0} (no size), one
 * of five days by {@code i % 5}, and flagged when {@code i % 4 == 0}: every expected number
 * below is computed from that rule, not from the node.
 */
class ManyDocumentsIT {

    static final int COUNT = 25_000;
    static final List<String> COLOURS = List.of("red", "green", "blue");
    static final Instant DAY_ONE = Instant.parse("2026-01-01T00:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final DataType THING = DataType.builder("it_many_" + suffix())
            .description("A thing, for this test.")
            .keyword("thing.name", "Its name.")
            .field("thing.n", FieldType.LONG, "Its number.")
            .keyword("thing.colour", "Its colour.")
            .keyword("thing.size", "Its size; some have none.")
            .field("thing.when", FieldType.DATE, "Its day.")
            .field("thing.flag", FieldType.BOOLEAN, "Whether it is flagged.")
            .identity("thing.name")
            .build();

    static RestClient rest;
    static ElasticsearchClient client;
    static ElasticsearchSearchBackend backend;

    static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    }

    static Map<String, Object> thing(int i) {
        Map<String, Object> thing = new LinkedHashMap<>();
        thing.put("name", "t" + i);
        thing.put("n", i);
        thing.put("colour", COLOURS.get(i % 3));
        if (i % 11 != 0) {
            thing.put("size", "s" + (i % 7));
        }
        thing.put("when", DAY_ONE.plus(Duration.ofDays(i % 5)).toString());
        thing.put("flag", i % 4 == 0);
        return Map.of("thing", thing);
    }

    @BeforeAll
    static void index() throws Exception {
        URI es = TestElasticsearch.url();
        TestElasticsearch.send(es, "PUT", "/" + THING.index(), """
                {"settings": {"number_of_shards": 2, "number_of_replicas": 0},
                 "mappings": {"properties": {"thing": {"properties": {
                   "name": {"type": "keyword"}, "n": {"type": "long"}, "colour": {"type": "keyword"},
                   "size": {"type": "keyword"}, "when": {"type": "date"}, "flag": {"type": "boolean"}}}}}}
                """);
        rest = RestClient.builder(new HttpHost(es.getHost(), es.getPort(), es.getScheme()))
                .build();
        client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
        for (int from = 0; from < COUNT; from += 5_000) {
            bulk(IntStream.range(from, Math.min(COUNT, from + 5_000))
                    .mapToObj(i -> BulkOperation.of(
                            o -> o.index(x -> x.index(THING.index()).id("t" + i).document(thing(i)))))
                    .toList());
        }
        TestElasticsearch.refresh(THING.index());
        backend = new ElasticsearchSearchBackend(
                client, Schema.standard(), Clock.systemUTC(), SearchProperties.defaults());
    }

    static void bulk(List<BulkOperation> operations) throws Exception {
        BulkResponse response = client.bulk(b -> b.operations(operations));
        assertThat(response.errors()).as("bulk errors: %s", response.items()).isFalse();
    }

    @AfterAll
    static void drop() throws Exception {
        TestElasticsearch.send(TestElasticsearch.url(), "DELETE", "/" + THING.index(), null);
        rest.close();
    }

    static SearchBackend.Request request(String filter, List<SortKey> sort, int size, String cursor) {
        return new SearchBackend.Request(THING, FilterDsl.parse(filter), sort, FieldSelection.ALL, 0, size, cursor);
    }

    static int number(SearchBackend.Hit hit) {
        return Integer.parseInt(hit.id().substring(1));
    }

    /**
     * By colour (thousands of ties), by size descending (a sixth of the documents have none:
     * null sort values in the cursor), by a field the mapping lacks (every value null: the
     * tiebreaker alone orders them).
     */
    @ParameterizedTest(name = "orderby={0}")
    @ValueSource(strings = {"thing.colour", "-thing.size", "@timestamp"})
    void aCursorWalksEveryDocumentOnceWhileOthersAreWritten(String orderby) throws Exception {
        boolean descending = orderby.startsWith("-");
        List<SortKey> sort = List.of(new SortKey(orderby.replace("-", ""), descending));
        List<String> ids = new ArrayList<>();
        String cursor = QueryOptions.CURSOR_START;
        int pages = 0;
        try {
            while (cursor != null) {
                SearchBackend.Page page = backend.search(request("", sort, 1_000, cursor));
                assertThat(page.total()).isEqualTo(new Total(COUNT, true));
                assertThat(page.offset()).isEqualTo(ids.size());
                page.hits().forEach(h -> ids.add(h.id()));
                if (pages++ == 0) {
                    // Written after the cursor's point in time: its pages never show them.
                    bulk(IntStream.range(0, 50)
                            .mapToObj(i -> BulkOperation.of(o -> o.index(
                                    x -> x.index(THING.index()).id("late-" + i).document(thing(i)))))
                            .toList());
                    TestElasticsearch.refresh(THING.index());
                }
                cursor = page.nextCursor();
            }
        } finally {
            bulk(IntStream.range(0, 50)
                    .mapToObj(i -> BulkOperation.of(
                            o -> o.delete(x -> x.index(THING.index()).id("late-" + i))))
                    .toList());
            TestElasticsearch.refresh(THING.index());
        }

        assertThat(pages).as("25 full pages, and no empty one after them").isEqualTo(25);
        assertThat(ids).hasSize(COUNT);
        assertThat(new HashSet<>(ids)).as("no document twice").hasSize(COUNT);
        assertThat(ids).noneMatch(id -> id.startsWith("late-"));
        if (orderby.equals("thing.colour")) {
            List<String> colours = ids.stream()
                    .map(id -> COLOURS.get(Integer.parseInt(id.substring(1)) % 3))
                    .toList();
            assertThat(colours).isSorted();
        }
    }

    @Test
    void theLastPageClosesThePointInTimeAndAClosedOneIsAnExpiredCursor() {
        List<SortKey> byNumber = List.of(new SortKey("thing.n", false));
        SearchBackend.Page first = backend.search(request("thing.n,lt,300", byNumber, 200, "*"));
        SearchBackend.Page last = backend.search(request("thing.n,lt,300", byNumber, 200, first.nextCursor()));

        assertThat(first.hits()).hasSize(200);
        assertThat(last.hits()).extracting(ManyDocumentsIT::number).containsExactlyElementsOf(range(200, 300));
        assertThat(last.nextCursor()).isNull();
        assertThatThrownBy(() -> backend.search(request("thing.n,lt,300", byNumber, 200, first.nextCursor())))
                .isInstanceOfSatisfying(
                        QueryException.class, e -> assertThat(e.parameter()).isEqualTo("cursor"))
                .hasMessageStartingWith("This cursor has expired: a cursor can be used for 5m after the page");
    }

    @Test
    void aSinglePageCursorHandsBackNoCursor() {
        SearchBackend.Page only = backend.search(request("thing.n,lt,10", List.of(), 10, "*"));

        assertThat(only.hits()).hasSize(10);
        assertThat(only.nextCursor()).isNull();
    }

    @Test
    void anExportWritesEveryDocumentOnceInOrderPageByPage() throws Exception {
        Set<String> ids = new HashSet<>();
        List<Integer> pageSizes = new ArrayList<>();
        List<Total> totals = new ArrayList<>();
        int[] previous = {Integer.MAX_VALUE};

        backend.export(
                request("", List.of(new SortKey("thing.n", true)), Integer.MAX_VALUE, null), sink(totals::add, hits -> {
                    pageSizes.add(hits.size());
                    for (SearchBackend.Hit hit : hits) {
                        assertThat(ids.add(hit.id())).as("%s twice", hit.id()).isTrue();
                        assertThat(number(hit)).isLessThan(previous[0]);
                        previous[0] = number(hit);
                    }
                }));

        assertThat(totals).containsExactly(new Total(COUNT, true));
        assertThat(ids).hasSize(COUNT);
        assertThat(pageSizes).hasSize(25).allMatch(size -> size == PointInTimePages.EXPORT_PAGE);
    }

    @Test
    void anExportStopsAtItsLimitAndALimitOfNothingStillBegins() throws Exception {
        List<Integer> numbers = new ArrayList<>();
        List<Total> totals = new ArrayList<>();

        backend.export(
                request("thing.colour,eq,blue", List.of(new SortKey("thing.n", false)), 2_503, null),
                sink(totals::add, hits -> hits.forEach(h -> numbers.add(number(h)))));
        backend.export(request("", List.of(), 0, null), sink(totals::add, hits -> numbers.add(-1)));

        assertThat(numbers)
                .containsExactlyElementsOf(
                        IntStream.range(0, 2_503).map(i -> 3 * i + 2).boxed().toList());
        assertThat(totals).containsExactly(new Total(8_333, true), new Total(COUNT, true));
    }

    @Test
    void groupbyCountsEveryCombinationExactlyAcrossPages() {
        Map<List<Object>, Long> expected = new TreeMap<>(ManyDocumentsIT::compareKeys);
        for (int i = 0; i < COUNT; i++) {
            expected.merge(Arrays.asList(COLOURS.get(i % 3), i % 11 == 0 ? null : "s" + (i % 7)), 1L, Long::sum);
        }
        Map<List<Object>, Long> found = new LinkedHashMap<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            SearchBackend.Groups page = backend.group(new SearchBackend.GroupRequest(
                    THING, new Expr.And(List.of()), List.of("thing.colour", "thing.size"), 5, cursor, true));
            assertThat(page.total()).isEqualTo(new Total(COUNT, true));
            pageSizes.add(page.groups().size());
            for (SearchBackend.Group group : page.groups()) {
                List<Object> key = new ArrayList<>(group.key().values());
                assertThat(found.put(key, group.count())).as("%s twice", key).isNull();
            }
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(expected).hasSize(24);
        assertThat(pageSizes).as("3 colours x (7 sizes + none), 5 a page").containsExactly(5, 5, 5, 5, 4);
        assertThat(found).isEqualTo(expected);
        assertThat(new ArrayList<>(found.keySet()))
                .as("in key order, no size first")
                .isEqualTo(new ArrayList<>(expected.keySet()));
        assertThat(found.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(COUNT);
    }

    @Test
    void distinctListsEachValueOnceDatesAndBooleansAsDocumentsWriteThem() {
        assertThat(distinct("thing.size", 3, false)).containsExactly("s0", "s1", "s2", "s3", "s4", "s5", "s6");
        assertThat(distinct("thing.when", 2, false))
                .containsExactly(
                        "2026-01-01T00:00:00.000Z",
                        "2026-01-02T00:00:00.000Z",
                        "2026-01-03T00:00:00.000Z",
                        "2026-01-04T00:00:00.000Z",
                        "2026-01-05T00:00:00.000Z");
        SearchBackend.Groups flags = backend.group(
                new SearchBackend.GroupRequest(THING, new Expr.And(List.of()), List.of("thing.flag"), 10, null, true));
        assertThat(flags.groups())
                .containsExactly(
                        new SearchBackend.Group(Map.of("thing.flag", false), 18_750),
                        new SearchBackend.Group(Map.of("thing.flag", true), 6_250));
    }

    List<Object> distinct(String field, int size, boolean missing) {
        List<Object> values = new ArrayList<>();
        String cursor = null;
        do {
            SearchBackend.Groups page = backend.group(new SearchBackend.GroupRequest(
                    THING, new Expr.And(List.of()), List.of(field), size, cursor, missing));
            page.groups().forEach(g -> values.add(g.key().get(field)));
            cursor = page.nextCursor();
        } while (cursor != null);
        return values;
    }

    @Test
    void aCountIsExact() {
        assertThat(backend.count(THING, FilterDsl.parse("thing.colour,eq,red"))).isEqualTo(new Total(8_334, true));
        assertThat(backend.count(THING, FilterDsl.parse("thing.size,exists,false")))
                .isEqualTo(new Total(2_273, true));
    }

    @Test
    void aForgedOrMisusedCursorIsTheCallersErrorNeverTheServices() {
        List<SortKey> byNumber = List.of(new SortKey("thing.n", false));
        String real = backend.search(request("", byNumber, 10, "*")).nextCursor();
        ObjectNode token = decode(real);

        assertCursorError(() -> backend.search(request("", byNumber, 10, "abc")), "damaged");
        assertCursorError(() -> backend.search(request("thing.n,gt,5", byNumber, 10, real)), "another query");
        assertCursorError(() -> backend.search(request("", List.of(), 10, real)), "another query");
        token.putArray("after").add("not a number").add(3);
        assertCursorError(() -> backend.search(request("", byNumber, 10, encode(token))), "damaged");
        token.put("pit", Base64.getUrlEncoder().encodeToString("not a pit".getBytes(StandardCharsets.UTF_8)));
        assertCursorError(() -> backend.search(request("", byNumber, 10, encode(token))), "");
        token.put("v", 2);
        assertCursorError(() -> backend.search(request("", byNumber, 10, encode(token))), "unknown version 2");
        assertCursorError(
                () -> backend.group(new SearchBackend.GroupRequest(
                        THING, new Expr.And(List.of()), List.of("thing.colour"), 5, real, true)),
                "a cursor of hits, not of groups");

        String groups = backend.group(new SearchBackend.GroupRequest(
                        THING, new Expr.And(List.of()), List.of("thing.colour"), 1, null, true))
                .nextCursor();
        ObjectNode groupToken = decode(groups);
        groupToken.putObject("after").put("thing.n", 5).put("thing.flag", "x");
        assertCursorError(
                () -> backend.group(new SearchBackend.GroupRequest(
                        THING, new Expr.And(List.of()), List.of("thing.colour"), 5, encode(groupToken), true)),
                "damaged");
    }

    @Test
    void aCursorWhosePointInTimeIsGoneHasExpired() {
        List<SortKey> byNumber = List.of(new SortKey("thing.n", false));
        String cursor = backend.search(request("", byNumber, 10, "*")).nextCursor();
        TestElasticsearch.send(
                TestElasticsearch.url(),
                "DELETE",
                "/_pit",
                "{\"id\":\"" + decode(cursor).path("pit").asString() + "\"}");

        assertCursorError(() -> backend.search(request("", byNumber, 10, cursor)), "has expired");
    }

    static void assertCursorError(Runnable call, String message) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("cursor");
                    assertThat(e.expected()).contains("next_cursor");
                })
                .hasMessageContaining(message);
    }

    static ObjectNode decode(String token) {
        return (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(token));
    }

    static String encode(ObjectNode token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(token));
    }

    static SearchBackend.HitSink sink(Consumer<Total> begin, Consumer<List<SearchBackend.Hit>> page) {
        return new SearchBackend.HitSink() {
            @Override
            public void begin(Total total) {
                begin.accept(total);
            }

            @Override
            public void page(List<SearchBackend.Hit> hits) {
                assertThat(hits).isNotEmpty();
                page.accept(hits);
            }
        };
    }

    static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    /** Composite order: each value ascending, a missing one (null) first. */
    static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            String x = (String) a.get(i);
            String y = (String) b.get(i);
            int c = x == null ? (y == null ? 0 : -1) : y == null ? 1 : x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
