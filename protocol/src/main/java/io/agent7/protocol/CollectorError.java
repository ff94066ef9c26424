package io.agent7.protocol;

import java.util.Locale;
import java.util.Objects;

/**
 * Something that kept a collection from reaching the server, as an agent reports it at
 * check-in: {@code {"type": "software", "kind": "over_budget", "detail": "ran over its 300s
 * budget and was stopped"}}. Agents before this form sent the text {@code "software: ran over
 * ..."}; the ingest API still reads that (see {@link #fromText}).
 *
 * @param type   the data type whose collection failed
 * @param detail what happened, for people
 */
public record CollectorError(String type, Kind kind, String detail) {

    public CollectorError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
        detail = Objects.requireNonNullElse(detail, "");
    }

    /** What went wrong, in the words a dashboard can group by. */
    public enum Kind {
        /** The collector threw. */
        FAILED,
        /** The collector ran past the policy's time budget and was stopped. */
        OVER_BUDGET,
        /** A document the collector made does not fit the schema; nothing of that run was sent. */
        INVALID_DOCUMENT,
        /** The batch could not be written to the agent's disk spool. */
        NOT_SPOOLED,
        /** The ingest API refused the batch for good; the next batch of the type is a full snapshot. */
        BATCH_REFUSED,
        /** Anything else: the kind of a newer agent, or an error in the text form, which has none. */
        OTHER;

        /** The wire name: lower case, {@code over_budget}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind of a wire name; {@link #OTHER} for one this side does not know. */
        public static Kind fromWire(String name) {
            for (Kind kind : values()) {
                if (kind.wire().equals(name)) {
                    return kind;
                }
            }
            return OTHER;
        }
    }

    /** The text form {@code "type: detail"}, as the host document keeps collector errors. */
    public String summary() {
        return type + ": " + detail;
    }

    /** Reads the text form of earlier agents, {@code "software: ran over its 5m budget"}; its kind is {@link Kind#OTHER}. */
    public static CollectorError fromText(String text) {
        int colon = text.indexOf(": ");
        return colon > 0
                ? new CollectorError(text.substring(0, colon), Kind.OTHER, text.substring(colon + 2))
                : new CollectorError("unknown", Kind.OTHER, text);
    }
}
