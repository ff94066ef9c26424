package io.agent7.query.elasticsearch;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.ChildScoreMode;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonData;
import io.agent7.query.bind.Bound;
import java.util.List;

/**
 * Compiles a bound, planned tree into an Elasticsearch query with the client's typed
 * builders: the only stage that knows Elasticsearch. Nothing the user wrote reaches
 * Elasticsearch as query text or script; values go in as typed term, range and wildcard
 * values. Everything is a filter (no scoring). Joins must have been planned into
 * {@link Bound.KeysIn} before.
 */
public final class QueryCompiler {

    public Query compile(Bound bound) {
        if (bound instanceof Bound.And and) {
            return Query.of(q -> q.bool(
                    b -> b.filter(and.children().stream().map(this::compile).toList())));
        }
        if (bound instanceof Bound.Or or) {
            return Query.of(q -> q.bool(b ->
                    b.should(or.children().stream().map(this::compile).toList()).minimumShouldMatch("1")));
        }
        if (bound instanceof Bound.Not not) {
            return Query.of(q -> q.bool(b -> b.mustNot(compile(not.child()))));
        }
        if (bound instanceof Bound.All) {
            return Query.of(q -> q.matchAll(m -> m));
        }
        if (bound instanceof Bound.None) {
            return Query.of(q -> q.matchNone(m -> m));
        }
        if (bound instanceof Bound.KeysIn keys) {
            if (keys.keys().isEmpty()) {
                return Query.of(q -> q.matchNone(m -> m));
            }
            List<FieldValue> values =
                    keys.keys().stream().map(QueryCompiler::value).toList();
            return Query.of(q -> q.terms(t -> t.field(keys.field()).terms(v -> v.value(values))));
        }
        if (bound instanceof Bound.Join) {
            throw new IllegalStateException("A join reached the compiler unplanned: " + bound);
        }
        return leaf(bound);
    }

    private Query leaf(Bound bound) {
        Bound.FieldRef field;
        Query query;
        if (bound instanceof Bound.Equals eq) {
            field = eq.field();
            query = equals(eq);
        } else if (bound instanceof Bound.Phrase phrase) {
            field = phrase.field();
            query = Query.of(
                    q -> q.matchPhrase(m -> m.field(phrase.field().path()).query(phrase.text())));
        } else if (bound instanceof Bound.Pattern p) {
            field = p.field();
            query = Query.of(q -> q.wildcard(
                    w -> w.field(p.field().path()).value(p.pattern()).caseInsensitive(p.fold() ? true : null)));
        } else if (bound instanceof Bound.Range r) {
            field = r.field();
            query = range(r);
        } else if (bound instanceof Bound.Exists e) {
            field = e.field();
            query = Query.of(q -> q.exists(x -> x.field(e.field().path())));
        } else {
            throw new IllegalStateException("Unknown node " + bound);
        }
        if (field.nestedPath() == null) {
            return query;
        }
        return Query.of(
                q -> q.nested(n -> n.path(field.nestedPath()).query(query).scoreMode(ChildScoreMode.None)));
    }

    private static Query equals(Bound.Equals eq) {
        String path = eq.field().path();
        if (eq.values().size() == 1) {
            return term(path, eq.values().get(0), eq.fold());
        }
        if (eq.fold()) {
            // terms has no case_insensitive flag: one term query per value.
            return Query.of(q -> q.bool(b -> b.should(
                            eq.values().stream().map(v -> term(path, v, true)).toList())
                    .minimumShouldMatch("1")));
        }
        List<FieldValue> values = eq.values().stream().map(QueryCompiler::value).toList();
        return Query.of(q -> q.terms(t -> t.field(path).terms(v -> v.value(values))));
    }

    private static Query term(String path, Object value, boolean fold) {
        return Query.of(q -> q.term(t -> t.field(path).value(value(value)).caseInsensitive(fold ? true : null)));
    }

    private static Query range(Bound.Range r) {
        return Query.of(q -> q.range(x -> x.untyped(u -> {
            u.field(r.field().path());
            if (r.lower() != null) {
                JsonData lower = JsonData.of(r.lower());
                if (r.includeLower()) {
                    u.gte(lower);
                } else {
                    u.gt(lower);
                }
            }
            if (r.upper() != null) {
                JsonData upper = JsonData.of(r.upper());
                if (r.includeUpper()) {
                    u.lte(upper);
                } else {
                    u.lt(upper);
                }
            }
            return u;
        })));
    }

    static FieldValue value(Object v) {
        if (v instanceof Long l) {
            return FieldValue.of(l);
        }
        if (v instanceof Integer i) {
            return FieldValue.of(i.longValue());
        }
        if (v instanceof Double d) {
            return FieldValue.of(d);
        }
        if (v instanceof Boolean b) {
            return FieldValue.of(b);
        }
        return FieldValue.of(String.valueOf(v));
    }
}
