package io.agent7.search.console;

import io.agent7.query.Expr;
import io.agent7.query.QueryException;
import io.agent7.query.request.FieldSelection;
import io.agent7.query.request.SortKey;
import io.agent7.schema.CommonFields;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import io.agent7.search.api.ItemStates;
import io.agent7.search.api.SearchBackend;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's own questions (dashboard tiles, host pages) asked as an analyst would ask
 * them: text in the query language, parsed, bound and planned as the search box's are, so
 * that every figure opens as the search that produced it.
 */
@Component
class Questions {

    private final Schema schema;
    private final SearchBackend backend;

    Questions(Schema schema, SearchBackend backend) {
        this.schema = schema;
        this.backend = backend;
    }

    /** A question about the items present now, its syntax detected. */
    Expr where(String text) {
        return where(text, null);
    }

    /** A question about the items present now, in the syntax given ({@code dsl}, {@code lucene}, or null to detect it). */
    Expr where(String text, String syntax) {
        ConsoleQuery query = ConsoleQuery.parse(text, syntax);
        if (query.error() != null) {
            throw query.error();
        }
        return ItemStates.withState(query.expr(), "present");
    }

    long count(String type, String text) {
        return count(type, text, null);
    }

    long count(String type, String text, String syntax) {
        return backend.count(schema.require(type), where(text, syntax)).value();
    }

    List<SearchBackend.Group> top(String type, String text, String field, int size) {
        DataType dataType = schema.require(type);
        return backend.group(new SearchBackend.GroupRequest(dataType, where(text), List.of(field), size, null, false))
                .groups();
    }

    SearchBackend.Page page(String type, String text, List<SortKey> sort, int size) {
        return backend.search(
                new SearchBackend.Request(schema.require(type), where(text), sort, FieldSelection.ALL, 0, size, null));
    }

    /** Items that are gone, most recently removed first. */
    SearchBackend.Page removed(String type, String text, int size) {
        ConsoleQuery query = ConsoleQuery.parse(text, null);
        if (query.error() != null) {
            throw query.error();
        }
        return backend.search(new SearchBackend.Request(
                schema.require(type),
                ItemStates.withState(query.expr(), "removed"),
                List.of(new SortKey(CommonFields.REMOVED_AT, true)),
                FieldSelection.ALL,
                0,
                size,
                null));
    }

    /** The search page's URL for a question. */
    static String searchUrl(String type, String text) {
        return UriComponentsBuilder.fromPath("/")
                .queryParam("type", type)
                .queryParam("q", text)
                .build()
                .encode()
                .toUriString();
    }

    /** Whether a question is well formed; for tiles that must not fail the page. */
    static String problem(RuntimeException e) {
        return e instanceof QueryException q ? q.getMessage() : e.toString();
    }
}
