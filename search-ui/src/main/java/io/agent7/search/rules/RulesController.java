package io.agent7.search.rules;

import io.agent7.query.QueryException;
import io.agent7.rules.Finding;
import io.agent7.rules.InvalidRuleException;
import io.agent7.rules.Rule;
import io.agent7.rules.RuleValidator;
import io.agent7.rules.RuleYaml;
import io.agent7.rules.Window;
import io.agent7.rules.elasticsearch.RuleSearches;
import io.agent7.rules.elasticsearch.RuleState;
import io.agent7.rules.elasticsearch.RuleStates;
import io.agent7.rules.elasticsearch.RuleStore;
import io.agent7.schema.Schema;
import io.agent7.search.security.Actors;
import io.agent7.server.audit.AuditEvent;
import io.agent7.server.audit.AuditLog;
import io.agent7.server.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rules API, for admins: {@code /api/v1/rules}. A rule is sent and answered in the
 * format of the built-in pack, as YAML ({@code application/yaml}) or the same fields as JSON.
 * Every change saves a new version (the old ones are kept) and leaves an audit record; a rule
 * that does not read, validate or compile is refused with a 400 naming each problem, and
 * nothing is stored. The detection service picks changes up within its refresh interval.
 */
@RestController
class RulesController {

    static final String YAML = "application/yaml";
    static final Duration MAX_PREVIEW = Duration.ofDays(31);
    static final int MAX_BODY = 1 << 20;

    private final RuleStore store;
    private final RuleStates states;
    private final RuleSearches searches;
    private final RuleValidator validator;
    private final AuditLog audit;
    private final Clock clock;

    RulesController(
            RuleStore store, RuleStates states, RuleSearches searches, Schema schema, AuditLog audit, Clock clock) {
        this.store = store;
        this.states = states;
        this.searches = searches;
        this.validator = new RuleValidator(schema, clock);
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/api/v1/rules")
    Map<String, Object> list() {
        Map<String, RuleState> all = states.all();
        List<Object> rules = new ArrayList<>();
        for (Rule rule : store.rules().values()) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("id", rule.id());
            summary.put("name", rule.name());
            summary.put("version", rule.version());
            summary.put("type", rule.type().yaml());
            summary.put("severity", rule.severity().yaml());
            summary.put("enabled", rule.enabled());
            summary.put("ruleset", rule.ruleset());
            summary.put("state", state(all.get(rule.id())));
            rules.add(summary);
        }
        return Map.of("rules", rules);
    }

    @GetMapping(value = "/api/v1/rules/{id}")
    ResponseEntity<?> get(
            @PathVariable String id,
            @RequestParam(required = false) Integer version,
            @RequestParam(required = false) String format) {
        Rule rule =
                (version == null ? store.get(id) : store.version(id, version)).orElseThrow(() -> notFound(id, version));
        if ("yaml".equals(format)) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(YAML))
                    .body(RuleYaml.write(rule));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rule", RuleYaml.tree(rule));
        body.put("ruleset", rule.ruleset());
        body.put("state", state(states.all().get(id)));
        return ResponseEntity.ok(body);
    }

    @PostMapping("/api/v1/rules")
    ResponseEntity<Map<String, Object>> create(
            @RequestBody String body, Authentication user, HttpServletRequest request) {
        Rule rule = read(body);
        if (rule.version() != 1) {
            throw ApiProblem.badRequest("version: a new rule starts at 1; change an existing rule with PUT");
        }
        Rule saved = save(rule, 0, user);
        record("rule.create", user, request, saved, Map.of("version", saved.version()));
        return ResponseEntity.status(HttpStatus.CREATED).body(saved(saved));
    }

    /**
     * A change: the body's {@code version} is the version it was made to (a newer one saved
     * since is a 409); left out, the change applies to whatever is current.
     */
    @PutMapping("/api/v1/rules/{id}")
    Map<String, Object> update(
            @PathVariable String id, @RequestBody String body, Authentication user, HttpServletRequest request) {
        Rule current = store.get(id).orElseThrow(() -> notFound(id, null));
        Rule rule = read(body);
        if (!rule.id().equals(id)) {
            throw ApiProblem.badRequest("id: the body's id '" + rule.id() + "' is not the rule's, " + id);
        }
        Rule saved = save(rule, RuleYaml.sets(body, "version") ? rule.version() : current.version(), user);
        record("rule.update", user, request, saved, Map.of("version", saved.version()));
        return saved(saved);
    }

    @PostMapping("/api/v1/rules/{id}/enable")
    Map<String, Object> enable(@PathVariable String id, Authentication user, HttpServletRequest request) {
        return enabled(id, true, user, request);
    }

    @PostMapping("/api/v1/rules/{id}/disable")
    Map<String, Object> disable(@PathVariable String id, Authentication user, HttpServletRequest request) {
        return enabled(id, false, user, request);
    }

    @DeleteMapping("/api/v1/rules/{id}")
    Map<String, Object> delete(@PathVariable String id, Authentication user, HttpServletRequest request) {
        Rule rule = store.get(id).orElseThrow(() -> notFound(id, null));
        try {
            store.delete(id, user.getName(), clock.instant());
        } catch (RuleStore.ConflictException e) {
            throw new ApiProblem(HttpStatus.CONFLICT, e.getMessage());
        }
        record("rule.delete", user, request, rule, Map.of());
        return Map.of("id", id, "deleted", true);
    }

    /** Runs the rule at once on the detection service (the instance holding its lease), whatever its schedule. */
    @PostMapping("/api/v1/rules/{id}/run")
    ResponseEntity<Map<String, Object>> run(@PathVariable String id, Authentication user, HttpServletRequest request) {
        Rule rule = store.get(id).orElseThrow(() -> notFound(id, null));
        if (!rule.enabled()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Rule " + id + " is disabled: enable it to run it");
        }
        Instant at = clock.instant();
        try {
            states.requestRun(id, at);
        } catch (IllegalStateException e) {
            throw new ApiProblem(HttpStatus.CONFLICT, e.getMessage());
        }
        record("rule.run", user, request, rule, Map.of());
        return ResponseEntity.accepted().body(Map.of("id", id, "requested_at", at.toString()));
    }

    /** What a saved rule would raise over [from, to), without writing alerts. */
    @PostMapping("/api/v1/rules/{id}/preview")
    Map<String, Object> previewSaved(
            @PathVariable String id,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return preview(store.get(id).orElseThrow(() -> notFound(id, null)), from, to);
    }

    /** What the rule in the body would raise over [from, to), without saving it or writing alerts. */
    @PostMapping("/api/v1/rules/preview")
    Map<String, Object> previewBody(
            @RequestBody String body,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return preview(read(body), from, to);
    }

    /** The rules as one YAML stream: {@code ruleset=builtin}, {@code custom} or (default) all. */
    @GetMapping("/api/v1/rules/export")
    ResponseEntity<String> export(@RequestParam(defaultValue = "all") String ruleset) {
        if (!List.of("all", Rule.BUILTIN, Rule.CUSTOM).contains(ruleset)) {
            throw ApiProblem.badRequest("ruleset must be all, builtin or custom, got '" + ruleset + "'");
        }
        List<Rule> rules = store.rules().values().stream()
                .filter(r -> ruleset.equals("all") || r.ruleset().equals(ruleset))
                .toList();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(YAML))
                .header("Content-Disposition", "attachment; filename=\"agent7-rules-" + ruleset + ".yml\"")
                .body(RuleYaml.writeAll(rules));
    }

    /**
     * Saves every rule of a YAML stream: new ids are created, known ones updated (a new version)
     * unless unchanged. All are read and validated first: one bad rule, and none is saved.
     */
    @PostMapping("/api/v1/rules/import")
    Map<String, Object> importRules(@RequestBody String body, Authentication user, HttpServletRequest request) {
        checkSize(body);
        List<Rule> rules;
        try {
            rules = RuleYaml.readAll(body, Rule.CUSTOM);
            List<InvalidRuleException.Problem> problems = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                try {
                    validator.check(rules.get(i));
                } catch (InvalidRuleException e) {
                    for (InvalidRuleException.Problem p : e.problems()) {
                        problems.add(new InvalidRuleException.Problem("[" + i + "]." + p.field(), p.message()));
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidRuleException(problems);
            }
        } catch (InvalidRuleException e) {
            throw invalid(e);
        }
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (Rule rule : rules) {
            Rule current = store.get(rule.id()).orElse(null);
            if (current != null && sameBesidesVersion(current, rule)) {
                unchanged.add(rule.id());
                continue;
            }
            Rule saved = save(rule, current == null ? 0 : current.version(), user);
            (current == null ? created : updated).add(saved.id());
        }
        record("rule.import", user, request, null, Map.of("created", created, "updated", updated));
        return Map.of("created", created, "updated", updated, "unchanged", unchanged);
    }

    private Map<String, Object> enabled(String id, boolean on, Authentication user, HttpServletRequest request) {
        Rule rule = store.get(id).orElseThrow(() -> notFound(id, null));
        if (rule.enabled() == on) {
            return saved(rule);
        }
        Rule saved;
        try {
            saved = store.setEnabled(id, on, user.getName(), clock.instant());
        } catch (RuleStore.ConflictException e) {
            throw new ApiProblem(HttpStatus.CONFLICT, e.getMessage());
        }
        record(on ? "rule.enable" : "rule.disable", user, request, saved, Map.of("version", saved.version()));
        return saved(saved);
    }

    private Map<String, Object> preview(Rule rule, String fromText, String toText) {
        Instant now = clock.instant();
        Instant to = instant("to", toText, now);
        Instant from = instant("from", fromText, to.minus(Duration.ofDays(1)));
        if (!from.isBefore(to)) {
            throw ApiProblem.badRequest("from (" + from + ") must be before to (" + to + ")");
        }
        if (Duration.between(from, to).compareTo(MAX_PREVIEW) > 0) {
            throw ApiProblem.badRequest("a preview covers at most 31 days; from and to are further apart");
        }
        try {
            validator.check(rule);
        } catch (InvalidRuleException e) {
            throw invalid(e);
        }
        Window window = new Window(from, to);
        RuleSearches.Result result;
        try {
            result = searches.find(rule, window, now);
        } catch (QueryException e) {
            throw ApiProblem.badRequest("query.text: " + e.getMessage());
        }
        List<Object> findings = new ArrayList<>();
        for (Finding f : result.findings()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("alert_id", f.alertId());
            out.put("source_type", f.sourceType());
            out.put("source_id", f.sourceId());
            out.put("reason", f.reason());
            out.put("count", f.count());
            if (!f.groupFields().isEmpty()) {
                out.put("group_fields", f.groupFields());
                out.put("group_values", f.groupValues());
            }
            out.put(
                    "first_match",
                    f.firstMatch() == null ? null : f.firstMatch().toString());
            out.put("source", f.source());
            findings.add(out);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rule", rule.id());
        body.put("window", Map.of("from", from.toString(), "to", to.toString()));
        body.put("hits", result.hits());
        body.put("truncated", result.truncated());
        body.put("alerts", findings);
        return body;
    }

    private Rule read(String body) {
        checkSize(body);
        try {
            Rule rule = RuleYaml.read(body, Rule.CUSTOM);
            validator.check(rule);
            return rule;
        } catch (InvalidRuleException e) {
            throw invalid(e);
        }
    }

    private Rule save(Rule rule, int expectedVersion, Authentication user) {
        try {
            return store.save(rule, expectedVersion, user.getName(), clock.instant());
        } catch (RuleStore.ConflictException e) {
            throw new ApiProblem(HttpStatus.CONFLICT, e.getMessage());
        }
    }

    private static void checkSize(String body) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest("The body is empty: send a rule as YAML or JSON");
        }
        if (body.length() > MAX_BODY) {
            throw ApiProblem.badRequest("The body is over " + MAX_BODY + " characters");
        }
    }

    private static boolean sameBesidesVersion(Rule a, Rule b) {
        return a.withVersion(1).withRuleset(Rule.CUSTOM).equals(b.withVersion(1).withRuleset(Rule.CUSTOM));
    }

    private static ApiProblem invalid(InvalidRuleException e) {
        List<ApiProblem.Error> errors = e.problems().stream()
                .map(p -> new ApiProblem.Error(null, p.field().isEmpty() ? null : p.field(), p.message()))
                .toList();
        return new ApiProblem(HttpStatus.BAD_REQUEST, "The rule is invalid: " + e.getMessage(), errors);
    }

    private static ApiProblem notFound(String id, Integer version) {
        return new ApiProblem(
                HttpStatus.NOT_FOUND, "No rule '" + id + "'" + (version == null ? "" : " at version " + version));
    }

    private static Instant instant(String name, String text, Instant otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(
                    name + " must be an ISO-8601 time such as 2026-12-01T00:00:00Z, got '" + text + "'");
        }
    }

    private static Map<String, Object> saved(Rule rule) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rule", RuleYaml.tree(rule));
        body.put("ruleset", rule.ruleset());
        return body;
    }

    private static Map<String, Object> state(RuleState state) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (state == null) {
            out.put("last_run_at", null);
            return out;
        }
        out.put("last_run_at", string(state.lastRunAt()));
        out.put("checkpoint", string(state.checkpoint()));
        out.put("failures", state.failures());
        out.put("flagged", state.flagged());
        out.put("last_error", state.lastError());
        out.put("owner", state.owner());
        return out;
    }

    private static String string(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private void record(
            String action, Authentication user, HttpServletRequest request, Rule rule, Map<String, ?> details) {
        audit.record(new AuditEvent(
                action,
                true,
                user.getName(),
                Actors.roles(user),
                request.getRemoteAddr(),
                rule == null ? null : rule.id(),
                null,
                details));
    }
}
