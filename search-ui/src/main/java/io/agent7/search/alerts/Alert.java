package io.agent7.search.alerts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One alert as stored in {@code agent7-alerts}: its id ({@code alert.id}, also the document's
 * {@code _id}) and its ECS-shaped document, which the detection engine wrote and the workflow
 * fields of which the console changes.
 */
record Alert(String id, Map<String, Object> document) {

    /** One note of {@code alert.notes}. */
    record Note(String author, String at, String text) {}

    Alert {
        document = Collections.unmodifiableMap(Documents.copy(document));
    }

    /** The stored status; an alert the engine wrote without one is open, as it is when raised. */
    AlertStatus status() {
        return AlertStatus.of(text("alert.status")).orElse(AlertStatus.OPEN);
    }

    /** The assignee, or "" when nobody has it. */
    String assignee() {
        return text("alert.assignee");
    }

    List<Note> notes() {
        List<Note> notes = new ArrayList<>();
        Object value = Documents.value(document, "alert.notes");
        Collection<?> many = value instanceof Collection<?> list ? list : value == null ? List.of() : List.of(value);
        for (Object element : many) {
            if (element instanceof Map<?, ?> note) {
                Map<String, Object> fields = Documents.cast(note);
                notes.add(new Note(
                        Documents.text(fields, "author"),
                        Documents.text(fields, "at"),
                        Documents.text(fields, "text")));
            }
        }
        return notes;
    }

    String text(String field) {
        return Documents.text(document, field);
    }

    List<String> texts(String field) {
        return Documents.texts(document, field);
    }

    Object value(String field) {
        return Documents.value(document, field);
    }
}
