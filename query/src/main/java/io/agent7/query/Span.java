package io.agent7.query;

/**
 * Where a node of a query came from: character offsets into the text of one request
 * parameter ({@code filter}, {@code q}, ...), end exclusive. Errors quote them so that a
 * console can underline the part that is wrong.
 *
 * @param start offset of the first character
 * @param end   offset after the last character
 */
public record Span(int start, int end) {

    /** For nodes built by code rather than parsed (the {@code state} filter, say). */
    public static final Span NONE = new Span(-1, -1);

    public Span {
        if (start > end) {
            throw new IllegalArgumentException("Span " + start + ".." + end + " ends before it starts");
        }
    }

    public static Span of(int start, int end) {
        return new Span(start, end);
    }

    public boolean known() {
        return start >= 0;
    }

    /** The smallest span covering both; an unknown side gives way to the known one. */
    public Span union(Span other) {
        if (!known()) {
            return other;
        }
        if (!other.known()) {
            return this;
        }
        return new Span(Math.min(start, other.start), Math.max(end, other.end));
    }
}
