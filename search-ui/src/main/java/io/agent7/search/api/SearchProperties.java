package io.agent7.search.api;

import io.agent7.query.request.Limits;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The query API's paging ({@code agent7.search.*}).
 *
 * @param maxWindow       the deepest a page may reach, {@code offset + limit} (default 10,000), and
 *                        the largest page. No more than Elasticsearch's {@code index.max_result_window},
 *                        which the templates leave at its default of 10,000: past it every search
 *                        would fail
 * @param defaultLimit    how many items a query answers when it names no {@code limit} (default 100)
 * @param cursorKeepAlive how long a cursor stays usable after the page it came with (default 5 min).
 *                        Each page renews it. A cursor holds a point in time in Elasticsearch, which
 *                        keeps the segments it reads from being merged away: long lifetimes on a busy
 *                        index cost disk and heap, so this is the time a client takes between pages,
 *                        not the time a whole walk takes. At most 24 h, Elasticsearch's own limit
 *                        ({@code search.max_keep_alive})
 */
@ConfigurationProperties("agent7.search")
public record SearchProperties(Integer maxWindow, Integer defaultLimit, Duration cursorKeepAlive) {

    /** Elasticsearch's default {@code index.max_result_window}. */
    static final int RESULT_WINDOW = 10_000;

    static final Duration DEFAULT_CURSOR_KEEP_ALIVE = Duration.ofMinutes(5);
    static final Duration MAX_CURSOR_KEEP_ALIVE = Duration.ofHours(24);

    public SearchProperties {
        maxWindow = maxWindow == null ? RESULT_WINDOW : maxWindow;
        defaultLimit = defaultLimit == null ? Math.min(100, maxWindow) : defaultLimit;
        cursorKeepAlive = cursorKeepAlive == null ? DEFAULT_CURSOR_KEEP_ALIVE : cursorKeepAlive;
        if (maxWindow < 1 || maxWindow > RESULT_WINDOW) {
            throw new IllegalArgumentException("agent7.search.max-window must be between 1 and " + RESULT_WINDOW
                    + " (Elasticsearch's index.max_result_window), got " + maxWindow);
        }
        if (defaultLimit < 1 || defaultLimit > maxWindow) {
            throw new IllegalArgumentException(
                    "agent7.search.default-limit must be between 1 and agent7.search.max-window (" + maxWindow
                            + "), got " + defaultLimit);
        }
        if (cursorKeepAlive.compareTo(Duration.ofSeconds(1)) < 0
                || cursorKeepAlive.compareTo(MAX_CURSOR_KEEP_ALIVE) > 0) {
            throw new IllegalArgumentException(
                    "agent7.search.cursor-keep-alive must be between 1s and 24h (Elasticsearch's search.max_keep_alive),"
                            + " got " + cursorKeepAlive);
        }
    }

    /** The defaults, as a service started without settings has them. */
    public static SearchProperties defaults() {
        return new SearchProperties(null, null, null);
    }

    /** What request options are checked against. */
    public Limits limits() {
        return new Limits(defaultLimit, maxWindow);
    }
}
