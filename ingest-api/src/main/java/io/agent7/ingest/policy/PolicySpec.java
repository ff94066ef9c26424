package io.agent7.ingest.policy;

import io.agent7.protocol.Durations;
import io.agent7.protocol.Policy;
import io.agent7.protocol.ProtocolCodec;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link Policy} as admins write it: the shape of the check-in answer's policy without
 * {@code group} and {@code version},
 * <pre>{
 *   "checkin": {"min": "20s", "max": "60s"},
 *   "full_snapshot_interval": "24h",
 *   "collectors": {"process": {"enabled": true, "interval": "5m", "time_budget": "30s"}, ...},
 *   "registry_keys": ["HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run"]
 * }</pre>
 * Collectors left out keep their defaults. Every problem is reported at once.
 *
 * <p>The collectors a policy schedules are the schema's collected types; each has a default
 * schedule here, and a type added to the schema without one stops the service at start.
 */
public final class PolicySpec {

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
    private static final Set<String> SETTINGS =
            Set.of("checkin", "full_snapshot_interval", "collectors", "registry_keys");
    private static final Set<String> COLLECTOR_SETTINGS = Set.of("enabled", "interval", "time_budget");
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
    private static final Duration MAX_INTERVAL = Duration.ofDays(7);
    private static final int MAX_REGISTRY_KEYS = 500;

    /**
     * How often each collected type runs unless a policy says otherwise, in the spirit of the
     * original: sessions and sockets often, inventory daily, directory off (it needs an agent
     * on a domain controller, which a policy turns on).
     */
    private static final Map<String, Policy.Schedule> DEFAULT_SCHEDULES = defaultSchedules();

    /** The default schedule of every type of the schema that agents collect. */
    static final Map<String, Policy.Schedule> DEFAULT_COLLECTORS = collectors(Schema.standard(), DEFAULT_SCHEDULES);

    private static Map<String, Policy.Schedule> defaultSchedules() {
        Map<String, Policy.Schedule> d = new TreeMap<>();
        Duration budget = Policy.Schedule.DEFAULT_TIME_BUDGET;
        for (String type : List.of("logged_on_user", "network_connection", "system_metric")) {
            d.put(type, new Policy.Schedule(true, Duration.ofMinutes(1), budget));
        }
        for (String type : List.of("process", "net_session")) {
            d.put(type, new Policy.Schedule(true, Duration.ofMinutes(5), budget));
        }
        for (String type : List.of("service", "scheduled_task", "startup_item", "pipe", "disk")) {
            d.put(type, new Policy.Schedule(true, Duration.ofMinutes(15), budget));
        }
        for (String type : List.of("local_user", "local_group", "share", "registry_value")) {
            d.put(type, new Policy.Schedule(true, Duration.ofHours(1), budget));
        }
        d.put("printer", new Policy.Schedule(true, Duration.ofHours(6), budget));
        for (String type : List.of("software", "update")) {
            d.put(type, new Policy.Schedule(true, Duration.ofHours(24), Duration.ofMinutes(5)));
        }
        for (String type : List.of("ad_user", "ad_group", "ad_computer", "ad_domain", "gpo")) {
            d.put(type, new Policy.Schedule(false, Duration.ofHours(1), Duration.ofMinutes(10)));
        }
        d.put("sysvol_file", new Policy.Schedule(false, Duration.ofHours(6), Duration.ofMinutes(10)));
        return d;
    }

    /**
     * The schema's collected types with their default schedules.
     *
     * @throws IllegalStateException when a collected type has no default, or a default names
     *     no collected type
     */
    static Map<String, Policy.Schedule> collectors(Schema schema, Map<String, Policy.Schedule> defaults) {
        Map<String, Policy.Schedule> collectors = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (DataType type : schema.collectedTypes()) {
            Policy.Schedule schedule = defaults.get(type.name());
            if (schedule == null) {
                missing.add(type.name());
            } else {
                collectors.put(type.name(), schedule);
            }
        }
        SortedSet<String> unknown = new TreeSet<>(defaults.keySet());
        unknown.removeAll(collectors.keySet());
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalStateException("PolicySpec's default schedules do not match the schema's collected types:"
                    + (missing.isEmpty() ? "" : " no default for " + missing)
                    + (unknown.isEmpty() ? "" : " defaults for types the schema does not collect " + unknown));
        }
        return Map.copyOf(collectors);
    }

    private PolicySpec() {}

    /** The policy of a group nobody configured. */
    public static Policy defaults(String group) {
        return new Policy(
                group,
                0,
                Policy.DEFAULT_CHECKIN,
                Policy.DEFAULT_FULL_SNAPSHOT_INTERVAL,
                DEFAULT_COLLECTORS,
                List.of(
                        "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run",
                        "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnce",
                        "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa",
                        "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon"));
    }

    /**
     * Reads an admin's spec over the defaults.
     *
     * @throws InvalidPolicyException naming every setting that is wrong
     */
    public static Policy parse(String group, long version, JsonNode spec) {
        if (spec == null || !spec.isObject()) {
            throw new InvalidPolicyException("A policy is a JSON object", List.of());
        }
        List<InvalidPolicyException.Problem> errors = new ArrayList<>();
        Policy base = defaults(group);
        for (String key : spec.propertyNames()) {
            if (!SETTINGS.contains(key)) {
                errors.add(
                        new InvalidPolicyException.Problem(
                                key,
                                "is not a policy setting; settings: checkin, full_snapshot_interval, collectors, registry_keys"));
            }
        }
        Duration min = duration(
                spec.path("checkin").path("min"),
                base.checkin().min(),
                "checkin.min",
                Duration.ofSeconds(5),
                Duration.ofHours(1),
                errors);
        Duration max = duration(
                spec.path("checkin").path("max"),
                base.checkin().max(),
                "checkin.max",
                Duration.ofSeconds(5),
                Duration.ofHours(1),
                errors);
        if (min.compareTo(max) > 0) {
            errors.add(new InvalidPolicyException.Problem(
                    "checkin", "min (" + min.toSeconds() + "s) is above max (" + max.toSeconds() + "s)"));
        }
        Duration full = duration(
                spec.path("full_snapshot_interval"),
                base.fullSnapshotInterval(),
                "full_snapshot_interval",
                Duration.ofMinutes(10),
                Duration.ofDays(7),
                errors);
        Map<String, Policy.Schedule> collectors = new TreeMap<>(base.collectors());
        for (Map.Entry<String, JsonNode> entry : spec.path("collectors").properties()) {
            collector(entry.getKey(), entry.getValue(), collectors, errors);
        }
        List<String> keys =
                spec.has("registry_keys") ? registryKeys(spec.path("registry_keys"), errors) : base.registryKeys();
        if (!errors.isEmpty()) {
            throw new InvalidPolicyException(
                    "The policy for group '" + group + "' is not valid; nothing was changed", errors);
        }
        return new Policy(group, version, new Policy.Checkin(min, max), full, collectors, keys);
    }

    private static void collector(
            String type,
            JsonNode c,
            Map<String, Policy.Schedule> collectors,
            List<InvalidPolicyException.Problem> errors) {
        String field = "collectors." + type;
        Policy.Schedule def = DEFAULT_COLLECTORS.get(type);
        if (def == null) {
            errors.add(new InvalidPolicyException.Problem(
                    field, "is not a collector; collectors: " + String.join(", ", collectorTypes())));
            return;
        }
        if (!c.isObject()) {
            errors.add(new InvalidPolicyException.Problem(
                    field, "must be {\"enabled\": ..., \"interval\": ..., \"time_budget\": ...}"));
            return;
        }
        for (String key : c.propertyNames()) {
            if (!COLLECTOR_SETTINGS.contains(key)) {
                errors.add(new InvalidPolicyException.Problem(
                        field + "." + key, "is not a collector setting; settings: enabled, interval, time_budget"));
            }
        }
        boolean enabled = def.enabled();
        if (c.has("enabled")) {
            if (!c.path("enabled").isBoolean()) {
                errors.add(new InvalidPolicyException.Problem(field + ".enabled", "must be true or false"));
            } else {
                enabled = c.path("enabled").asBoolean();
            }
        }
        collectors.put(
                type,
                new Policy.Schedule(
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

    private static List<String> registryKeys(JsonNode list, List<InvalidPolicyException.Problem> errors) {
        List<String> keys = new ArrayList<>();
        if (!list.isArray()) {
            errors.add(new InvalidPolicyException.Problem("registry_keys", "must be a list of key paths"));
            return keys;
        }
        if (list.size() > MAX_REGISTRY_KEYS) {
            errors.add(new InvalidPolicyException.Problem(
                    "registry_keys", "holds " + list.size() + " keys; the limit is " + MAX_REGISTRY_KEYS));
            return keys;
        }
        int i = 0;
        for (JsonNode key : list) {
            String text = key.asString("");
            String hive = text.contains("\\") ? text.substring(0, text.indexOf('\\')) : text;
            if (!key.isString() || !HIVES.contains(hive.toUpperCase(Locale.ROOT)) || text.length() > 1024) {
                errors.add(new InvalidPolicyException.Problem(
                        "registry_keys[" + i + "]",
                        "must be a key path starting with a hive "
                                + "(HKLM, HKU, HKCU, HKCR, HKCC), e.g. HKLM\\SOFTWARE\\Microsoft; got '" + text + "'"));
            } else {
                keys.add(text);
            }
            i++;
        }
        return keys;
    }

    /** The JSON agents receive and admins read back. */
    public static ObjectNode toJson(Policy policy) {
        return ProtocolCodec.toJson(policy);
    }

    /** Only the parts an admin may write: what {@link #parse} reads back to the same policy. */
    public static ObjectNode specOf(Policy policy) {
        ObjectNode spec = toJson(policy);
        spec.remove("group");
        spec.remove("version");
        return spec;
    }

    private static Duration duration(
            JsonNode value,
            Duration fallback,
            String field,
            Duration min,
            Duration max,
            List<InvalidPolicyException.Problem> errors) {
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        Duration d;
        try {
            if (!value.isString()) {
                throw new IllegalArgumentException("must be a duration such as 30s, 5m, 1h or 1d; got " + value);
            }
            d = Durations.parse(value.asString());
        } catch (IllegalArgumentException e) {
            errors.add(new InvalidPolicyException.Problem(field, e.getMessage()));
            return fallback;
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            errors.add(new InvalidPolicyException.Problem(
                    field,
                    "must be between " + Durations.format(min) + " and " + Durations.format(max) + "; got "
                            + value.asString()));
            return fallback;
        }
        return d;
    }

    /** Whether agents may be asked to run this type: one of the schema's collected types. */
    public static boolean isCollector(String type) {
        return type != null && DEFAULT_COLLECTORS.containsKey(type);
    }

    public static SortedSet<String> collectorTypes() {
        return new TreeSet<>(DEFAULT_COLLECTORS.keySet());
    }
}
