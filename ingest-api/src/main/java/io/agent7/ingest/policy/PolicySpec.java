package io.agent7.ingest.policy;

import io.agent7.schema.Schema;
import io.agent7.server.web.ApiProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a {@link Policy}, as admins write it and agents receive it:
 * <pre>{
 *   "checkin": {"min": "20s", "max": "60s"},
 *   "full_snapshot_interval": "24h",
 *   "collectors": {"process": {"enabled": true, "interval": "5m", "time_budget": "30s"}, ...},
 *   "registry_keys": ["HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run"]
 * }</pre>
 * Collectors left out keep their defaults. Every problem is reported at once.
 */
public final class PolicySpec {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(ms|s|m|h|d)");
    private static final Set<String> HIVES = Set.of(
            "HKLM",
            "HKEY_LOCAL_MACHINE",
            "HKU",
            "HKEY_USERS",
            "HKCU",
            "HKEY_CURRENT_USER",
            "HKCR",
            "HKEY_CLASSES_ROOT",
            "HKCC",
            "HKEY_CURRENT_CONFIG");
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
    private static final Duration MAX_INTERVAL = Duration.ofDays(7);
    private static final int MAX_REGISTRY_KEYS = 500;

    /** Defaults in the spirit of the original: sessions and sockets often, inventory daily, directory off. */
    static final Map<String, Policy.Collector> DEFAULT_COLLECTORS;

    static {
        Map<String, Policy.Collector> d = new TreeMap<>();
        Duration budget = Duration.ofSeconds(60);
        for (String type : List.of("logged_on_user", "network_connection", "system_metric")) {
            d.put(type, new Policy.Collector(true, Duration.ofMinutes(1), budget));
        }
        for (String type : List.of("process", "net_session")) {
            d.put(type, new Policy.Collector(true, Duration.ofMinutes(5), budget));
        }
        for (String type : List.of("service", "scheduled_task", "startup_item", "pipe", "disk")) {
            d.put(type, new Policy.Collector(true, Duration.ofMinutes(15), budget));
        }
        for (String type : List.of("local_user", "local_group", "share", "registry_value")) {
            d.put(type, new Policy.Collector(true, Duration.ofHours(1), budget));
        }
        d.put("printer", new Policy.Collector(true, Duration.ofHours(6), budget));
        for (String type : List.of("software", "update")) {
            d.put(type, new Policy.Collector(true, Duration.ofHours(24), Duration.ofMinutes(5)));
        }
        for (String type : List.of("ad_user", "ad_group", "ad_computer", "ad_domain", "gpo")) {
            d.put(type, new Policy.Collector(false, Duration.ofHours(1), Duration.ofMinutes(10)));
        }
        d.put("sysvol_file", new Policy.Collector(false, Duration.ofHours(6), Duration.ofMinutes(10)));
        DEFAULT_COLLECTORS = Map.copyOf(d);
    }

    private PolicySpec() {}

    /** The policy of a group nobody configured. */
    public static Policy defaults(String group) {
        return new Policy(
                group,
                0,
                Duration.ofSeconds(20),
                Duration.ofSeconds(60),
                DEFAULT_COLLECTORS,
                List.of(
                        "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run",
                        "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnce",
                        "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa",
                        "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon"),
                Duration.ofHours(24));
    }

    /**
     * Reads an admin's spec over the defaults.
     *
     * @throws ApiProblem 400 naming every field that is wrong
     */
    public static Policy parse(String group, long version, JsonNode spec) {
        List<ApiProblem.Error> errors = new ArrayList<>();
        if (spec == null || !spec.isObject()) {
            throw new ApiProblem(
                    org.springframework.http.HttpStatus.BAD_REQUEST, "A policy is a JSON object", List.of());
        }
        Policy base = defaults(group);
        for (Iterator<String> it = spec.propertyNames().iterator(); it.hasNext(); ) {
            String key = it.next();
            if (!Set.of("checkin", "full_snapshot_interval", "collectors", "registry_keys")
                    .contains(key)) {
                errors.add(new ApiProblem.Error(
                        null,
                        key,
                        "is not a policy setting; settings: checkin, "
                                + "full_snapshot_interval, collectors, registry_keys"));
            }
        }
        Duration min = duration(
                spec.path("checkin").path("min"),
                base.checkinMin(),
                "checkin.min",
                Duration.ofSeconds(5),
                Duration.ofHours(1),
                errors);
        Duration max = duration(
                spec.path("checkin").path("max"),
                base.checkinMax(),
                "checkin.max",
                Duration.ofSeconds(5),
                Duration.ofHours(1),
                errors);
        if (min.compareTo(max) > 0) {
            errors.add(new ApiProblem.Error(
                    null, "checkin", "min (" + min.toSeconds() + "s) is above max (" + max.toSeconds() + "s)"));
        }
        Duration full = duration(
                spec.path("full_snapshot_interval"),
                base.fullSnapshotInterval(),
                "full_snapshot_interval",
                Duration.ofMinutes(10),
                Duration.ofDays(7),
                errors);
        Map<String, Policy.Collector> collectors = new TreeMap<>(base.collectors());
        for (Map.Entry<String, JsonNode> entry : spec.path("collectors").properties()) {
            String type = entry.getKey();
            String field = "collectors." + type;
            if (!DEFAULT_COLLECTORS.containsKey(type)) {
                errors.add(new ApiProblem.Error(
                        null,
                        field,
                        "is not a collector; collectors: " + String.join(", ", DEFAULT_COLLECTORS.keySet())));
                continue;
            }
            Policy.Collector def = DEFAULT_COLLECTORS.get(type);
            JsonNode c = entry.getValue();
            if (!c.isObject()) {
                errors.add(new ApiProblem.Error(
                        null, field, "must be {\"enabled\": ..., \"interval\": ..., \"time_budget\": ...}"));
                continue;
            }
            for (String key : c.propertyNames()) {
                if (!Set.of("enabled", "interval", "time_budget").contains(key)) {
                    errors.add(new ApiProblem.Error(
                            null,
                            field + "." + key,
                            "is not a collector setting; settings: enabled, interval, time_budget"));
                }
            }
            boolean enabled = def.enabled();
            if (c.has("enabled")) {
                if (!c.path("enabled").isBoolean()) {
                    errors.add(new ApiProblem.Error(null, field + ".enabled", "must be true or false"));
                } else {
                    enabled = c.path("enabled").asBoolean();
                }
            }
            collectors.put(
                    type,
                    new Policy.Collector(
                            enabled,
                            duration(
                                    c.path("interval"),
                                    def.interval(),
                                    field + ".interval",
                                    MIN_INTERVAL,
                                    MAX_INTERVAL,
                                    errors),
                            duration(
                                    c.path("time_budget"),
                                    def.timeBudget(),
                                    field + ".time_budget",
                                    Duration.ofSeconds(1),
                                    Duration.ofHours(1),
                                    errors)));
        }
        List<String> keys = base.registryKeys();
        if (spec.has("registry_keys")) {
            keys = new ArrayList<>();
            JsonNode list = spec.path("registry_keys");
            if (!list.isArray()) {
                errors.add(new ApiProblem.Error(null, "registry_keys", "must be a list of key paths"));
            } else if (list.size() > MAX_REGISTRY_KEYS) {
                errors.add(new ApiProblem.Error(
                        null, "registry_keys", "holds " + list.size() + " keys; the limit is " + MAX_REGISTRY_KEYS));
            } else {
                int i = 0;
                for (JsonNode key : list) {
                    String text = key.asString("");
                    String hive = text.contains("\\") ? text.substring(0, text.indexOf('\\')) : text;
                    if (!key.isString() || !HIVES.contains(hive.toUpperCase(Locale.ROOT)) || text.length() > 1024) {
                        errors.add(new ApiProblem.Error(
                                null,
                                "registry_keys[" + i + "]",
                                "must be a key path starting with a hive "
                                        + "(HKLM, HKU, HKCU, HKCR, HKCC), e.g. HKLM\\SOFTWARE\\Microsoft; got '" + text
                                        + "'"));
                    } else {
                        keys.add(text);
                    }
                    i++;
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(
                    org.springframework.http.HttpStatus.BAD_REQUEST,
                    "The policy for group '" + group + "' is not valid; nothing was changed",
                    errors);
        }
        return new Policy(group, version, min, max, collectors, keys, full);
    }

    /** The JSON agents receive and admins read back. */
    public static ObjectNode toJson(Policy policy) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("group", policy.group());
        out.put("version", policy.version());
        out.putObject("checkin").put("min", format(policy.checkinMin())).put("max", format(policy.checkinMax()));
        out.put("full_snapshot_interval", format(policy.fullSnapshotInterval()));
        ObjectNode collectors = out.putObject("collectors");
        new TreeMap<>(policy.collectors())
                .forEach((type, c) -> collectors
                        .putObject(type)
                        .put("enabled", c.enabled())
                        .put("interval", format(c.interval()))
                        .put("time_budget", format(c.timeBudget())));
        var keys = out.putArray("registry_keys");
        policy.registryKeys().forEach(keys::add);
        return out;
    }

    /** Only the parts an admin may write: what {@link #parse} reads back to the same policy. */
    public static ObjectNode specOf(Policy policy) {
        ObjectNode spec = toJson(policy);
        spec.remove("group");
        spec.remove("version");
        return spec;
    }

    static Duration duration(
            JsonNode value,
            Duration fallback,
            String field,
            Duration min,
            Duration max,
            List<ApiProblem.Error> errors) {
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value.asString(""));
        if (!value.isString() || !m.matches()) {
            errors.add(new ApiProblem.Error(null, field, "must be a duration such as 30s, 5m, 1h or 1d; got " + value));
            return fallback;
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            errors.add(new ApiProblem.Error(
                    null,
                    field,
                    "must be between " + format(min) + " and " + format(max) + "; got " + value.asString()));
            return fallback;
        }
        return d;
    }

    /** A duration as these settings are written: {@code 250ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}. */
    public static String format(Duration d) {
        long s = d.toSeconds();
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /** Collector types the agent may be asked to run: the schema's collected types. */
    public static boolean isCollector(String type) {
        return type != null
                && DEFAULT_COLLECTORS.containsKey(type)
                && Schema.standard().find(type).isPresent();
    }

    public static java.util.Set<String> collectorTypes() {
        return new java.util.TreeSet<>(DEFAULT_COLLECTORS.keySet());
    }
}
