package io.agent7.search.alerts;

import io.agent7.schema.Values;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One change an analyst makes to an alert's workflow fields. A change checks its input when
 * it is made, so that a bad request is refused before anything is written, and applies to the
 * document it is given: when someone else wrote the alert in between, {@link Triage} reads it
 * again and applies the change again, so the change must depend on nothing but that document.
 */
sealed interface Change {

    int MAX_REASON = 1000;
    int MAX_NOTE = 10_000;
    int MAX_ASSIGNEE = 256;

    /** The audit record's action, e.g. {@code alert.close}. */
    String action();

    /** What the audit record keeps besides who did it and to which alert. */
    Map<String, String> details();

    Outcome apply(Alert alert, String actor, Instant now);

    /** What a change makes of an alert. */
    sealed interface Outcome {
        /** The whole new document, to replace the one read. */
        record Changed(Map<String, Object> document) implements Outcome {}

        /** Nothing to do: the alert is already as asked. */
        record Unchanged(String why) implements Outcome {}

        /** Not allowed in the alert's state. */
        record Refused(String why) implements Outcome {}
    }

    /** An open alert is being looked at. */
    record Acknowledge() implements Change {
        @Override
        public String action() {
            return "alert.acknowledge";
        }

        @Override
        public Map<String, String> details() {
            return Map.of();
        }

        @Override
        public Outcome apply(Alert alert, String actor, Instant now) {
            return switch (alert.status()) {
                case ACKNOWLEDGED -> new Outcome.Unchanged("already acknowledged");
                case CLOSED -> new Outcome.Refused("it is closed; reopen it first");
                case OPEN -> {
                    Map<String, Object> doc = edit(alert, now);
                    Documents.set(doc, "alert.status", AlertStatus.ACKNOWLEDGED.id());
                    Documents.set(doc, "alert.acknowledged_at", Values.formatDate(now));
                    Documents.set(doc, "alert.acknowledged_by", actor);
                    yield new Outcome.Changed(doc);
                }
            };
        }
    }

    /** Done with, for a reason: a false positive, resolved, ... */
    record Close(String reason) implements Change {
        public Close {
            reason = reason == null ? "" : reason.strip();
            if (reason.isEmpty()) {
                throw new AlertInputException("reason is required to close an alert: why it is closed,"
                        + " e.g. \"false positive\" or \"resolved\"");
            }
            if (reason.length() > MAX_REASON) {
                throw new AlertInputException(
                        "reason is " + reason.length() + " characters; at most " + MAX_REASON + " are kept");
            }
        }

        @Override
        public String action() {
            return "alert.close";
        }

        @Override
        public Map<String, String> details() {
            return Map.of("reason", reason);
        }

        @Override
        public Outcome apply(Alert alert, String actor, Instant now) {
            if (alert.status() == AlertStatus.CLOSED) {
                return new Outcome.Unchanged("already closed");
            }
            Map<String, Object> doc = edit(alert, now);
            Documents.set(doc, "alert.status", AlertStatus.CLOSED.id());
            Documents.set(doc, "alert.closed_at", Values.formatDate(now));
            Documents.set(doc, "alert.closed_by", actor);
            Documents.set(doc, "alert.closed_reason", reason);
            return new Outcome.Changed(doc);
        }
    }

    /**
     * Open again, as if just raised: who acknowledged and who closed it, and why, go from the
     * alert (the audit log keeps them); the assignee and the notes stay.
     */
    record Reopen() implements Change {
        @Override
        public String action() {
            return "alert.reopen";
        }

        @Override
        public Map<String, String> details() {
            return Map.of();
        }

        @Override
        public Outcome apply(Alert alert, String actor, Instant now) {
            if (alert.status() == AlertStatus.OPEN) {
                return new Outcome.Unchanged("already open");
            }
            Map<String, Object> doc = edit(alert, now);
            Documents.set(doc, "alert.status", AlertStatus.OPEN.id());
            for (String field : List.of(
                    "alert.acknowledged_at",
                    "alert.acknowledged_by",
                    "alert.closed_at",
                    "alert.closed_by",
                    "alert.closed_reason")) {
                Documents.remove(doc, field);
            }
            return new Outcome.Changed(doc);
        }
    }

    /** Someone works on it; an empty assignee leaves it to nobody. Allowed in any state. */
    record Assign(String assignee) implements Change {
        public Assign {
            assignee = assignee == null ? "" : assignee.strip();
            if (assignee.length() > MAX_ASSIGNEE) {
                throw new AlertInputException(
                        "assignee is " + assignee.length() + " characters; at most " + MAX_ASSIGNEE);
            }
        }

        @Override
        public String action() {
            return "alert.assign";
        }

        @Override
        public Map<String, String> details() {
            return Map.of("assignee", assignee);
        }

        @Override
        public Outcome apply(Alert alert, String actor, Instant now) {
            // alert.assignee is caseless: Alice and alice are one person.
            if (alert.assignee().equalsIgnoreCase(assignee)) {
                return new Outcome.Unchanged(assignee.isEmpty() ? "already unassigned" : "already " + assignee + "'s");
            }
            Map<String, Object> doc = edit(alert, now);
            if (assignee.isEmpty()) {
                Documents.remove(doc, "alert.assignee");
            } else {
                Documents.set(doc, "alert.assignee", assignee);
            }
            return new Outcome.Changed(doc);
        }
    }

    /** A note added after the others, by whoever is signed in. Allowed in any state. */
    record AddNote(String text) implements Change {
        public AddNote {
            if (text == null || text.isBlank()) {
                throw new AlertInputException("text is required: the note to add");
            }
            if (text.length() > MAX_NOTE) {
                throw new AlertInputException(
                        "text is " + text.length() + " characters; a note holds at most " + MAX_NOTE);
            }
        }

        @Override
        public String action() {
            return "alert.note";
        }

        @Override
        public Map<String, String> details() {
            return Map.of("length", Integer.toString(text.length()));
        }

        @Override
        public Outcome apply(Alert alert, String actor, Instant now) {
            Map<String, Object> doc = edit(alert, now);
            // The notes as stored, untouched, and this one after them.
            Object stored = Documents.value(doc, "alert.notes");
            List<Object> notes = new ArrayList<>();
            if (stored instanceof Collection<?> many) {
                notes.addAll(many);
            } else if (stored != null) {
                notes.add(stored);
            }
            Map<String, Object> note = new LinkedHashMap<>();
            note.put("author", actor);
            note.put("at", Values.formatDate(now));
            note.put("text", text);
            notes.add(note);
            Documents.set(doc, "alert.notes", notes);
            return new Outcome.Changed(doc);
        }
    }

    /** A copy of the alert's document to change, its {@code alert.updated_at} set. */
    private static Map<String, Object> edit(Alert alert, Instant now) {
        Map<String, Object> doc = Documents.copy(alert.document());
        Documents.set(doc, "alert.updated_at", Values.formatDate(now));
        return doc;
    }
}
