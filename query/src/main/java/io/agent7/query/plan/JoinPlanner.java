package io.agent7.query.plan;

import io.agent7.query.QueryException;
import io.agent7.query.bind.Bound;
import io.agent7.schema.DataType;
import io.agent7.schema.Relation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the joins of a bound query into key filters, through a {@link SearchPort}.
 *
 * <p>For a join among the top-level conditions it counts both sides, drives from the smaller
 * one, fetches its join keys and filters the other side with them: when the related side is
 * smaller, the primary documents must hold one of the related documents' keys; when the
 * primary side is smaller, its keys first narrow the related side, whose keys then filter the
 * primary. Joins inside {@code any(...)} or {@code not(...)} are driven from the related
 * side. A side with more keys than the cap cannot drive; when neither side can, the query is
 * refused naming the cap, never answered from a truncated key list.
 */
public final class JoinPlanner {

    /** Elasticsearch's default {@code index.max_terms_count}: the most keys one terms filter may hold. */
    public static final int DEFAULT_KEY_CAP = 65_536;

    private final SearchPort port;
    private final int keyCap;
    private final String parameter;

    /**
     * @param parameter the request parameter the query came from, for errors
     */
    public JoinPlanner(SearchPort port, int keyCap, String parameter) {
        this.port = port;
        this.keyCap = keyCap;
        this.parameter = parameter;
    }

    public Plan plan(DataType type, Bound bound) {
        List<Plan.Step> steps = new ArrayList<>();
        Bound resolved = plan(type, bound, steps);
        return new Plan(resolved, steps);
    }

    private Bound plan(DataType type, Bound bound, List<Plan.Step> steps) {
        if (!hasJoin(bound)) {
            return bound;
        }
        List<Bound> conjuncts = bound instanceof Bound.And and ? and.children() : List.of(bound);
        List<Bound> rest = new ArrayList<>();
        List<Bound.Join> joins = new ArrayList<>();
        for (Bound c : conjuncts) {
            if (c instanceof Bound.Join join) {
                joins.add(join);
            } else {
                rest.add(nested(type, c, steps));
            }
        }
        for (Bound.Join join : joins) {
            rest.add(topLevel(type, join, and(rest), steps));
        }
        return and(rest);
    }

    /** Joins below the top level (inside any, not): driven from the related side. */
    private Bound nested(DataType type, Bound bound, List<Plan.Step> steps) {
        if (!hasJoin(bound)) {
            return bound;
        }
        if (bound instanceof Bound.And and) {
            return plan(type, and, steps);
        }
        if (bound instanceof Bound.Or or) {
            return new Bound.Or(
                    or.children().stream().map(c -> nested(type, c, steps)).toList());
        }
        if (bound instanceof Bound.Not not) {
            return new Bound.Not(nested(type, not.child(), steps));
        }
        Bound.Join join = (Bound.Join) bound;
        List<Bound> byKeyField = new ArrayList<>();
        for (Map.Entry<String, List<Target>> group : targets(type, join, steps).entrySet()) {
            Set<Object> keys = new LinkedHashSet<>();
            for (Target t : group.getValue()) {
                SearchPort.Keys found =
                        keys(t.type, t.filter, t.relatedField, steps, "related side (join inside any/not)");
                if (found.more() || keys.size() + found.values().size() > keyCap) {
                    throw tooMany(join, "the related documents", null);
                }
                keys.addAll(found.values());
            }
            byKeyField.add(new Bound.KeysIn(group.getKey(), List.copyOf(keys)));
        }
        Bound matched = byKeyField.size() == 1 ? byKeyField.get(0) : new Bound.Or(byKeyField);
        return join.negated() ? new Bound.Not(matched) : matched;
    }

    private Bound topLevel(DataType type, Bound.Join join, Bound primaryFilter, List<Plan.Step> steps) {
        Map<String, List<Target>> groups = targets(type, join, steps);
        long primaryCount = count(type, primaryFilter, steps, "primary side");
        long relatedCount = 0;
        for (List<Target> group : groups.values()) {
            for (Target t : group) {
                relatedCount += count(t.type, t.filter, steps, "related side via " + t.relation.name());
            }
        }
        boolean relatedDrives = relatedCount <= primaryCount;
        List<Bound> byKeyField = new ArrayList<>();
        for (Map.Entry<String, List<Target>> group : groups.entrySet()) {
            String primaryField = group.getKey();
            Set<Object> keys = relatedDrives
                    ? relatedKeys(
                            group.getValue(),
                            null,
                            steps,
                            "related side drives: " + relatedCount + " <= " + primaryCount)
                    : null;
            if (keys == null) {
                SearchPort.Keys primaryKeys = keys(
                        type,
                        primaryFilter,
                        primaryField,
                        steps,
                        "primary side drives: " + primaryCount + " < " + relatedCount);
                if (primaryKeys.more()) {
                    if (relatedDrives) {
                        throw tooMany(join, "either side", primaryCount + " primary, " + relatedCount + " related");
                    }
                    keys = relatedKeys(group.getValue(), null, steps, "primary side has too many keys");
                    if (keys == null) {
                        throw tooMany(join, "either side", primaryCount + " primary, " + relatedCount + " related");
                    }
                } else {
                    keys = relatedKeys(group.getValue(), primaryKeys.values(), steps, "narrowed by the primary keys");
                    if (keys == null) {
                        throw tooMany(join, "the related documents", null);
                    }
                }
            }
            byKeyField.add(new Bound.KeysIn(primaryField, List.copyOf(keys)));
        }
        Bound matched = byKeyField.size() == 1 ? byKeyField.get(0) : new Bound.Or(byKeyField);
        return join.negated() ? new Bound.Not(matched) : matched;
    }

    /** The related documents' keys, narrowed to {@code among} when given; null past the cap. */
    private Set<Object> relatedKeys(List<Target> targets, List<Object> among, List<Plan.Step> steps, String note) {
        Set<Object> keys = new LinkedHashSet<>();
        for (Target t : targets) {
            Bound filter = among == null ? t.filter : and(List.of(t.filter, new Bound.KeysIn(t.relatedField, among)));
            SearchPort.Keys found = keys(t.type, filter, t.relatedField, steps, note);
            if (found.more() || keys.size() + found.values().size() > keyCap) {
                return null;
            }
            keys.addAll(found.values());
        }
        return keys;
    }

    private record Target(DataType type, Relation relation, String relatedField, Bound filter) {}

    /** The join's targets, their own joins planned, grouped by the primary's key field. */
    private Map<String, List<Target>> targets(DataType type, Bound.Join join, List<Plan.Step> steps) {
        Map<String, List<Target>> groups = new LinkedHashMap<>();
        for (Bound.Target t : join.targets()) {
            JoinKeys keys = JoinKeys.of(t.relation());
            Bound filter = plan(t.type(), t.filter(), steps);
            groups.computeIfAbsent(keys.primaryField(), k -> new ArrayList<>())
                    .add(new Target(t.type(), t.relation(), keys.relatedField(), filter));
        }
        return groups;
    }

    private long count(DataType type, Bound filter, List<Plan.Step> steps, String note) {
        long start = System.nanoTime();
        long n = port.count(type, filter);
        steps.add(new Plan.Step("count", type.name(), port.describe(filter), n, micros(start), note));
        return n;
    }

    private SearchPort.Keys keys(DataType type, Bound filter, String field, List<Plan.Step> steps, String note) {
        long start = System.nanoTime();
        SearchPort.Keys keys = port.keys(type, filter, field, keyCap);
        steps.add(new Plan.Step(
                "keys " + field,
                type.name(),
                port.describe(filter),
                keys.values().size(),
                micros(start),
                note + (keys.more() ? "; more than " + keyCap + " keys" : "")));
        return keys;
    }

    private QueryException tooMany(Bound.Join join, String side, String counts) {
        return new QueryException(
                parameter,
                "The join matches more than " + keyCap + " join keys on " + side
                        + (counts == null ? "" : " (" + counts + ")")
                        + "; the planner filters with at most " + keyCap
                        + " keys and will not answer from a truncated list. Narrow the query on either side,"
                        + " for instance by host (host.name) or by a time range (@timestamp, agent7.last_seen)",
                join.span(),
                "at most " + keyCap + " join keys on the smaller side",
                List.of());
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }

    static boolean hasJoin(Bound bound) {
        if (bound instanceof Bound.Join) {
            return true;
        }
        if (bound instanceof Bound.And and) {
            return and.children().stream().anyMatch(JoinPlanner::hasJoin);
        }
        if (bound instanceof Bound.Or or) {
            return or.children().stream().anyMatch(JoinPlanner::hasJoin);
        }
        if (bound instanceof Bound.Not not) {
            return hasJoin(not.child());
        }
        return false;
    }

    private static Bound and(List<Bound> parts) {
        List<Bound> flat = new ArrayList<>();
        for (Bound b : parts) {
            if (b instanceof Bound.And and) {
                flat.addAll(and.children());
            } else if (!(b instanceof Bound.All)) {
                flat.add(b);
            }
        }
        if (flat.isEmpty()) {
            return new Bound.All();
        }
        return flat.size() == 1 ? flat.get(0) : new Bound.And(flat);
    }
}
