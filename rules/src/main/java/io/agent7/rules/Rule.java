package io.agent7.rules;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A detection rule: what to search for, how often, and what an alert it raises says. Built-in
 * rules are YAML files in this module ({@link BuiltinRules}); rules made through the API are
 * stored as the same YAML, one document per version. {@link RuleYaml} reads and writes the
 * format; {@link RuleValidator} checks a rule against the schema and the query language.
 *
 * <p>Exactly one of {@code threshold}, {@code newTerms} and {@code absence} is set for those
 * types, none for {@link Type#QUERY}; {@code query} is set for every type but absence, where
 * it is optional (which hosts to watch).
 *
 * @param version        1 for a new rule, one more on each change; alerts name it
 * @param interval       how often it runs
 * @param overlap        how far back before its last window's end each run starts: covers
 *                       items that became searchable late (see {@code docs/DETECTIONS.md})
 * @param maxAlerts      the most alerts one run writes
 * @param notifications       where its alerts are sent, besides the channels for their severity
 */
public record Rule(
        String id,
        int version,
        String name,
        String description,
        Severity severity,
        int riskScore,
        String author,
        List<String> references,
        List<String> falsePositives,
        List<String> tags,
        List<Threat> threat,
        boolean enabled,
        Duration interval,
        Duration overlap,
        int maxAlerts,
        Type type,
        Query query,
        Threshold threshold,
        NewTerms newTerms,
        Absence absence,
        Suppression suppression,
        List<Notify> notifications,
        String ruleset) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(1);
    public static final int DEFAULT_MAX_ALERTS = 100;
    public static final String BUILTIN = "builtin";
    public static final String CUSTOM = "custom";

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        references = List.copyOf(references);
        falsePositives = List.copyOf(falsePositives);
        tags = List.copyOf(tags);
        threat = List.copyOf(threat);
        notifications = List.copyOf(notifications);
    }

    /** The same rule at another version, as the API saves a change. */
    public Rule withVersion(int newVersion) {
        return new Rule(
                id,
                newVersion,
                name,
                description,
                severity,
                riskScore,
                author,
                references,
                falsePositives,
                tags,
                threat,
                enabled,
                interval,
                overlap,
                maxAlerts,
                type,
                query,
                threshold,
                newTerms,
                absence,
                suppression,
                notifications,
                ruleset);
    }

    /** The same rule, enabled or not. */
    public Rule withEnabled(boolean on) {
        return new Rule(
                id,
                version,
                name,
                description,
                severity,
                riskScore,
                author,
                references,
                falsePositives,
                tags,
                threat,
                on,
                interval,
                overlap,
                maxAlerts,
                type,
                query,
                threshold,
                newTerms,
                absence,
                suppression,
                notifications,
                ruleset);
    }

    /** The same rule from another ruleset (builtin or custom). */
    public Rule withRuleset(String set) {
        return new Rule(
                id,
                version,
                name,
                description,
                severity,
                riskScore,
                author,
                references,
                falsePositives,
                tags,
                threat,
                enabled,
                interval,
                overlap,
                maxAlerts,
                type,
                query,
                threshold,
                newTerms,
                absence,
                suppression,
                notifications,
                set);
    }

    public enum Type {
        /** Items first seen (ingested) in the window that match a query. */
        QUERY("query"),
        /** Groups of matching items whose count in the window reaches a value. */
        THRESHOLD("threshold"),
        /** A value (or tuple) seen for the first time within a history. */
        NEW_TERMS("new_terms"),
        /** Hosts whose agent has not checked in for a while. */
        ABSENCE("absence");

        private final String yaml;

        Type(String yaml) {
            this.yaml = yaml;
        }

        public String yaml() {
            return yaml;
        }
    }

    /** Severity, with the numbers Elastic Security uses for {@code event.severity}. */
    public enum Severity {
        LOW(21),
        MEDIUM(47),
        HIGH(73),
        CRITICAL(99);

        private final int number;

        Severity(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }

        public String yaml() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An ATT&CK tactic and the techniques of it the rule detects. */
    public record Threat(String tacticId, String tacticName, List<Technique> techniques) {
        public Threat {
            techniques = List.copyOf(techniques);
        }
    }

    public record Technique(String id, String name) {}

    /**
     * The search: over one or more data types, in the URI filter DSL or Lucene syntax, joins
     * included.
     */
    public record Query(List<String> types, String language, String text) {
        public static final String DSL = "dsl";
        public static final String LUCENE = "lucene";

        public Query {
            types = List.copyOf(types);
        }
    }

    /** Alert when a group of matching items (by up to three fields) counts at least {@code count}. */
    public record Threshold(List<String> groupBy, long count) {
        public Threshold {
            groupBy = List.copyOf(groupBy);
        }
    }

    /**
     * Alert when a value of {@code fields} (a tuple when several; with {@code host.id} among them,
     * per host) appears that no item ingested in the {@code history} before it had.
     */
    public record NewTerms(List<String> fields, Duration history) {
        public NewTerms {
            fields = List.copyOf(fields);
        }
    }

    /** Alert when a host's agent has been silent for {@code silentFor}. */
    public record Absence(Duration silentFor) {}

    /**
     * Matches with the same values of {@code groupBy} within one {@code window} (aligned to the
     * epoch) make one alert whose count grows, not one alert each.
     */
    public record Suppression(List<String> groupBy, Duration window) {
        public Suppression {
            groupBy = List.copyOf(groupBy);
        }
    }

    /** Where to send the rule's alerts: a webhook (generic JSON, Slack or Teams) or an email address. */
    public record Notify(Kind kind, String address) {
        public enum Kind {
            WEBHOOK,
            SLACK,
            TEAMS,
            EMAIL;

            public String yaml() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }
    }
}
