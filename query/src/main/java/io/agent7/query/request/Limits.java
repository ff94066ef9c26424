package io.agent7.query.request;

/**
 * How large pages may be: a service's settings, which the options are checked against.
 *
 * @param defaultLimit documents (or groups) a page holds when the request names no {@code limit}
 * @param maxWindow    the deepest an offset page may reach, {@code offset + limit}, and the
 *                     largest page of any kind
 */
public record Limits(int defaultLimit, int maxWindow) {

    public Limits {
        if (maxWindow < 1) {
            throw new IllegalArgumentException("maxWindow must be at least 1, got " + maxWindow);
        }
        if (defaultLimit < 1 || defaultLimit > maxWindow) {
            throw new IllegalArgumentException(
                    "defaultLimit must be between 1 and maxWindow (" + maxWindow + "), got " + defaultLimit);
        }
    }
}
