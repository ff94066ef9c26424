package io.agent7.query.lucene;

import io.agent7.query.Span;

/**
 * One token of the query as Lucene's lexer reads it.
 *
 * @param kind  a {@code StandardSyntaxParserConstants} value
 * @param image the text as written, escapes included
 * @param start offset of its first character
 * @param end   offset after its last character
 */
record Lexeme(int kind, String image, int start, int end) {

    Span span() {
        return Span.of(start, end);
    }

    boolean is(int... kinds) {
        for (int k : kinds) {
            if (kind == k) {
                return true;
            }
        }
        return false;
    }
}
