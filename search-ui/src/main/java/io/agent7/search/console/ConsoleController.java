package io.agent7.search.console;

import io.agent7.query.Expr;
import io.agent7.query.QueryException;
import io.agent7.query.dsl.FilterDsl;
import io.agent7.query.request.Limits;
import io.agent7.query.request.QueryOptions;
import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Field;
import io.agent7.schema.FieldType;
import io.agent7.schema.Schema;
import io.agent7.schema.UnknownTypeException;
import io.agent7.search.api.ItemStates;
import io.agent7.search.api.SearchBackend;
import io.agent7.search.api.SearchProperties;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The search page: one box that takes either syntax, a type picker, a result table with a
 * column chooser, sorting and cursor paging, top values per field to filter in or out, and
 * the whole result as CSV or NDJSON from the query API. The search is the page's own URL
 * ({@code /?type=...&q=...}), so it can be bookmarked and shared; the page also shows it as a
 * curl command. A question that does not parse is shown with the wrong part marked.
 */
@Controller
class ConsoleController {

    static final int PAGE_ROWS = 100;
    static final int DEFAULT_COLUMNS = 7;
    static final int FACETS = 4;
    static final int FACET_VALUES = 6;

    private final Schema schema;
    private final SearchBackend backend;
    private final SearchProperties properties;
    private final String caCertificate;
    private final Fanout fanout;

    /**
     * @param caCertificate the CA file the page's curl command trusts, as the analyst's machine
     *     has it ({@code agent7.console.curl-ca-certificate}; {@code up} names its local CA); empty
     *     for a certificate the system already trusts
     */
    ConsoleController(
            Schema schema,
            SearchBackend backend,
            SearchProperties properties,
            Fanout fanout,
            @Value("${agent7.console.curl-ca-certificate:}") String caCertificate) {
        this.schema = schema;
        this.backend = backend;
        this.properties = properties;
        this.caCertificate = caCertificate;
        this.fanout = fanout;
    }

    /** One column of the table, and the URL that sorts by it. */
    record Column(String field, String sortUrl, boolean sorted, boolean descending) {}

    /** One top value of a field, with the URLs that filter it in and out. */
    record FacetValue(String value, long count, String includeUrl, String excludeUrl) {}

    record Facet(String field, List<FacetValue> values) {}

    /** A join's clauses as the analyst wrote them, for the group the page shows. */
    record JoinGroup(List<String> types, boolean negated, String text) {}

    /** The wrong part of a question: the text before it, it, and after it. */
    record Problem(
            String message, String before, String marked, String after, String expected, List<String> suggestions) {}

    @GetMapping("/")
    String search(
            @RequestParam(required = false, defaultValue = "process") String type,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String filter,
            @RequestParam(required = false) String syntax,
            @RequestParam(required = false) String cols,
            @RequestParam(required = false) String orderby,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false, defaultValue = "present") String state,
            Principal user,
            Model model) {
        DataType dataType = known(type);
        String text = q != null ? q : filter != null ? filter : "";
        ConsoleQuery query = ConsoleQuery.parse(text, filter != null && q == null ? ConsoleQuery.DSL : syntax);
        List<String> columns = columns(dataType, cols, fanout.fieldsWithValues(dataType));
        model.addAttribute("types", schema.types().stream().map(DataType::name).toList());
        model.addAttribute("type", dataType.name());
        model.addAttribute("q", text);
        model.addAttribute("syntax", query.syntax());
        model.addAttribute("syntaxName", query.syntaxName());
        model.addAttribute("state", state);
        model.addAttribute("allFields", selectable(dataType));
        model.addAttribute("columnNames", columns);
        model.addAttribute("searched", q != null || filter != null);
        String base =
                ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        model.addAttribute(
                "curl",
                query.syntax().equals(ConsoleQuery.DSL)
                        ? CurlCommand.of(base, caCertificate, user.getName(), dataType.name(), text)
                        : CurlCommand.ofLucene(base, caCertificate, user.getName(), dataType.name(), text));
        model.addAttribute("exportCsv", exportUrl(dataType, query, state, "csv"));
        model.addAttribute("exportNdjson", exportUrl(dataType, query, state, "ndjson"));
        if (query.error() != null) {
            model.addAttribute("problem", problem(query.error(), text));
            return "home";
        }
        model.addAttribute("joins", joins(query.expr(), text));
        try {
            Expr where = ItemStates.withState(query.expr(), state);
            Map<String, List<String>> options = new LinkedHashMap<>();
            options.put(QueryOptions.LIMIT, List.of(String.valueOf(PAGE_ROWS)));
            options.put(
                    QueryOptions.CURSOR,
                    List.of(cursor == null || cursor.isBlank() ? QueryOptions.CURSOR_START : cursor));
            if (orderby != null && !orderby.isBlank()) {
                options.put(QueryOptions.ORDERBY, List.of(orderby));
            }
            Limits limits = properties.limits();
            QueryOptions parsed = QueryOptions.parse(options, dataType, limits);
            SearchBackend.Page page = backend.search(new SearchBackend.Request(
                    dataType, where, parsed.sort(), parsed.fields(), 0, parsed.limit(), parsed.cursor()));
            List<String> facetFields = facetFields(dataType);
            // Top values: counted from the page itself when it holds the whole result (exact, and
            // free: a joined question's result is often a few dozen rows, and asking the node again
            // would plan its join once per field); else one aggregation per field, side by side.
            List<SearchBackend.Groups> facetAnswers =
                    page.total().exact() && page.total().value() <= page.hits().size()
                            ? facetFields.stream().map(f -> topValues(page, f)).toList()
                            : Fanout.joinAll(facetFields.stream()
                                    .map(field -> fanout.submit(() -> backend.group(new SearchBackend.GroupRequest(
                                            dataType, where, List.of(field), FACET_VALUES, null, false))))
                                    .toList());
            List<Map<String, Object>> rows = new ArrayList<>();
            boolean joined = Related.join(query.expr()).isPresent();
            for (SearchBackend.Hit hit : page.hits()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", hit.id());
                if (joined) {
                    UriComponentsBuilder related = UriComponentsBuilder.fromPath("/related")
                            .queryParam("type", dataType.name())
                            .queryParam("q", text)
                            .queryParam("syntax", query.syntax());
                    RelatedController.keys(schema, dataType, query.expr(), hit.source())
                            .forEach(related::queryParam);
                    row.put("relatedUrl", related.build().encode().toUriString());
                }
                row.put("hostId", Cells.text(hit.source(), CommonFields.HOST_ID));
                row.put(
                        "cells",
                        columns.stream().map(c -> Cells.text(hit.source(), c)).toList());
                rows.add(row);
            }
            model.addAttribute("rows", rows);
            model.addAttribute("total", page.total().value());
            model.addAttribute("totalExact", page.total().exact());
            model.addAttribute(
                    "columns", columns.stream().map(c -> column(c, orderby)).toList());
            model.addAttribute("hostColumn", columns.indexOf(CommonFields.HOST_NAME));
            model.addAttribute("joined", joined);
            if (page.nextCursor() != null) {
                model.addAttribute(
                        "nextUrl",
                        ServletUriComponentsBuilder.fromCurrentRequest()
                                .replaceQueryParam("cursor", page.nextCursor())
                                .build()
                                .encode()
                                .toUriString());
            }
            model.addAttribute("facets", facets(facetFields, facetAnswers, query));
        } catch (QueryException e) {
            // The box is the only text a position can point into; an option's error (orderby=) has none.
            model.addAttribute("problem", problem(e, e.span().known() ? text : ""));
        }
        return "home";
    }

    private Column column(String field, String orderby) {
        boolean sorted = orderby != null && orderby.replaceFirst("^-", "").equals(field);
        boolean descending = sorted && orderby.startsWith("-");
        String next = sorted && !descending ? "-" + field : field;
        String url = ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("orderby", next)
                .replaceQueryParam("cursor")
                .build()
                .encode()
                .toUriString();
        return new Column(field, url, sorted, descending);
    }

    private static List<Facet> facets(List<String> fields, List<SearchBackend.Groups> answers, ConsoleQuery query) {
        List<Facet> facets = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            List<FacetValue> values = new ArrayList<>();
            for (SearchBackend.Group g : answers.get(i).groups()) {
                String value = String.valueOf(g.key().get(field));
                values.add(new FacetValue(
                        value, g.count(), refined(query, field, value, false), refined(query, field, value, true)));
            }
            if (!values.isEmpty()) {
                facets.add(new Facet(field, values));
            }
        }
        return facets;
    }

    /** The field's most frequent values among the page's rows, as an aggregation would count them. */
    static SearchBackend.Groups topValues(SearchBackend.Page page, String field) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SearchBackend.Hit hit : page.hits()) {
            Object value = Cells.value(hit.source(), field);
            List<?> values = value instanceof List<?> many ? many : value == null ? List.of() : List.of(value);
            values.stream().map(String::valueOf).distinct().forEach(v -> counts.merge(v, 1L, Long::sum));
        }
        List<SearchBackend.Group> groups = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(FACET_VALUES)
                .map(e -> new SearchBackend.Group(Map.of(field, e.getKey()), e.getValue()))
                .toList();
        return new SearchBackend.Groups(page.total(), groups, null);
    }

    /** The page's URL with one more clause: the field equal (or not) to the value, in the question's own syntax. */
    private static String refined(ConsoleQuery query, String field, String value, boolean exclude) {
        String text;
        if (query.syntax().equals(ConsoleQuery.DSL)) {
            String clause = field + (exclude ? ",ne," : ",eq,") + FilterDsl.quote(value);
            // First, so that it binds to the searched type rather than to a join scope the question opens.
            text = query.text().isBlank() ? clause : clause + ";" + query.text();
        } else {
            String clause = (exclude ? "NOT " : "") + field.replace("@", "\\@") + ":\""
                    + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            text = query.text().isBlank() ? clause : clause + " AND (" + query.text() + ")";
        }
        return ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("q", text)
                .replaceQueryParam("filter")
                .replaceQueryParam("syntax", query.syntax())
                .replaceQueryParam("cursor")
                .build()
                .encode()
                .toUriString();
    }

    private static String exportUrl(DataType type, ConsoleQuery query, String state, String format) {
        UriComponentsBuilder uri = ServletUriComponentsBuilder.fromCurrentContextPath();
        if (query.syntax().equals(ConsoleQuery.DSL)) {
            uri.path("/api/v1/" + type.name()).queryParam("filter", query.text());
        } else {
            uri.path("/api/v1/search").queryParam("type", type.name()).queryParam("q", query.text());
        }
        return uri.queryParam("state", state)
                .queryParam("format", format)
                .build()
                .encode()
                .toUriString();
    }

    /**
     * The columns asked for ({@code cols=a,b}), or the host's name and the type's first fields
     * that hold values somewhere ({@code withValues}; empty: the first fields).
     */
    static List<String> columns(DataType type, String cols, Set<String> withValues) {
        List<String> selectable = selectable(type);
        if (cols != null && !cols.isBlank()) {
            List<String> chosen = new ArrayList<>();
            for (String c : cols.split(",")) {
                String name = c.strip();
                Field f = type.field(name);
                if (f != null && !name.isEmpty() && !chosen.contains(f.isAlias() ? f.aliasOf() : name)) {
                    chosen.add(f.isAlias() ? f.aliasOf() : name);
                }
            }
            if (!chosen.isEmpty()) {
                return chosen;
            }
        }
        List<String> columns = new ArrayList<>();
        columns.add(CommonFields.HOST_NAME);
        for (String f : selectable) {
            if (columns.size() >= DEFAULT_COLUMNS) {
                break;
            }
            if (type.fields().containsKey(f) && (withValues.isEmpty() || withValues.contains(f))) {
                columns.add(f);
            }
        }
        return columns;
    }

    /** Fields a column or a facet can show: stored values, not objects, aliases or join keys. */
    static List<String> selectable(DataType type) {
        List<String> out = new ArrayList<>();
        out.add(CommonFields.HOST_NAME);
        for (Field f : type.fields().values()) {
            if (!f.isAlias()
                    && f.type() != FieldType.NESTED
                    && f.type() != FieldType.OBJECT
                    && f.type() != FieldType.FLATTENED
                    && !f.name().startsWith("agent7.")
                    && !type.insideNested(f)) {
                out.add(f.name());
            }
        }
        out.add(CommonFields.TIMESTAMP);
        out.add(CommonFields.LAST_SEEN);
        return out;
    }

    private static List<String> facetFields(DataType type) {
        List<String> out = new ArrayList<>();
        out.add(CommonFields.HOST_NAME);
        for (Field f : type.fields().values()) {
            if (out.size() >= FACETS) {
                break;
            }
            if (f.type() == FieldType.KEYWORD
                    && !f.isAlias()
                    && !f.name().startsWith("agent7.")
                    && !type.insideNested(f)
                    && !type.identity().contains(f.name())) {
                out.add(f.name());
            }
        }
        return out;
    }

    /** The join scopes of the question, each with the text that opened it and its clauses. */
    private static List<JoinGroup> joins(Expr expr, String text) {
        List<JoinGroup> out = new ArrayList<>();
        collect(expr, text, out);
        return out;
    }

    private static void collect(Expr expr, String text, List<JoinGroup> out) {
        if (expr instanceof Expr.Join join) {
            String written = join.span().known() && join.span().end() <= text.length()
                    ? text.substring(join.span().start(), join.span().end())
                    : String.join(",", join.types());
            out.add(new JoinGroup(join.types(), join.negated(), written));
        } else if (expr instanceof Expr.And and) {
            and.children().forEach(c -> collect(c, text, out));
        } else if (expr instanceof Expr.Or or) {
            or.children().forEach(c -> collect(c, text, out));
        } else if (expr instanceof Expr.Not not) {
            collect(not.child(), text, out);
        }
    }

    static Problem problem(QueryException e, String text) {
        String before = text;
        String marked = "";
        String after = "";
        if (e.span().known() && e.span().start() <= text.length()) {
            int start = e.span().start();
            int end = Math.min(Math.max(e.span().end(), start), text.length());
            before = text.substring(0, start);
            marked = end > start ? text.substring(start, end) : " ";
            after = text.substring(end);
        }
        return new Problem(e.getMessage(), before, marked, after, e.expected(), e.suggestions());
    }

    /** The type's own name for a name or alias; an unknown one falls back to processes rather than failing the page. */
    private DataType known(String type) {
        try {
            return schema.require(type);
        } catch (UnknownTypeException e) {
            return schema.require("process");
        }
    }
}
