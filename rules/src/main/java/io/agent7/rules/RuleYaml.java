package io.agent7.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The rule format: a YAML document (the built-in pack's files, what the API stores and
 * exports) or the same as JSON (what the API takes). Reading collects every problem of shape
 * (unknown fields, wrong kinds of value, missing ones) before giving up, each with the path
 * of the field; what a rule means against the schema is {@link RuleValidator}'s to check.
 *
 * <pre>
 * id: startup-item-in-temp-folder
 * name: Startup item runs from a temporary folder
 * severity: high            # low, medium, high, critical
 * risk_score: 73            # 0 to 100
 * threat:
 *   - tactic: {id: TA0003, name: Persistence}
 *     techniques: [{id: T1547.001, name: Registry Run Keys / Startup Folder}]
 * interval: 5m              # at least 10s; default 5m
 * overlap: 1m               # default 1m
 * type: query               # query, threshold, new_terms, absence
 * query:
 *   types: [startup_item]
 *   language: dsl           # dsl or lucene
 *   text: process.executable,like,*\Temp\*
 * </pre>
 */
public final class RuleYaml {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{2,99}");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private static final Set<String> TOP = Set.of(
            "id",
            "version",
            "name",
            "description",
            "severity",
            "risk_score",
            "author",
            "references",
            "false_positives",
            "tags",
            "threat",
            "enabled",
            "interval",
            "overlap",
            "max_alerts",
            "type",
            "query",
            "threshold",
            "new_terms",
            "absence",
            "suppression",
            "notify");

    private RuleYaml() {}

    /**
     * Reads a rule from YAML (or JSON, which YAML includes).
     *
     * @param ruleset builtin or custom: where the rule came from
     * @throws InvalidRuleException with every problem found
     */
    public static Rule read(String text, String ruleset) {
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidRuleException("", "not valid YAML: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidRuleException("", "a rule is a YAML mapping of fields (id, name, type, ...)");
        }
        return read((ObjectNode) tree, ruleset);
    }

    /**
     * Reads a stream of rules, YAML documents separated by {@code ---} (what export writes).
     * Every rule's problems are reported, each field prefixed by the rule's place, e.g.
     * {@code [2].interval}.
     *
     * @throws InvalidRuleException when any rule is invalid: then none is returned
     */
    public static List<Rule> readAll(String text, String ruleset) {
        List<Rule> rules = new ArrayList<>();
        List<InvalidRuleException.Problem> problems = new ArrayList<>();
        List<JsonNode> trees = new ArrayList<>();
        try (var documents = YAML.readValues(YAML.createParser(text), JsonNode.class)) {
            while (documents.hasNextValue()) {
                trees.add(documents.nextValue());
            }
        } catch (JacksonException e) {
            throw new InvalidRuleException("", "not valid YAML: " + e.getOriginalMessage());
        }
        for (int i = 0; i < trees.size(); i++) {
            JsonNode tree = trees.get(i);
            if (tree == null || tree.isNull() || tree.isMissingNode()) {
                continue; // an empty document, e.g. after a trailing ---
            }
            try {
                if (!tree.isObject()) {
                    throw new InvalidRuleException("", "a rule is a YAML mapping of fields (id, name, type, ...)");
                }
                rules.add(read((ObjectNode) tree, ruleset));
            } catch (InvalidRuleException e) {
                for (InvalidRuleException.Problem p : e.problems()) {
                    problems.add(new InvalidRuleException.Problem(
                            "[" + i + "]" + (p.field().isEmpty() ? "" : "." + p.field()), p.message()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRuleException(problems);
        }
        return rules;
    }

    /** Rules as one YAML stream, each its own document. */
    public static String writeAll(List<Rule> rules) {
        StringBuilder out = new StringBuilder();
        for (Rule rule : rules) {
            String yaml = write(rule);
            out.append(yaml.startsWith("---") ? yaml : "---\n" + yaml);
        }
        return out.toString();
    }

    /** Whether the rule text (valid, as {@link #read} accepted it) sets {@code field} at its top. */
    public static boolean sets(String text, String field) {
        JsonNode tree = YAML.readTree(text);
        return tree != null && tree.has(field) && !tree.get(field).isNull();
    }

    /** Reads a rule from its tree. */
    public static Rule read(ObjectNode tree, String ruleset) {
        Fields f = new Fields("", tree, TOP);
        String id = f.text("id", true);
        if (id != null && !ID.matcher(id).matches()) {
            f.problem(
                    "id", "'" + id + "' must be 3 to 100 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }
        int version = (int) f.number("version", 1, 1, Integer.MAX_VALUE);
        String name = f.text("name", true);
        String description = f.text("description", false);
        Rule.Severity severity = f.choice("severity", Rule.Severity.class, true);
        int riskScore = (int) f.number("risk_score", severity == null ? 50 : severity.number(), 0, 100);
        String author = f.text("author", false);
        List<String> references = f.texts("references");
        List<String> falsePositives = f.texts("false_positives");
        List<String> tags = f.texts("tags");
        List<Rule.Threat> threat = threat(f);
        boolean enabled = f.bool("enabled", true);
        Duration interval = f.duration("interval", Rule.DEFAULT_INTERVAL);
        Duration overlap = f.duration("overlap", Rule.DEFAULT_OVERLAP);
        int maxAlerts = (int) f.number("max_alerts", Rule.DEFAULT_MAX_ALERTS, 1, 10_000);
        String typeName = f.text("type", true);
        Rule.Type type = null;
        if (typeName != null) {
            for (Rule.Type t : Rule.Type.values()) {
                if (t.yaml().equals(typeName)) {
                    type = t;
                }
            }
            if (type == null) {
                f.problem("type", "'" + typeName + "' is not a rule type: query, threshold, new_terms or absence");
            }
        }
        Rule.Query query = query(f, type != null && type != Rule.Type.ABSENCE);
        Rule.Threshold threshold = null;
        Rule.NewTerms newTerms = null;
        Rule.Absence absence = null;
        for (Rule.Type other : Rule.Type.values()) {
            if (other != Rule.Type.QUERY && other != type && tree.has(other.yaml())) {
                f.problem(other.yaml(), "only a " + other.yaml() + " rule has it; this one is a " + typeName);
            }
        }
        if (type == Rule.Type.THRESHOLD) {
            Fields t = f.object("threshold", Set.of("group_by", "count"), true);
            if (t != null) {
                threshold = new Rule.Threshold(t.texts("group_by"), t.number("count", -1, 1, Long.MAX_VALUE));
                t.require("count");
                t.unknown();
            }
        } else if (type == Rule.Type.NEW_TERMS) {
            Fields t = f.object("new_terms", Set.of("fields", "history"), true);
            if (t != null) {
                newTerms = new Rule.NewTerms(t.texts("fields"), t.duration("history", Duration.ofDays(30)));
                t.require("fields");
                t.unknown();
            }
        } else if (type == Rule.Type.ABSENCE) {
            Fields t = f.object("absence", Set.of("silent_for"), true);
            if (t != null) {
                absence = new Rule.Absence(t.duration("silent_for", null));
                t.require("silent_for");
                t.unknown();
            }
        }
        Rule.Suppression suppression = null;
        Fields s = f.object("suppression", Set.of("group_by", "window"), false);
        if (s != null) {
            suppression = new Rule.Suppression(s.texts("group_by"), s.duration("window", Duration.ofHours(1)));
            s.require("group_by");
            s.unknown();
        }
        List<Rule.Notify> notify = notify(f);
        f.unknown();
        if (!f.problems.isEmpty()) {
            throw new InvalidRuleException(f.problems);
        }
        return new Rule(
                id,
                version,
                name,
                description == null ? "" : description,
                severity,
                riskScore,
                author == null ? "" : author,
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
                notify,
                ruleset);
    }

    private static Rule.Query query(Fields f, boolean required) {
        Fields q = f.object("query", Set.of("types", "language", "text"), required);
        if (q == null) {
            return null;
        }
        List<String> types = q.texts("types");
        if (types.isEmpty()) {
            q.problem("types", "name at least one data type, e.g. [scheduled_task]");
        }
        String language = q.text("language", false);
        if (language == null) {
            language = Rule.Query.DSL;
        } else if (!language.equals(Rule.Query.DSL) && !language.equals(Rule.Query.LUCENE)) {
            q.problem("language", "'" + language + "' is not a query language: dsl or lucene");
        }
        String text = q.text("text", false);
        q.unknown();
        return new Rule.Query(types, language, text == null ? "" : text);
    }

    private static List<Rule.Threat> threat(Fields f) {
        List<Rule.Threat> threat = new ArrayList<>();
        List<Fields> entries = f.objects("threat", Set.of("tactic", "techniques"));
        for (Fields entry : entries) {
            Fields tactic = entry.object("tactic", Set.of("id", "name"), true);
            List<Rule.Technique> techniques = new ArrayList<>();
            for (Fields technique : entry.objects("techniques", Set.of("id", "name"))) {
                String id = technique.text("id", true);
                if (id != null && !id.matches("T\\d{4}(\\.\\d{3})?")) {
                    technique.problem("id", "'" + id + "' is not an ATT&CK technique id like T1053 or T1053.005");
                }
                techniques.add(new Rule.Technique(id, technique.text("name", true)));
                technique.unknown();
            }
            if (tactic != null) {
                String id = tactic.text("id", true);
                if (id != null && !id.matches("TA\\d{4}")) {
                    tactic.problem("id", "'" + id + "' is not an ATT&CK tactic id like TA0003");
                }
                threat.add(new Rule.Threat(id, tactic.text("name", true), techniques));
                tactic.unknown();
            }
            entry.unknown();
        }
        return threat;
    }

    private static List<Rule.Notify> notify(Fields f) {
        List<Rule.Notify> notify = new ArrayList<>();
        Set<String> kinds = new LinkedHashSet<>();
        for (Rule.Notify.Kind kind : Rule.Notify.Kind.values()) {
            kinds.add(kind.yaml());
        }
        for (Fields entry : f.objects("notify", kinds)) {
            if (entry.node.size() != 1) {
                entry.problem("", "each entry names one target: webhook, slack, teams or email");
                continue;
            }
            String kind = entry.node.propertyNames().iterator().next();
            String address = entry.text(kind, true);
            entry.unknown();
            if (address != null && kinds.contains(kind)) {
                notify.add(new Rule.Notify(Rule.Notify.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), address));
            }
        }
        return notify;
    }

    /** The rule as YAML, in the order a person reads it; {@link #read} gives it back equal. */
    public static String write(Rule rule) {
        return YAML.writeValueAsString(tree(rule));
    }

    /** The rule as a tree: the API's JSON and the YAML file are both this. */
    public static ObjectNode tree(Rule rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rule.id());
        m.put("version", rule.version());
        m.put("name", rule.name());
        if (!rule.description().isEmpty()) {
            m.put("description", rule.description());
        }
        m.put("severity", rule.severity().yaml());
        m.put("risk_score", rule.riskScore());
        if (!rule.author().isEmpty()) {
            m.put("author", rule.author());
        }
        putList(m, "references", rule.references());
        putList(m, "false_positives", rule.falsePositives());
        putList(m, "tags", rule.tags());
        if (!rule.threat().isEmpty()) {
            List<Object> threat = new ArrayList<>();
            for (Rule.Threat t : rule.threat()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("tactic", Map.of("id", t.tacticId(), "name", t.tacticName()));
                List<Object> techniques = new ArrayList<>();
                for (Rule.Technique technique : t.techniques()) {
                    Map<String, Object> tm = new LinkedHashMap<>();
                    tm.put("id", technique.id());
                    tm.put("name", technique.name());
                    techniques.add(tm);
                }
                entry.put("techniques", techniques);
                threat.add(entry);
            }
            m.put("threat", threat);
        }
        m.put("enabled", rule.enabled());
        m.put("interval", Durations.format(rule.interval()));
        m.put("overlap", Durations.format(rule.overlap()));
        m.put("max_alerts", rule.maxAlerts());
        m.put("type", rule.type().yaml());
        if (rule.query() != null) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("types", rule.query().types());
            q.put("language", rule.query().language());
            q.put("text", rule.query().text());
            m.put("query", q);
        }
        if (rule.threshold() != null) {
            m.put(
                    "threshold",
                    Map.of(
                            "group_by",
                            rule.threshold().groupBy(),
                            "count",
                            rule.threshold().count()));
        }
        if (rule.newTerms() != null) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("fields", rule.newTerms().fields());
            n.put("history", Durations.format(rule.newTerms().history()));
            m.put("new_terms", n);
        }
        if (rule.absence() != null) {
            m.put(
                    "absence",
                    Map.of("silent_for", Durations.format(rule.absence().silentFor())));
        }
        if (rule.suppression() != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("group_by", rule.suppression().groupBy());
            s.put("window", Durations.format(rule.suppression().window()));
            m.put("suppression", s);
        }
        if (!rule.notifications().isEmpty()) {
            m.put(
                    "notify",
                    rule.notifications().stream()
                            .map(n -> Map.of(n.kind().yaml(), n.address()))
                            .toList());
        }
        return YAML.valueToTree(m);
    }

    private static void putList(Map<String, Object> m, String name, List<String> values) {
        if (!values.isEmpty()) {
            m.put(name, values);
        }
    }

    /** One mapping of the document, read field by field; what is left unread is unknown. */
    private static final class Fields {
        final String path;
        final ObjectNode node;
        final Set<String> allowed;
        final Set<String> read = new LinkedHashSet<>();
        final List<InvalidRuleException.Problem> problems;

        Fields(String path, ObjectNode node, Set<String> allowed) {
            this(path, node, allowed, new ArrayList<>());
        }

        private Fields(String path, ObjectNode node, Set<String> allowed, List<InvalidRuleException.Problem> problems) {
            this.path = path;
            this.node = node;
            this.allowed = allowed;
            this.problems = problems;
        }

        String at(String name) {
            return path.isEmpty() ? name : name.isEmpty() ? path : path + "." + name;
        }

        void problem(String name, String message) {
            problems.add(new InvalidRuleException.Problem(at(name), message));
        }

        JsonNode get(String name) {
            read.add(name);
            JsonNode value = node.get(name);
            return value == null || value.isNull() ? null : value;
        }

        void require(String name) {
            if (node.get(name) == null || node.get(name).isNull()) {
                problem(name, "is required");
            }
        }

        String text(String name, boolean required) {
            JsonNode value = get(name);
            if (value == null) {
                if (required) {
                    problem(name, "is required");
                }
                return null;
            }
            if (!value.isValueNode() || value.isBoolean()) {
                problem(name, "must be text");
                return null;
            }
            String text = value.asString().strip();
            if (required && text.isEmpty()) {
                problem(name, "must not be empty");
            }
            return text;
        }

        long number(String name, long otherwise, long min, long max) {
            JsonNode value = get(name);
            if (value == null) {
                return otherwise;
            }
            if (!value.isIntegralNumber()) {
                problem(name, "must be a whole number");
                return otherwise;
            }
            long n = value.asLong();
            if (n < min || n > max) {
                problem(name, n + " is out of range: " + min + " to " + (max == Long.MAX_VALUE ? "any" : max));
            }
            return n;
        }

        boolean bool(String name, boolean otherwise) {
            JsonNode value = get(name);
            if (value == null) {
                return otherwise;
            }
            if (!value.isBoolean()) {
                problem(name, "must be true or false");
                return otherwise;
            }
            return value.asBoolean();
        }

        Duration duration(String name, Duration otherwise) {
            String text = text(name, false);
            if (text == null) {
                return otherwise;
            }
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                problem(name, e.getMessage());
                return otherwise;
            }
        }

        <E extends Enum<E>> E choice(String name, Class<E> kind, boolean required) {
            String text = text(name, required);
            if (text == null) {
                return null;
            }
            for (E e : kind.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(text)) {
                    return e;
                }
            }
            List<String> names = new ArrayList<>();
            for (E e : kind.getEnumConstants()) {
                names.add(e.name().toLowerCase(Locale.ROOT));
            }
            problem(name, "'" + text + "' is not one of " + String.join(", ", names));
            return null;
        }

        List<String> texts(String name) {
            JsonNode value = get(name);
            List<String> texts = new ArrayList<>();
            if (value == null) {
                return texts;
            }
            if (value.isValueNode() && !value.isBoolean()) {
                texts.add(value.asString().strip());
                return texts;
            }
            if (!value.isArray()) {
                problem(name, "must be a list of text");
                return texts;
            }
            for (JsonNode item : (ArrayNode) value) {
                if (!item.isValueNode() || item.isNull() || item.isBoolean()) {
                    problem(name, "must be a list of text");
                    return List.of();
                }
                texts.add(item.asString().strip());
            }
            return texts;
        }

        Fields object(String name, Set<String> fields, boolean required) {
            JsonNode value = get(name);
            if (value == null) {
                if (required) {
                    problem(name, "is required");
                }
                return null;
            }
            if (!value.isObject()) {
                problem(name, "must be a mapping of " + String.join(", ", fields));
                return null;
            }
            Fields child = new Fields(at(name), (ObjectNode) value, fields, problems);
            return child;
        }

        List<Fields> objects(String name, Set<String> fields) {
            JsonNode value = get(name);
            List<Fields> list = new ArrayList<>();
            if (value == null) {
                return list;
            }
            if (!value.isArray()) {
                problem(name, "must be a list");
                return list;
            }
            int i = 0;
            for (JsonNode item : (ArrayNode) value) {
                String at = at(name) + "[" + i++ + "]";
                if (!item.isObject()) {
                    problems.add(new InvalidRuleException.Problem(at, "must be a mapping"));
                    continue;
                }
                list.add(new Fields(at, (ObjectNode) item, fields, problems));
            }
            return list;
        }

        /** Reports the fields of this mapping that are not the format's. */
        void unknown() {
            for (String name : node.propertyNames()) {
                if (!allowed.contains(name)) {
                    problem(
                            name,
                            "unknown field; expected one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
                }
            }
        }
    }
}
