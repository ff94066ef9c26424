package io.agent7.search.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The query API's paging ({@code agent7.search.*}).
 *
 * @param maxWindow    the deepest a page may reach, {@code offset + limit} (default 10,000). No
 *                     more than Elasticsearch's {@code index.max_result_window}, which the
 *                     templates leave at its default of 10,000: past it every search would fail
 * @param defaultLimit how many items a query answers when it names no {@code limit} (default 100)
 */
@ConfigurationProperties("agent7.search")
public record SearchProperties(Integer maxWindow, Integer defaultLimit) {

    /** Elasticsearch's default {@code index.max_result_window}. */
    static final int RESULT_WINDOW = 10_000;

    public SearchProperties {
        maxWindow = maxWindow == null ? RESULT_WINDOW : maxWindow;
        defaultLimit = defaultLimit == null ? Math.min(100, maxWindow) : defaultLimit;
        if (maxWindow < 1 || maxWindow > RESULT_WINDOW) {
            throw new IllegalArgumentException("agent7.search.max-window must be between 1 and " + RESULT_WINDOW
                    + " (Elasticsearch's index.max_result_window), got " + maxWindow);
        }
        if (defaultLimit < 1 || defaultLimit > maxWindow) {
            throw new IllegalArgumentException(
                    "agent7.search.default-limit must be between 1 and agent7.search.max-window (" + maxWindow
                            + "), got " + defaultLimit);
        }
    }

    /** The defaults, as a service started without settings has them. */
    public static SearchProperties defaults() {
        return new SearchProperties(null, null);
    }
}
