package io.agent7.search.api;

import io.agent7.query.Expr;
import io.agent7.query.Operator;
import io.agent7.query.QueryException;
import io.agent7.query.Span;
import io.agent7.query.Suggestions;
import io.agent7.query.dsl.FilterDsl;
import io.agent7.query.request.Answer;
import io.agent7.query.request.Format;
import io.agent7.query.request.QueryOptions;
import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.schema.UnknownTypeException;
import io.agent7.server.web.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/<type>?filter=...}: the query API. By default it answers what is on
 * the hosts now ({@code state=present}); {@code state=removed} and {@code state=all} reach
 * into history. The other parameters are {@link QueryOptions}: they choose a page of
 * documents, a count, groups, distinct values or an export (docs/QUERY.md).
 */
@RestController
class QueryController {

    static final String FILTER = "filter";
    static final String STATE = "state";
    private static final List<String> STATES = List.of("present", "removed", "all");

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
    @GetMapping("/api/v1/{type}")
    Map<String, Object> query(
            @PathVariable String type,
            @RequestParam MultiValueMap<String, String> parameters,
            HttpServletResponse response)
            throws IOException {
        DataType dataType;
        try {
            dataType = schema.require(type);
        } catch (UnknownTypeException e) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, e.getMessage());
        }
        QueryOptions.rejectUnknown(parameters.keySet(), Set.of(FILTER, STATE));
        QueryOptions options = QueryOptions.parse(parameters, dataType, properties.limits());
        Expr filter =
                withState(FilterDsl.parse(single(parameters, FILTER, "")), single(parameters, STATE, STATES.get(0)));
        return switch (options.answer()) {
            case PAGE -> page(dataType, filter, options);
            case COUNT -> totals(dataType, backend.count(dataType, filter));
            case GROUPS, DISTINCT -> groups(dataType, filter, options);
            case EXPORT -> {
                export(dataType, filter, options, response);
                yield null;
            }
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

    private static String single(MultiValueMap<String, String> parameters, String name, String absent) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new QueryException(
                    name,
                    "'" + name + "' is given " + values.size() + " times; give it once"
                            + (name.equals(FILTER) ? " and join its clauses with ';'" : ""),
                    Span.NONE,
                    "one " + name + " parameter",
                    List.of());
        }
        return values.isEmpty() ? absent : values.get(0);
    }

    private static Expr withState(Expr filter, String state) {
        Expr present = new Expr.Comparison(CommonFields.PRESENT, Operator.EQ, List.of("true"));
        return switch (state.strip().toLowerCase(Locale.ROOT)) {
            case "present" -> Expr.and(filter, present);
            case "removed" -> Expr.and(filter, new Expr.Not(present));
            case "all" -> filter;
            default ->
                throw new QueryException(
                        STATE,
                        "state must be present, removed or all; got '" + state + "'",
                        Span.of(0, state.length()),
                        "present, removed or all",
                        Suggestions.nearest(state, STATES));
        };
    }
}
