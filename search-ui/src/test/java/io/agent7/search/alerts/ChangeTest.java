package io.agent7.search.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChangeTest {

    static final Instant NOW = Instant.parse("2026-12-02T09:30:00Z");

    static Map<String, Object> changed(Change change, Alert alert) {
        Change.Outcome outcome = change.apply(alert, "alice", NOW);
        assertThat(outcome).isInstanceOf(Change.Outcome.Changed.class);
        return ((Change.Outcome.Changed) outcome).document();
    }

    @Test
    void acknowledgingAnOpenAlertNamesWhoAndWhenAndKeepsTheRest() {
        Alert before = Alerts.alert("open");
        Map<String, Object> after = changed(new Change.Acknowledge(), before);

        assertThat(Documents.text(after, "alert.status")).isEqualTo("acknowledged");
        assertThat(Documents.text(after, "alert.acknowledged_by")).isEqualTo("alice");
        assertThat(Documents.text(after, "alert.acknowledged_at")).isEqualTo("2026-12-02T09:30:00.000Z");
        assertThat(Documents.text(after, "alert.updated_at")).isEqualTo("2026-12-02T09:30:00.000Z");
        assertThat(Documents.text(after, "alert.count")).isEqualTo("3");
        assertThat(Documents.text(after, "alert.source.scheduled_task.path")).isEqualTo("\\t1");
        assertThat(before.status()).as("the alert read is left as it was").isEqualTo(AlertStatus.OPEN);
    }

    @Test
    void acknowledgingTwiceChangesNothingAndAClosedAlertMustBeReopenedFirst() {
        assertThat(new Change.Acknowledge().apply(Alerts.alert("acknowledged"), "bob", NOW))
                .isEqualTo(new Change.Outcome.Unchanged("already acknowledged"));
        assertThat(new Change.Acknowledge().apply(Alerts.alert("closed"), "bob", NOW))
                .isInstanceOf(Change.Outcome.Refused.class);
    }

    @Test
    void closingKeepsTheReasonStrippedAndClosingAgainChangesNothing() {
        Map<String, Object> after = changed(new Change.Close("  false positive \n"), Alerts.alert("acknowledged"));

        assertThat(Documents.text(after, "alert.status")).isEqualTo("closed");
        assertThat(Documents.text(after, "alert.closed_reason")).isEqualTo("false positive");
        assertThat(Documents.text(after, "alert.closed_by")).isEqualTo("alice");
        assertThat(new Change.Close("again").apply(new Alert("a-1", after), "bob", NOW))
                .isInstanceOf(Change.Outcome.Unchanged.class);
    }

    @ParameterizedTest
    @MethodSource("badReasons")
    void aCloseWithoutAUsableReasonIsRefusedNamingTheReason(String reason, String message) {
        assertThatThrownBy(() -> new Change.Close(reason))
                .isInstanceOf(AlertInputException.class)
                .hasMessageContaining(message);
    }

    static Stream<Object[]> badReasons() {
        return Stream.of(
                new Object[] {null, "reason is required"},
                new Object[] {" \t", "reason is required"},
                new Object[] {"x".repeat(Change.MAX_REASON + 1), "reason is 1001 characters; at most 1000"});
    }

    @Test
    void aReasonOfExactlyTheLimitIsKept() {
        assertThat(new Change.Close("x".repeat(Change.MAX_REASON)).reason()).hasSize(Change.MAX_REASON);
    }

    @Test
    void reopeningForgetsWhoAcknowledgedAndClosedItButKeepsNotesAndAssignee() {
        Alert closed = new Alert(
                "a-1",
                changed(
                        new Change.Close("resolved"),
                        new Alert(
                                "a-1",
                                changed(
                                        new Change.Assign("carol"),
                                        Alerts.withNotes(List.of(Map.of(
                                                "author",
                                                "bob",
                                                "at",
                                                "2026-12-01T10:00:00.000Z",
                                                "text",
                                                "looking")))))));
        Map<String, Object> after = changed(new Change.Reopen(), closed);

        assertThat(Documents.text(after, "alert.status")).isEqualTo("open");
        assertThat(Documents.value(after, "alert.closed_reason")).isNull();
        assertThat(Documents.value(after, "alert.closed_by")).isNull();
        assertThat(Documents.value(after, "alert.acknowledged_at")).isNull();
        assertThat(Documents.text(after, "alert.assignee")).isEqualTo("carol");
        assertThat(new Alert("a-1", after).notes()).extracting(Alert.Note::text).containsExactly("looking");
        assertThat(new Change.Reopen().apply(Alerts.alert("open"), "bob", NOW))
                .isEqualTo(new Change.Outcome.Unchanged("already open"));
    }

    @Test
    void anEmptyAssigneeLeavesTheAlertToNobodyAndTheSameNameInOtherCaseChangesNothing() {
        Alert assigned = new Alert("a-1", changed(new Change.Assign(" Dave "), Alerts.alert("open")));
        assertThat(assigned.assignee()).isEqualTo("Dave");

        assertThat(new Change.Assign("dave").apply(assigned, "alice", NOW))
                .isInstanceOf(Change.Outcome.Unchanged.class);
        Map<String, Object> unassigned = changed(new Change.Assign(""), assigned);
        assertThat(Documents.value(unassigned, "alert.assignee")).isNull();
        assertThat(new Change.Assign(null).apply(new Alert("a-1", unassigned), "alice", NOW))
                .isEqualTo(new Change.Outcome.Unchanged("already unassigned"));
    }

    @Test
    void aNoteGoesAfterTheStoredNotesWhichStayAsTheyWere() {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("author", "bob");
        stored.put("at", "2026-12-01T10:00:00.000Z");
        stored.put("text", "first");
        Map<String, Object> after = changed(new Change.AddNote("second\nline"), Alerts.withNotes(List.of(stored)));

        assertThat(Documents.value(after, "alert.notes"))
                .isEqualTo(List.of(
                        stored, Map.of("author", "alice", "at", "2026-12-02T09:30:00.000Z", "text", "second\nline")));
    }

    @Test
    void aNoteMustHaveTextAndFitTheLimit() {
        assertThatThrownBy(() -> new Change.AddNote("  ")).hasMessageContaining("text is required");
        assertThatThrownBy(() -> new Change.AddNote("y".repeat(Change.MAX_NOTE + 1)))
                .hasMessageContaining("at most 10000");
        assertThat(new Change.AddNote("y".repeat(Change.MAX_NOTE)).text()).hasSize(Change.MAX_NOTE);
    }

    @Test
    void aFieldWrittenDottedIsReplacedNotWrittenTwice() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("alert.id", "a-1");
        doc.put("alert.status", "open");
        Map<String, Object> after = changed(new Change.Acknowledge(), new Alert("a-1", doc));

        assertThat(Documents.flatten(after))
                .containsEntry("alert.status", "acknowledged")
                .containsEntry("alert.id", "a-1")
                .hasSize(5);
    }

    @Test
    void everyFieldAChangeWritesIsDeclaredInTheAlertType() {
        DataType type = Schema.standard().serverType("alert");
        Alert alert = Alerts.alert("open");
        for (Change change : List.of(
                new Change.Assign("carol"),
                new Change.AddNote("n"),
                new Change.Acknowledge(),
                new Change.Close("resolved"),
                new Change.Reopen())) {
            Map<String, Object> after = changed(change, alert);
            for (String field : Documents.flatten(after).keySet()) {
                if (!field.startsWith("alert.source.")) {
                    String declared = field.replaceAll("\\[\\d+]", "");
                    assertThat(type.field(declared))
                            .as(change + " writes " + field)
                            .isNotNull();
                }
            }
            alert = new Alert("a-1", after);
        }
    }
}
