package io.agent7.rules;

import io.agent7.query.Expr;
import io.agent7.query.QueryException;
import io.agent7.query.bind.Binder;
import io.agent7.query.dsl.FilterDsl;
import io.agent7.query.lucene.LuceneSyntax;
import io.agent7.schema.DataType;
import io.agent7.schema.Field;
import io.agent7.schema.FieldType;
import io.agent7.schema.Schema;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks what a rule means: its types exist, its query compiles for each of them (the query
 * language's own errors, with their position), grouping fields exist and can be grouped on,
 * intervals and limits are sane, notification targets are http(s) URLs or addresses. The
 * API calls it before saving anything; the engine before running a rule.
 */
public final class RuleValidator {

    public static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
    public static final Duration MAX_OVERLAP = Duration.ofHours(24);
    public static final int MAX_GROUP_FIELDS = 3;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final Schema schema;
    private final Clock clock;

    public RuleValidator(Schema schema, Clock clock) {
        this.schema = schema;
        this.clock = clock;
    }

    /** @throws InvalidRuleException with every problem found */
    public void check(Rule rule) {
        List<InvalidRuleException.Problem> problems = new ArrayList<>();
        if (rule.interval().compareTo(MIN_INTERVAL) < 0) {
            problems.add(problem("interval", Durations.format(rule.interval()) + " is under the minimum of 10s"));
        }
        if (rule.overlap().compareTo(MAX_OVERLAP) > 0) {
            problems.add(problem("overlap", Durations.format(rule.overlap()) + " is over the maximum of 24h"));
        }
        List<DataType> types = new ArrayList<>();
        if (rule.query() != null) {
            for (String name : rule.query().types()) {
                Optional<DataType> type = schema.find(name);
                if (type.isEmpty() || schema.serverTypes().contains(type.get())) {
                    problems.add(problem("query.types", "'" + name + "' is not a data type agents collect"));
                } else {
                    types.add(type.get());
                }
            }
            if (problems.isEmpty()) {
                for (DataType type : types) {
                    compile(rule.query(), type, problems);
                }
            }
        }
        switch (rule.type()) {
            case THRESHOLD -> {
                oneType(rule, problems);
                fields("threshold.group_by", rule.threshold().groupBy(), types, true, problems);
            }
            case NEW_TERMS -> {
                oneType(rule, problems);
                fields("new_terms.fields", rule.newTerms().fields(), types, false, problems);
                if (rule.newTerms().history().compareTo(rule.interval()) < 0
                        || rule.newTerms().history().compareTo(Duration.ofDays(366)) > 0) {
                    problems.add(problem("new_terms.history", "must be between the interval and 366d"));
                }
            }
            case ABSENCE -> {
                if (rule.absence().silentFor().compareTo(Duration.ofMinutes(1)) < 0) {
                    problems.add(problem("absence.silent_for", "must be at least 1m"));
                }
                if (rule.query() != null
                        && (rule.query().types().size() != 1
                                || !"host"
                                        .equals(schema.find(rule.query().types().get(0))
                                                .map(DataType::name)
                                                .orElse("")))) {
                    problems.add(problem("query.types", "an absence rule's query picks hosts: its type is host"));
                }
            }
            default -> {}
        }
        if (rule.suppression() != null) {
            if (rule.type() != Rule.Type.QUERY) {
                problems.add(problem("suppression", "only query rules are suppressed; the others group already"));
            } else {
                fields("suppression.group_by", rule.suppression().groupBy(), types, false, problems);
                if (rule.suppression().window().compareTo(rule.interval()) < 0) {
                    problems.add(problem("suppression.window", "must be at least the interval"));
                }
            }
        }
        for (int i = 0; i < rule.notifications().size(); i++) {
            Rule.Notify n = rule.notifications().get(i);
            String at = "notify[" + i + "]." + n.kind().yaml();
            if (n.kind() == Rule.Notify.Kind.EMAIL) {
                if (!EMAIL.matcher(n.address()).matches()) {
                    problems.add(problem(at, "'" + n.address() + "' is not an email address"));
                }
            } else if (!httpUrl(n.address())) {
                problems.add(problem(at, "'" + n.address() + "' is not an http or https URL"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRuleException(problems);
        }
    }

    /** The rule's query as the query language reads it; the rule must have passed {@link #check}. */
    public static Expr parse(Rule.Query query) {
        if (query.text().isBlank()) {
            return new Expr.And(List.of());
        }
        return Rule.Query.LUCENE.equals(query.language())
                ? LuceneSyntax.parse(query.text())
                : FilterDsl.parse(query.text(), "query.text");
    }

    private void compile(Rule.Query query, DataType type, List<InvalidRuleException.Problem> problems) {
        try {
            new Binder(schema, clock).bind(parse(query), type, "query.text");
        } catch (QueryException e) {
            String where = e.span().known()
                    ? " (at " + e.span().start() + "-" + e.span().end() + ")"
                    : "";
            String more = e.suggestions().isEmpty() ? "" : "; did you mean " + String.join(", ", e.suggestions());
            String on = query.types().size() > 1 ? " [type " + type.name() + "]" : "";
            problems.add(problem("query.text", e.getMessage() + where + more + on));
        }
    }

    private static void oneType(Rule rule, List<InvalidRuleException.Problem> problems) {
        if (rule.query() != null && rule.query().types().size() != 1) {
            problems.add(problem("query.types", "a " + rule.type().yaml() + " rule searches exactly one type"));
        }
    }

    private static void fields(
            String at,
            List<String> names,
            List<DataType> types,
            boolean mayBeEmpty,
            List<InvalidRuleException.Problem> problems) {
        if (names.size() > MAX_GROUP_FIELDS) {
            problems.add(problem(at, names.size() + " fields; at most " + MAX_GROUP_FIELDS));
        }
        if (names.isEmpty() && !mayBeEmpty) {
            problems.add(problem(at, "name at least one field"));
        }
        for (String name : names) {
            for (DataType type : types) {
                Field field = type.field(name);
                if (field != null && field.isAlias()) {
                    field = type.field(field.aliasOf());
                }
                if (field == null) {
                    problems.add(problem(at, "'" + name + "' is not a field of " + type.name()));
                } else if (!groupable(field.type()) || type.insideNested(field)) {
                    problems.add(problem(
                            at,
                            "'" + name + "' of " + type.name() + " is a "
                                    + field.type().mappingName()
                                    + " field: group on keyword, number, date, ip or boolean"));
                }
            }
        }
    }

    private static boolean groupable(FieldType type) {
        return switch (type) {
            case KEYWORD, LONG, INTEGER, SHORT, BYTE, DOUBLE, FLOAT, DATE, IP, BOOLEAN -> true;
            default -> false;
        };
    }

    static boolean httpUrl(String address) {
        try {
            URI uri = new URI(address);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static InvalidRuleException.Problem problem(String field, String message) {
        return new InvalidRuleException.Problem(field, message);
    }
}
