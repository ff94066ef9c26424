package io.agent7.query.request;

import java.util.Locale;

/** How an answer is written: one JSON object, or an export of every document as CSV or NDJSON. */
public enum Format {
    JSON,
    CSV,
    NDJSON;

    /** The value {@code format=} takes for it. */
    public String parameterValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the format streams every matching document rather than answering one object. */
    public boolean exports() {
        return this != JSON;
    }
}
