package io.agent7.rules.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.OpType;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.agent7.rules.BuiltinRules;
import io.agent7.rules.Rule;
import io.agent7.rules.RuleYaml;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import io.agent7.server.elasticsearch.ElasticsearchErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules in force: the built-in pack, overlaid by what was saved through the API in
 * {@code agent7-rules}. A saved rule with a built-in's id replaces it (that is how a built-in
 * is changed or disabled); a deleted one hides it. Every saved version is kept: the current
 * under the rule's id, each version also under {@code <id>@<version>}, so an alert's
 * {@code rule.version} can always be looked up.
 */
public final class RuleStore {

    private static final int MAX_RULES = 10_000;

    private final ElasticsearchClient client;
    private final String index;
    private final Map<String, Rule> builtin;

    public RuleStore(ElasticsearchClient client, Schema schema, boolean withBuiltin) {
        this.client = client;
        this.index = schema.serverType("rule").index();
        this.builtin = withBuiltin ? BuiltinRules.load() : Map.of();
    }

    /** A saved rule's current version, with how it was saved. */
    public record Saved(
            Rule rule, boolean deleted, Instant updatedAt, String updatedBy, long seqNo, long primaryTerm) {}

    /** Every rule in force (enabled or not), by id: built-in ones first, in pack order. */
    public Map<String, Rule> rules() {
        Map<String, Rule> rules = new LinkedHashMap<>(builtin);
        for (Saved saved : saved()) {
            if (saved.deleted()) {
                rules.remove(saved.rule().id());
            } else {
                rules.put(saved.rule().id(), saved.rule());
            }
        }
        return rules;
    }

    /** The rule in force with this id. */
    public Optional<Rule> get(String id) {
        Optional<Saved> saved = saved(id);
        if (saved.isPresent()) {
            return saved.get().deleted()
                    ? Optional.empty()
                    : Optional.of(saved.get().rule());
        }
        return Optional.ofNullable(builtin.get(id));
    }

    /** A version of a rule, current or earlier. */
    public Optional<Rule> version(String id, int version) {
        Optional<Rule> current = get(id);
        if (current.isPresent() && current.get().version() == version) {
            return current;
        }
        Rule pack = builtin.get(id);
        if (pack != null && pack.version() == version) {
            return Optional.of(pack);
        }
        return document(id + "@" + version).map(Saved::rule);
    }

    public boolean isBuiltin(String id) {
        return builtin.containsKey(id);
    }

    /**
     * Saves {@code rule} as the next version of its id (version 1 when new), unless the rule
     * in force changed since {@code expectedVersion} was read.
     *
     * @param expectedVersion the version the change was made to, or 0 for a new rule
     * @return the rule as saved, with its version
     * @throws ConflictException a rule with the id exists (new rule), or its version is no
     *     longer {@code expectedVersion}
     */
    public Rule save(Rule rule, int expectedVersion, String by, Instant at) {
        Optional<Saved> saved = saved(rule.id());
        Rule current = saved.filter(s -> !s.deleted()).map(Saved::rule).orElse(builtin.get(rule.id()));
        if (saved.isPresent() && saved.get().deleted() && expectedVersion == 0) {
            current = null; // a deleted rule's id may be used again; its versions go on counting
        }
        int currentVersion = current == null ? 0 : current.version();
        if (currentVersion != expectedVersion) {
            throw new ConflictException(
                    current == null
                            ? "Rule " + rule.id() + " does not exist (it may have been deleted)"
                            : expectedVersion == 0
                                    ? "Rule " + rule.id() + " exists; change it with an update"
                                    : "Rule " + rule.id() + " is at version " + currentVersion + ", not "
                                            + expectedVersion + ": someone changed it since you read it");
        }
        int lastVersion =
                Math.max(currentVersion, saved.map(s -> s.rule().version()).orElse(0));
        String ruleset = builtin.containsKey(rule.id()) ? Rule.BUILTIN : Rule.CUSTOM;
        Rule next = rule.withVersion(lastVersion + 1).withRuleset(ruleset);
        write(next, false, by, at, saved);
        return next;
    }

    /** Enables or disables the rule in force: a new version. */
    public Rule setEnabled(String id, boolean enabled, String by, Instant at) {
        Rule current = get(id).orElseThrow(() -> new NotFoundException("No rule " + id));
        return save(current.withEnabled(enabled), current.version(), by, at);
    }

    /** Deletes the rule (a built-in is hidden); its versions are kept. */
    public void delete(String id, String by, Instant at) {
        Optional<Saved> saved = saved(id);
        Rule current = get(id).orElseThrow(() -> new NotFoundException("No rule " + id));
        int lastVersion =
                Math.max(current.version(), saved.map(s -> s.rule().version()).orElse(0));
        write(current.withVersion(lastVersion + 1), true, by, at, saved);
    }

    private void write(Rule rule, boolean deleted, String by, Instant at, Optional<Saved> previous) {
        Map<String, Object> document = document(rule, deleted, true, by, at);
        Map<String, Object> version = document(rule, deleted, false, by, at);
        try {
            client.index(
                    i -> i.index(index).id(rule.id() + "@" + rule.version()).document(version));
            client.index(i -> {
                i.index(index).id(rule.id()).document(document).refresh(Refresh.WaitFor);
                if (previous.isPresent()) {
                    i.ifSeqNo(previous.get().seqNo())
                            .ifPrimaryTerm(previous.get().primaryTerm());
                } else {
                    i.opType(OpType.Create);
                }
                return i;
            });
        } catch (ElasticsearchException | IOException e) {
            if (ElasticsearchErrors.status(e) == 409) {
                throw new ConflictException("Rule " + rule.id() + " changed while it was being saved; try again");
            }
            throw e instanceof IOException io
                    ? new UncheckedIOException("Saving rule " + rule.id() + ": " + e.getMessage(), io)
                    : (ElasticsearchException) e;
        }
    }

    private static Map<String, Object> document(Rule rule, boolean deleted, boolean current, String by, Instant at) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@timestamp", Values.formatDate(at));
        AlertWriter.put(d, "agent7.type", "rule");
        AlertWriter.put(d, "rule.id", rule.id());
        AlertWriter.put(d, "rule.name", rule.name());
        AlertWriter.put(d, "rule.version", Integer.toString(rule.version()));
        AlertWriter.put(d, "rule.description", rule.description());
        AlertWriter.put(d, "rule.author", rule.author());
        AlertWriter.put(d, "rule.ruleset", rule.ruleset());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", rule.type().yaml());
        spec.put("severity", rule.severity().yaml());
        spec.put("enabled", rule.enabled());
        spec.put("current", current);
        spec.put("deleted", deleted);
        spec.put("updated_at", Values.formatDate(at));
        spec.put("updated_by", by);
        spec.put("definition", RuleYaml.write(rule));
        d.put("rule_spec", spec);
        AlertWriter.put(d, "tags", rule.tags());
        AlertWriter.put(
                d,
                "threat.tactic.id",
                rule.threat().stream().map(Rule.Threat::tacticId).toList());
        AlertWriter.put(
                d,
                "threat.technique.id",
                rule.threat().stream()
                        .flatMap(t -> t.techniques().stream())
                        .map(Rule.Technique::id)
                        .toList());
        return d;
    }

    /** The current documents of every saved rule. */
    public List<Saved> saved() {
        SearchResponse<Map> response;
        try {
            response = client.search(
                    s -> s.index(index)
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .size(MAX_RULES)
                            .seqNoPrimaryTerm(true)
                            .query(q -> q.term(t -> t.field("rule_spec.current").value(true))),
                    Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the saved rules: " + e.getMessage(), e);
        }
        List<Saved> saved = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            saved.add(saved(hit.source(), hit.seqNo(), hit.primaryTerm()));
        }
        return saved;
    }

    private Optional<Saved> saved(String id) {
        return document(id);
    }

    private Optional<Saved> document(String id) {
        GetResponse<Map> response;
        try {
            response = client.get(g -> g.index(index).id(id), Map.class);
        } catch (ElasticsearchException | IOException e) {
            if (ElasticsearchErrors.status(e) == 404) {
                return Optional.empty(); // no index yet
            }
            throw e instanceof IOException io
                    ? new UncheckedIOException("Reading rule " + id + ": " + e.getMessage(), io)
                    : (ElasticsearchException) e;
        }
        if (!response.found()) {
            return Optional.empty();
        }
        return Optional.of(saved(response.source(), response.seqNo(), response.primaryTerm()));
    }

    @SuppressWarnings("unchecked")
    private static Saved saved(Map<?, ?> source, Long seqNo, Long primaryTerm) {
        Map<String, Object> spec = (Map<String, Object>) source.get("rule_spec");
        Map<String, Object> rule = (Map<String, Object>) source.get("rule");
        String ruleset = rule == null ? Rule.CUSTOM : String.valueOf(rule.getOrDefault("ruleset", Rule.CUSTOM));
        Rule read = RuleYaml.read((String) spec.get("definition"), ruleset);
        return new Saved(
                read,
                Boolean.TRUE.equals(spec.get("deleted")),
                Instant.parse(spec.get("updated_at").toString()),
                (String) spec.get("updated_by"),
                seqNo == null ? -1 : seqNo,
                primaryTerm == null ? -1 : primaryTerm);
    }

    /** The change was made to a version that is no longer current, or would overwrite another rule. */
    public static final class ConflictException extends IllegalStateException {
        public ConflictException(String message) {
            super(message);
        }
    }

    /** No rule with that id is in force. */
    public static final class NotFoundException extends IllegalArgumentException {
        public NotFoundException(String message) {
            super(message);
        }
    }
}
