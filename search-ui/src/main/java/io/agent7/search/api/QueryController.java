package io.agent7.search.api;

import io.agent7.query.Expr;
import io.agent7.query.QueryCompiler;
import io.agent7.query.QueryException;
import io.agent7.query.dsl.FilterDsl;
import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.schema.UnknownTypeException;
import io.agent7.server.web.ApiProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/<type>?filter=...}: the query API. By default it answers what is on
 * the hosts now ({@code state=present}); {@code state=removed} and {@code state=all} reach
 * into history.
 */
@RestController
class QueryController {

    private final Schema schema;
    private final SearchBackend backend;
    private final SearchProperties properties;

    QueryController(Schema schema, SearchBackend backend, SearchProperties properties) {
        this.schema = schema;
        this.backend = backend;
        this.properties = properties;
    }

    @GetMapping("/api/v1/{type}")
    Map<String, Object> query(
            @PathVariable String type,
            @RequestParam(required = false, defaultValue = "") String filter,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false, defaultValue = "0") String offset,
            @RequestParam(required = false, defaultValue = "") String orderby,
            @RequestParam(required = false, defaultValue = "") String fields,
            @RequestParam(required = false, defaultValue = "present") String state) {
        DataType dataType;
        try {
            dataType = schema.require(type);
        } catch (UnknownTypeException e) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, e.getMessage());
        }
        int maxWindow = properties.maxWindow();
        int size = limit == null ? properties.defaultLimit() : integer("limit", limit, 0, maxWindow);
        int from = integer("offset", offset, 0, maxWindow);
        if (from + size > maxWindow) {
            throw ApiProblem.badRequest("offset + limit may not exceed " + maxWindow + "; narrow the filter instead");
        }
        try {
            Expr expr = withState(FilterDsl.parse(filter), state);
            SearchBackend.Page page = backend.search(new SearchBackend.Request(
                    dataType, expr, from, size, sort(orderby, dataType), fieldList(fields, dataType)));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", dataType.name());
            body.put("total", page.total());
            if (page.totalIsLowerBound()) {
                body.put("total_is_lower_bound", true);
            }
            body.put("offset", from);
            body.put("limit", size);
            List<Map<String, Object>> items = new ArrayList<>(page.hits().size());
            for (SearchBackend.Hit hit : page.hits()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("_id", hit.id());
                item.putAll(withoutNulls(hit.source()));
                items.add(item);
            }
            body.put("items", items);
            return body;
        } catch (QueryException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
    }

    /**
     * Stored documents hold explicit nulls for values an item lost (so an update clears them);
     * answers leave them out.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutNulls(Map<String, Object> source) {
        Map<String, Object> out = new LinkedHashMap<>();
        source.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                Map<String, Object> inner = withoutNulls((Map<String, Object>) nested);
                if (!inner.isEmpty()) {
                    out.put(key, inner);
                }
            } else if (value != null) {
                out.put(key, value);
            }
        });
        return out;
    }

    private static Expr withState(Expr filter, String state) {
        Expr present = new Expr.Comparison(CommonFields.PRESENT, io.agent7.query.Operator.EQ, List.of("true"));
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "present" -> and(filter, present);
            case "removed" -> and(filter, new Expr.Not(present));
            case "all" -> filter;
            default -> throw ApiProblem.badRequest("state must be present, removed or all; got '" + state + "'");
        };
    }

    private static Expr and(Expr a, Expr b) {
        List<Expr> children = new ArrayList<>();
        if (a instanceof Expr.And and) {
            children.addAll(and.children());
        } else {
            children.add(a);
        }
        children.add(b);
        return new Expr.And(children);
    }

    private static List<SearchBackend.Sort> sort(String orderby, DataType type) {
        if (orderby.isBlank()) {
            return List.of(new SearchBackend.Sort(CommonFields.TIMESTAMP, true));
        }
        List<SearchBackend.Sort> sorts = new ArrayList<>();
        for (String part : orderby.split(";")) {
            String p = part.trim();
            boolean descending = p.startsWith("-");
            if (descending) {
                p = p.substring(1);
            }
            String[] pieces = p.split(",");
            if (pieces.length == 2) {
                String direction = pieces[1].trim().toLowerCase(Locale.ROOT);
                if (!direction.equals("asc") && !direction.equals("desc")) {
                    throw ApiProblem.badRequest("orderby direction must be asc or desc, got '" + pieces[1] + "'");
                }
                descending = direction.equals("desc");
            } else if (pieces.length > 2) {
                throw ApiProblem.badRequest("orderby takes field[,asc|desc] separated by ';', got '" + part + "'");
            }
            String field = pieces[0].trim();
            QueryCompiler.resolve(field, type, "orderby");
            sorts.add(new SearchBackend.Sort(field, descending));
        }
        return sorts;
    }

    private static List<String> fieldList(String fields, DataType type) {
        if (fields.isBlank()) {
            return List.of();
        }
        List<String> list = new ArrayList<>();
        for (String f : fields.split(",")) {
            String name = f.trim();
            if (type.field(name) == null
                    && type.allFields().keySet().stream().noneMatch(k -> k.startsWith(name + "."))) {
                throw ApiProblem.badRequest("Unknown field '" + name + "' in fields; fields of '" + type.name() + "': "
                        + String.join(", ", type.allFields().keySet()));
            }
            list.add(name);
        }
        return list;
    }

    private static int integer(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw ApiProblem.badRequest(name + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(name + " must be a whole number, got '" + value + "'");
        }
    }
}
