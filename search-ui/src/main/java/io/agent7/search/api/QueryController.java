package io.agent7.search.api;

import io.agent7.query.Expr;
import io.agent7.query.QueryException;
import io.agent7.query.Span;
import io.agent7.query.dsl.FilterDsl;
import io.agent7.query.lucene.LuceneSyntax;
import io.agent7.query.request.Answer;
import io.agent7.query.request.Format;
import io.agent7.query.request.QueryOptions;
import io.agent7.query.request.QueryString;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.schema.UnknownTypeException;
import io.agent7.server.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/<type>?filter=...} (and the original API's {@code /api/agent/<type>},
 * with {@code ;} between parameters: {@link QueryString}): the query API. By default it answers what is on
 * the hosts now ({@code state=present}); {@code state=removed} and {@code state=all} reach
 * into history. The other parameters are {@link QueryOptions}: they choose a page of
 * documents, a count, groups, distinct values or an export (docs/QUERY.md).
 */
@RestController
class QueryController {

    static final String FILTER = "filter";
    static final String STATE = "state";
    static final String Q = "q";
    static final String TYPE = "type";
    static final String EXPLAIN = "explain";

    private final Schema schema;
    private final SearchBackend backend;
    private final SearchProperties properties;

    QueryController(Schema schema, SearchBackend backend, SearchProperties properties) {
        this.schema = schema;
        this.backend = backend;
        this.properties = properties;
    }

    /**
     * The answer as JSON; or, for {@code format=csv} and {@code ndjson}, null once the export
     * has been written to {@code response} page by page (Spring writes nothing more then).
     *
     * @throws QueryException for a parameter that is wrong, answered as a 400 ({@link SearchProblems})
     */
    @GetMapping({"/api/v1/{type}", "/api/agent/{type}"})
    Map<String, Object> query(@PathVariable String type, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        DataType dataType = type(type);
        Map<String, String> parameters = QueryString.parse(request.getQueryString());
        for (String searchOnly : List.of(Q, TYPE)) {
            if (parameters.containsKey(searchOnly)) {
                throw new QueryException(
                        searchOnly,
                        "'" + searchOnly + "=' belongs to /api/v1/search?q=...&type=...; here the type is in the path",
                        Span.NONE,
                        "filter= for the URI filter DSL",
                        List.of());
            }
        }
        return answer(dataType, FilterDsl.parse(parameters.getOrDefault(FILTER, ""), FILTER), parameters, response);
    }

    /**
     * {@code GET /api/v1/search?q=...&type=...}: the same answers for a query in Lucene syntax
     * (docs/QUERY.md). A {@code filter=} given too must match as well.
     */
    @GetMapping("/api/v1/search")
    Map<String, Object> search(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, String> parameters = QueryString.parse(request.getQueryString());
        String typeName = parameters.get(TYPE);
        if (typeName == null || typeName.isBlank()) {
            throw new QueryException(
                    TYPE, "Name the data type to search with type=", Span.NONE, "type=<name or alias>", List.of());
        }
        DataType dataType = type(typeName);
        Expr query = LuceneSyntax.parse(parameters.getOrDefault(Q, ""));
        if (parameters.containsKey(FILTER)) {
            query = Expr.and(query, FilterDsl.parse(parameters.get(FILTER), FILTER));
        }
        return answer(dataType, query, parameters, response);
    }

    private DataType type(String name) {
        try {
            return schema.require(name);
        } catch (UnknownTypeException e) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }

    /**
     * The answer as JSON; or, for {@code format=csv} and {@code ndjson}, null once the export
     * has been written to {@code response} page by page (Spring writes nothing more then).
     *
     * @throws QueryException for a parameter that is wrong, answered as a 400 ({@link SearchProblems})
     */
    private Map<String, Object> answer(
            DataType dataType, Expr query, Map<String, String> parameters, HttpServletResponse response)
            throws IOException {
        QueryOptions.rejectUnknown(parameters.keySet(), Set.of(FILTER, STATE, Q, TYPE, EXPLAIN));
        Map<String, List<String>> options = new LinkedHashMap<>();
        parameters.forEach((name, value) -> options.put(name, List.of(value)));
        QueryOptions parsed = QueryOptions.parse(options, dataType, properties.limits());
        String state = parameters.getOrDefault(STATE, ItemStates.STATES.get(0));
        Expr filter = ItemStates.withState(query, state);
        boolean explain = explain(parameters.get(EXPLAIN));
        if (explain && parsed.answer() == Answer.EXPORT) {
            throw new QueryException(
                    EXPLAIN,
                    "explain=true explains JSON answers, not exports",
                    Span.NONE,
                    "format=json with explain=true",
                    List.of());
        }
        Map<String, Object> body = switch (parsed.answer()) {
            case PAGE -> page(dataType, filter, parsed);
            case COUNT -> totals(dataType, backend.count(dataType, filter));
            case GROUPS, DISTINCT -> groups(dataType, filter, parsed);
            case EXPORT -> {
                export(dataType, filter, parsed, response);
                yield null;
            }
        };
        if (explain) {
            body.put(EXPLAIN, backend.explain(dataType, filter));
        }
        return body;
    }

    private static boolean explain(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default ->
                throw new QueryException(
                        EXPLAIN,
                        "explain takes true or false, got '" + value + "'",
                        Span.NONE,
                        "true or false",
                        List.of());
        };
    }

    private Map<String, Object> page(DataType type, Expr filter, QueryOptions options) {
        SearchBackend.Page page = backend.search(new SearchBackend.Request(
                type, filter, options.sort(), options.fields(), options.offset(), options.limit(), options.cursor()));
        Map<String, Object> body = totals(type, page.total());
        body.put("offset", page.offset());
        body.put("limit", options.limit());
        body.put("items", page.hits().stream().map(Items::of).toList());
        if (page.nextCursor() != null) {
            body.put("next_cursor", page.nextCursor());
        }
        return body;
    }

    private Map<String, Object> groups(DataType type, Expr filter, QueryOptions options) {
        boolean distinct = options.answer() == Answer.DISTINCT;
        SearchBackend.Groups groups = backend.group(new SearchBackend.GroupRequest(
                type, filter, options.groupBy(), options.limit(), options.cursor(), !distinct));
        Map<String, Object> body = totals(type, groups.total());
        body.put("limit", options.limit());
        if (distinct) {
            String field = options.groupBy().get(0);
            body.put("distinct", field);
            body.put(
                    "values",
                    groups.groups().stream().map(g -> g.key().get(field)).toList());
        } else {
            body.put("groupby", options.groupBy());
            body.put(
                    "groups",
                    groups.groups().stream()
                            .map(g -> {
                                Map<String, Object> group = new LinkedHashMap<>();
                                group.put("key", g.key());
                                group.put("count", g.count());
                                return group;
                            })
                            .toList());
        }
        if (groups.nextCursor() != null) {
            body.put("next_cursor", groups.nextCursor());
        }
        return body;
    }

    private void export(DataType type, Expr filter, QueryOptions options, HttpServletResponse response)
            throws IOException {
        List<String> columns = options.format() == Format.CSV
                ? CsvColumns.of(type, options.fields(), () -> backend.fieldsWithValues(type))
                : List.of();
        ExportResponse export = new ExportResponse(response, options.format(), type.name(), columns);
        backend.export(
                new SearchBackend.Request(type, filter, options.sort(), options.fields(), 0, options.limit(), null),
                export);
        export.finish();
    }

    /**
     * Every answer starts with how many documents matched. {@code total_is_lower_bound} is the
     * older member, kept for clients that read it; {@code total_exact} says the same for every answer.
     */
    private static Map<String, Object> totals(DataType type, SearchBackend.Total total) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.name());
        body.put("total", total.value());
        body.put("total_exact", total.exact());
        if (!total.exact()) {
            body.put("total_is_lower_bound", true);
        }
        return body;
    }
}
