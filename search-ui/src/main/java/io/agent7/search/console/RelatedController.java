package io.agent7.search.console;

import io.agent7.query.Expr;
import io.agent7.query.Operator;
import io.agent7.query.Span;
import io.agent7.query.request.FieldSelection;
import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Field;
import io.agent7.schema.Schema;
import io.agent7.schema.UnknownTypeException;
import io.agent7.search.api.ItemStates;
import io.agent7.search.api.SearchBackend;
import io.agent7.server.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /related}: the related items that made a row of a joined question match: for each
 * related type of the join, the items that hold the row's key and match the join's own
 * clauses, present now. The search page links each row here ({@code k0}, {@code k1}, ...: the
 * row's key for each side of the join, in {@link Related#sides} order) and its script shows
 * the answer under the row ({@code fragment=true}: the rows alone).
 */
@Controller
class RelatedController {

    static final int ROWS = 50;

    private final Schema schema;
    private final SearchBackend backend;
    private final Fanout fanout;

    RelatedController(Schema schema, SearchBackend backend, Fanout fanout) {
        this.schema = schema;
        this.backend = backend;
        this.fanout = fanout;
    }

    /** One related type's items for the row. */
    record Group(String type, String via, List<String> columns, List<List<String>> rows, long total) {}

    @GetMapping("/related")
    String related(
            @RequestParam String type,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) String syntax,
            @RequestParam(defaultValue = "false") boolean fragment,
            HttpServletRequest request,
            Model model) {
        DataType primary;
        try {
            primary = schema.require(type);
        } catch (UnknownTypeException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        ConsoleQuery query = ConsoleQuery.parse(q, syntax);
        if (query.error() != null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "q: " + query.error().getMessage());
        }
        Expr.Join join = Related.join(query.expr())
                .orElseThrow(() -> new ApiProblem(HttpStatus.BAD_REQUEST, "The question has no join (models=...)"));
        List<Related.Side> sides = Related.sides(schema, primary, join);
        List<CompletableFuture<Group>> groups = new ArrayList<>();
        for (int i = 0; i < sides.size(); i++) {
            String key = request.getParameter("k" + i);
            if (key == null || key.isEmpty()) {
                continue;
            }
            Related.Side side = sides.get(i);
            Expr byKey = new Expr.Comparison(side.relatedField(), Operator.EQ, List.of(key), Span.NONE, Span.NONE);
            Expr where = ItemStates.withState(Expr.and(join.filter(), byKey), "present");
            // First the fields the join's clauses ask about (why these items matched), then the type's
            // first fields. The items are on the row's own host, whose name the row shows and links.
            List<String> columns = new ArrayList<>(askedAbout(join.filter(), side.type()));
            for (String c : ConsoleController.columns(side.type(), null, fanout.fieldsWithValues(side.type()))) {
                if (!c.equals(CommonFields.HOST_NAME) && !columns.contains(c)) {
                    columns.add(c);
                }
            }
            groups.add(fanout.submit(() -> {
                SearchBackend.Page page = backend.search(
                        new SearchBackend.Request(side.type(), where, List.of(), FieldSelection.ALL, 0, ROWS, null));
                return new Group(
                        side.type().name(),
                        side.relatedField(),
                        columns,
                        page.hits().stream()
                                .map(h -> columns.stream()
                                        .map(c -> Cells.text(h.source(), c))
                                        .toList())
                                .toList(),
                        page.total().value());
            }));
        }
        model.addAttribute("type", primary.name());
        model.addAttribute("q", q);
        model.addAttribute("groups", Fanout.joinAll(groups));
        return fragment ? "related :: groups" : "related";
    }

    /** The stored fields a question's clauses name on {@code type}, aliases resolved, in the order written. */
    static List<String> askedAbout(Expr expr, DataType type) {
        List<String> fields = new ArrayList<>();
        collect(expr, type, fields);
        return fields;
    }

    private static void collect(Expr expr, DataType type, List<String> fields) {
        if (expr instanceof Expr.Comparison c) {
            Field field = type.field(c.field());
            String name = field == null ? null : field.isAlias() ? field.aliasOf() : field.name();
            if (name != null && !fields.contains(name)) {
                fields.add(name);
            }
        } else if (expr instanceof Expr.And and) {
            and.children().forEach(child -> collect(child, type, fields));
        } else if (expr instanceof Expr.Or or) {
            or.children().forEach(child -> collect(child, type, fields));
        } else if (expr instanceof Expr.Not not) {
            collect(not.child(), type, fields);
        }
    }

    /** The {@code k0}, {@code k1}, ... parameters of a row's link: its key on each side. */
    static Map<String, String> keys(Schema schema, DataType primary, Expr expr, Map<String, Object> row) {
        Map<String, String> keys = new LinkedHashMap<>();
        Related.join(expr).ifPresent(join -> {
            List<Related.Side> sides = Related.sides(schema, primary, join);
            for (int i = 0; i < sides.size(); i++) {
                String key = Related.key(row, sides.get(i));
                if (key != null) {
                    keys.put("k" + i, key);
                }
            }
        });
        return keys;
    }
}
