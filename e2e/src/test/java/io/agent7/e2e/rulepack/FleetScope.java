package io.agent7.e2e.rulepack;

import io.agent7.rules.Finding;
import io.agent7.rules.Rule;
import java.util.List;
import java.util.Map;

/**
 * Narrows a rule that looks back over the whole fleet to some hosts. On a node the test
 * shares, such a rule answers about every host there: an absence rule finds every other
 * test's silent hosts (the oldest first, up to its maximum of alerts, so this run's may not
 * make the cut), and a new-terms rule without {@code host.id} among its fields finds this
 * run's values in an earlier run's history. The rule's own query stays; only
 * {@code host.id,in,...} is added to it.
 */
public final class FleetScope {

    private FleetScope() {}

    /** Whether {@code rule} looks back over hosts other than those whose items are in its window. */
    public static boolean fleetWide(Rule rule) {
        return switch (rule.type()) {
            case ABSENCE -> true;
            case NEW_TERMS -> !rule.newTerms().fields().contains("host.id");
            case QUERY, THRESHOLD -> false;
        };
    }

    /** {@code rule} over {@code hostIds} only. */
    public static Rule narrowed(Rule rule, List<String> hostIds) {
        String hosts = "host.id,in," + String.join("|", hostIds);
        Rule.Query query;
        if (rule.query() == null || rule.query().text().isBlank()) {
            query = new Rule.Query(List.of("host"), Rule.Query.DSL, hosts);
        } else if (rule.query().language().equals(Rule.Query.DSL)) {
            query = new Rule.Query(
                    rule.query().types(), Rule.Query.DSL, rule.query().text() + ";" + hosts);
        } else {
            throw new IllegalArgumentException(
                    "Rule " + rule.id() + " is in " + rule.query().language() + "; only DSL rules are narrowed");
        }
        return new Rule(
                rule.id(),
                rule.version(),
                rule.name(),
                rule.description(),
                rule.severity(),
                rule.riskScore(),
                rule.author(),
                rule.references(),
                rule.falsePositives(),
                rule.tags(),
                rule.threat(),
                rule.enabled(),
                rule.interval(),
                rule.overlap(),
                rule.maxAlerts(),
                rule.type(),
                query,
                rule.threshold(),
                rule.newTerms(),
                rule.absence(),
                rule.suppression(),
                rule.notifications(),
                rule.ruleset());
    }

    /** The host a finding is about: its item's, or its group's when grouped by host; null for none. */
    public static String hostOf(Finding finding) {
        Object host = field(finding.source(), "host", "id");
        int i = finding.groupFields().indexOf("host.id");
        if (host == null && i >= 0) {
            host = finding.groupValues().get(i);
        }
        return host == null ? null : host.toString();
    }

    private static Object field(Map<String, Object> source, String... path) {
        Object node = source;
        for (String name : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(name);
        }
        return node;
    }
}
