package io.agent7.search.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.agent7.schema.Schema;
import io.agent7.server.audit.AuditEvent;
import io.agent7.server.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TriageTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T09:30:00Z"), ZoneOffset.UTC);
    static final Triage.Actor ALICE = new Triage.Actor("alice", List.of("analyst", "viewer"), "10.0.0.7");

    /** The audit log, kept in memory. */
    static final class RecordingAuditLog extends AuditLog {
        final List<AuditEvent> events = new ArrayList<>();

        RecordingAuditLog() {
            super(null, Schema.standard(), CLOCK);
        }

        @Override
        public String record(AuditEvent event) {
            events.add(event);
            return "audit-" + events.size();
        }
    }

    InMemoryAlertStore store;
    RecordingAuditLog audit;
    Triage triage;

    @BeforeEach
    void setUp() {
        store = new InMemoryAlertStore();
        audit = new RecordingAuditLog();
        triage = new Triage(store, audit, CLOCK);
        store.put("a-1", Alerts.document("a-1", "open"));
        store.put("a-2", Alerts.document("a-2", "closed"));
    }

    @Test
    void aNoteWrittenByAnotherAnalystInBetweenIsKeptWithOurs() {
        // Bob's note lands between our read and our write: ours is refused, then made on his version.
        store.beforeWrite = s -> s.put(
                "a-1",
                ((Change.Outcome.Changed) new Change.AddNote("bob's").apply(s.get("a-1"), "bob", CLOCK.instant()))
                        .document());

        Triage.Result result = triage.apply("a-1", new Change.AddNote("alice's"), ALICE);

        assertThat(result.kind()).isEqualTo(Triage.Result.Kind.CHANGED);
        assertThat(store.get("a-1").notes())
                .extracting(Alert.Note::author, Alert.Note::text)
                .containsExactly(tuple("bob", "bob's"), tuple("alice", "alice's"));
        assertThat(store.reads).isEqualTo(2);
        assertThat(audit.events).hasSize(1);
    }

    @Test
    void theEnginesCountAddedInBetweenIsKeptWithTheAcknowledgement() {
        store.beforeWrite = s -> {
            Map<String, Object> doc = Documents.copy(s.get("a-1").document());
            Documents.set(doc, "alert.count", 4);
            s.put("a-1", doc);
        };

        triage.apply("a-1", new Change.Acknowledge(), ALICE);

        assertThat(store.get("a-1").status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(store.get("a-1").text("alert.count")).isEqualTo("4");
    }

    @Test
    void anAlertWrittenByOthersAtEveryAttemptIsAConflictAndNotAudited() {
        InMemoryAlertStore busy = new InMemoryAlertStore();
        busy.put("a-1", Alerts.document("a-1", "open"));
        busy.beforeEveryWrite = s -> s.put("a-1", s.get("a-1").document());

        Triage.Result result = new Triage(busy, audit, CLOCK).apply("a-1", new Change.Assign("carol"), ALICE);

        assertThat(result.kind()).isEqualTo(Triage.Result.Kind.CONFLICT);
        assertThat(busy.reads).isEqualTo(Triage.ATTEMPTS);
        assertThat(busy.get("a-1").assignee()).isEmpty();
        assertThat(audit.events).isEmpty();
    }

    @Test
    void aBulkAnswersEachIdOnceInOrderAndAuditsOnlyWhatChanged() {
        List<Triage.Result> results =
                triage.applyAll(List.of("a-2", "nope", "a-1", "a-2"), new Change.Close("resolved"), ALICE);

        assertThat(results)
                .extracting(Triage.Result::id, Triage.Result::kind)
                .containsExactly(
                        tuple("a-2", Triage.Result.Kind.UNCHANGED),
                        tuple("nope", Triage.Result.Kind.NOT_FOUND),
                        tuple("a-1", Triage.Result.Kind.CHANGED));
        assertThat(audit.events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("alert.close");
            assertThat(e.target()).isEqualTo("a-1");
            assertThat(e.actor()).isEqualTo("alice");
            assertThat(e.roles()).containsExactly("analyst", "viewer");
            assertThat(e.sourceIp()).isEqualTo("10.0.0.7");
            assertThat(e.details()).isEqualTo(Map.of("reason", "resolved"));
        });
        assertThat(store.writes).isEqualTo(1);
    }

    @Test
    void aRefusedChangeWritesNothing() {
        Triage.Result result = triage.apply("a-2", new Change.Acknowledge(), ALICE);

        assertThat(result.kind()).isEqualTo(Triage.Result.Kind.REFUSED);
        assertThat(result.detail()).contains("reopen it first");
        assertThat(store.get("a-2").status()).isEqualTo(AlertStatus.CLOSED);
        assertThat(audit.events).isEmpty();
    }

    @Test
    void moreThan1000IdsAtOnceAreRefused() {
        assertThatThrownBy(() -> triage.applyAll(Collections.nCopies(1001, "a-1"), new Change.Reopen(), ALICE))
                .isInstanceOf(AlertInputException.class);
    }
}
