package io.agent7.search.alerts;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where alerts are kept ({@code agent7-alerts}). Writes are conditional on the version read:
 * the detection engine adds matches to an alert while analysts work on it, and two analysts
 * may note the same alert at once, so a write over a version someone else replaced is refused
 * as a conflict and the caller reads again (there is no scripting on the node to do it there).
 */
interface AlertStore {

    /** Where a document was when read: its sequence number and primary term. */
    record Version(long seqNo, long primaryTerm) {}

    record Stored(Alert alert, Version version) {}

    /** A whole new document for an alert, to be written only over the version it was made from. */
    record Replacement(String id, Map<String, Object> document, Version read) {}

    record WriteResult(Kind kind, String error) {
        enum Kind {
            WRITTEN,
            /** Someone wrote the alert since it was read (or removed it). */
            CONFLICT,
            /** Refused for another reason, named in {@code error}. */
            FAILED
        }

        static final WriteResult WRITTEN = new WriteResult(Kind.WRITTEN, null);
        static final WriteResult CONFLICT = new WriteResult(Kind.CONFLICT, null);
    }

    /**
     * One page of a list, newest first.
     *
     * @param nextCursor where the next page starts, or null after the last
     */
    record Page(List<Alert> alerts, long total, boolean totalExact, String nextCursor) {}

    /** How many of the open alerts a rule has raised. */
    record RuleCount(String id, String name, long count) {}

    /** The open alerts: how many, by severity (every severity, least first), and the rules with most. */
    record OpenCounts(long total, Map<Severity, Long> bySeverity, List<RuleCount> byRule) {}

    /** The alerts of these ids that exist, by id. */
    Map<String, Stored> read(Collection<String> ids);

    /** Writes each replacement if its alert is still at the version read; refreshes before answering. */
    Map<String, WriteResult> replace(List<Replacement> replacements);

    /**
     * @param cursor a page's {@link Page#nextCursor()}, or null for the first page; one that does
     *     not read back is an {@link AlertInputException}
     */
    Page search(AlertFilter filter, String cursor, int size);

    OpenCounts openCounts(int rules);
}
