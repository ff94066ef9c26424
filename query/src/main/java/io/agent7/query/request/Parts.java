package io.agent7.query.request;

import io.agent7.query.Span;
import java.util.ArrayList;
import java.util.List;

/** A parameter's list split at a separator, each part trimmed and with its place in the parameter. */
final class Parts {

    /** One part: its text, trimmed, and where that text is in the whole parameter. */
    record Part(String text, Span span) {

        /** The text after its first {@code n} characters, with its span. */
        Part from(int n) {
            String rest = text.substring(n);
            int lead = rest.length() - rest.stripLeading().length();
            return new Part(rest.strip(), Span.of(span.start() + n + lead, span.end()));
        }
    }

    private Parts() {}

    /** The non-empty parts of {@code text}, which starts at {@code offset} of its parameter. */
    static List<Part> nonEmpty(String text, char separator, int offset) {
        return split(text, separator, offset).stream()
                .filter(p -> !p.text().isEmpty())
                .toList();
    }

    /** Every part of {@code text}, empty ones too; {@code text} starts at {@code offset} of its parameter. */
    static List<Part> split(String text, char separator, int offset) {
        List<Part> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == separator) {
                String raw = text.substring(start, i);
                int lead = raw.length() - raw.stripLeading().length();
                String trimmed = raw.strip();
                int from = offset + start + lead;
                parts.add(new Part(trimmed, Span.of(from, from + trimmed.length())));
                start = i + 1;
            }
        }
        return parts;
    }
}
