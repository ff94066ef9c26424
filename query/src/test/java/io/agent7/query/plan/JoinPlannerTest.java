package io.agent7.query.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.query.QueryException;
import io.agent7.query.bind.Binder;
import io.agent7.query.bind.Bound;
import io.agent7.query.dsl.FilterDsl;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The planner's choices against a port whose answers are scripted per type: which side it
 * counts, which it drives from, what it asks with the keys, and when it refuses. Domain users
 * and processes join on the account's SID (user.id = process.user.id).
 */
class JoinPlannerTest {

    private static final Schema SCHEMA = Schema.standard();
    private static final DataType AD_USER = SCHEMA.require("ad_user");

    /** Scripted answers: count and keys per type name, narrowed by key filters; records every call. */
    static final class ScriptedPort implements SearchPort {
        final Map<String, Long> counts = new HashMap<>();
        final Map<String, List<Object>> keys = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        final List<Bound> keyFilters = new ArrayList<>();

        @Override
        public long count(DataType type, Bound filter) {
            calls.add("count " + type.name());
            return counts.getOrDefault(type.name(), 0L);
        }

        @Override
        public Keys keys(DataType type, Bound filter, String field, int limit) {
            calls.add("keys " + type.name() + " " + field);
            keyFilters.add(filter);
            List<Object> all = new ArrayList<>(keys.getOrDefault(type.name(), List.of()));
            if (filter instanceof Bound.And and) {
                // As the engine would: keys the planner passes in narrow the answer.
                and.children().stream()
                        .filter(c -> c instanceof Bound.KeysIn k && k.field().equals(field))
                        .forEach(c -> all.retainAll(((Bound.KeysIn) c).keys()));
            }
            return all.size() > limit ? new Keys(all.subList(0, limit), true) : new Keys(all, false);
        }

        @Override
        public String describe(Bound filter) {
            return filter.toString();
        }
    }

    private final ScriptedPort port = new ScriptedPort();

    private Plan plan(String filter, int cap) {
        Bound bound = new Binder(SCHEMA, Clock.systemUTC()).bind(FilterDsl.parse(filter), AD_USER, "filter");
        return new JoinPlanner(port, cap, "filter").plan(AD_USER, bound);
    }

    @Test
    void theSmallerRelatedSideDrivesAndThePrimaryIsFilteredByItsKeys() {
        port.counts.putAll(Map.of("ad_user", 5000L, "process", 3L));
        port.keys.put("process", List.of("S-1-5-21-1", "S-1-5-21-2"));

        Plan plan = plan("user.enabled,eq,true;models=process;process.name,eq,mimikatz.exe", 100);

        assertThat(port.calls).containsExactly("count ad_user", "count process", "keys process process.user.id");
        assertThat(plan.filter()).isInstanceOfSatisfying(Bound.And.class, and -> {
            assertThat(and.children()).hasSize(2);
            assertThat(and.children().get(1))
                    .isEqualTo(new Bound.KeysIn("user.id", List.of("S-1-5-21-1", "S-1-5-21-2")));
        });
        assertThat(plan.steps())
                .extracting(Plan.Step::action)
                .containsExactly("count", "count", "keys process.user.id");
        assertThat(plan.steps().get(2).note()).contains("related side drives");
    }

    @Test
    void theSmallerPrimarySideNarrowsTheRelatedSideWithItsKeys() {
        port.counts.putAll(Map.of("ad_user", 2L, "process", 90_000L));
        port.keys.put("ad_user", List.of("S-1", "S-2"));
        port.keys.put("process", List.of("S-2"));

        Plan plan = plan("user.name,eq,alice;models=process;process.name,like,*.exe", 100);

        assertThat(port.calls)
                .containsExactly(
                        "count ad_user", "count process", "keys ad_user user.id", "keys process process.user.id");
        assertThat(port.keyFilters.get(1))
                .as("the related side is asked only about the primary's keys")
                .isInstanceOfSatisfying(
                        Bound.And.class,
                        and -> assertThat(and.children())
                                .contains(new Bound.KeysIn("process.user.id", List.of("S-1", "S-2"))));
        assertThat(plan.filter())
                .isInstanceOfSatisfying(
                        Bound.And.class,
                        and -> assertThat(and.children()).contains(new Bound.KeysIn("user.id", List.of("S-2"))));
    }

    @Test
    void aNegatedJoinKeepsThePrimariesWithoutAMatchingRelatedDocument() {
        port.counts.putAll(Map.of("ad_user", 100L, "process", 1L));
        port.keys.put("process", List.of("S-9"));

        Plan plan = plan("!models=process;process.name,eq,x", 100);

        assertThat(plan.filter()).isEqualTo(new Bound.Not(new Bound.KeysIn("user.id", List.of("S-9"))));
    }

    @Test
    void whenTheDrivingSideHasTooManyKeysTheOtherSideDrives() {
        port.counts.putAll(Map.of("ad_user", 10L, "process", 5L));
        port.keys.put("process", List.of("a", "b", "c", "d", "e"));
        port.keys.put("ad_user", List.of("a", "b"));

        plan("user.name,like,a*;models=process;process.name,eq,x", 3);

        assertThat(port.calls)
                .containsExactly(
                        "count ad_user",
                        "count process",
                        "keys process process.user.id",
                        "keys ad_user user.id",
                        "keys process process.user.id");
    }

    @Test
    void tooManyKeysOnBothSidesIsRefusedNamingTheCapNeverTruncated() {
        port.counts.putAll(Map.of("ad_user", 10L, "process", 5L));
        port.keys.put("process", List.of("a", "b", "c", "d", "e"));
        port.keys.put("ad_user", List.of("a", "b", "c", "d"));

        assertThatThrownBy(() -> plan("models=process;process.name,eq,x", 3))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.getMessage()).contains("more than 3 join keys").contains("Narrow the query");
                    assertThat(e.parameter()).isEqualTo("filter");
                    assertThat(e.span().start()).isZero();
                });
    }

    @Test
    void aQueryWithoutJoinsRunsNothing() {
        Plan plan = plan("user.name,eq,alice", 3);

        assertThat(port.calls).isEmpty();
        assertThat(plan.steps()).isEmpty();
    }

    @Test
    void noRelatedDocumentMeansNoPrimary() {
        port.counts.putAll(Map.of("ad_user", 10L, "process", 0L));

        Plan plan = plan("models=process;process.name,eq,nothing", 3);

        assertThat(plan.filter()).isEqualTo(new Bound.KeysIn("user.id", List.of()));
    }
}
