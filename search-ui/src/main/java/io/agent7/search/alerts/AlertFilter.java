package io.agent7.search.alerts;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which alerts a list shows; every part optional (empty or null: any).
 *
 * @param statuses   any of these statuses
 * @param severities any of these severities
 * @param rule       a rule's id ({@code rule.id})
 * @param host       a host's id or name
 * @param from       raised at or after
 * @param to         raised before
 * @param text       words of the reason or the rule's name, the last one possibly cut short
 */
record AlertFilter(
        Set<AlertStatus> statuses,
        Set<Severity> severities,
        String rule,
        String host,
        Instant from,
        Instant to,
        String text) {

    static final AlertFilter ANY = new AlertFilter(Set.of(), Set.of(), null, null, null, null, null);

    AlertFilter {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        severities = severities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(severities));
        rule = blankToNull(rule);
        host = blankToNull(host);
        text = blankToNull(text);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new AlertInputException("from (" + from + ") must be before to (" + to + ")");
        }
    }

    /** The open alerts of one host. */
    static AlertFilter openOn(String host) {
        return new AlertFilter(Set.of(AlertStatus.OPEN), Set.of(), null, host, null, null, null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
