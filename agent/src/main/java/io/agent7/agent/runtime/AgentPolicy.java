package io.agent7.agent.runtime;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** The policy the server answered at check-in, as the agent uses it (docs/AGENT-PROTOCOL.md). */
public record AgentPolicy(
        long version,
        Duration checkinMin,
        Duration checkinMax,
        Duration fullSnapshotInterval,
        Map<String, Schedule> collectors,
        JsonNode raw) {

    /** One collector's schedule. */
    public record Schedule(boolean enabled, Duration interval, Duration timeBudget) {}

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    public static AgentPolicy parse(JsonNode policy) {
        Map<String, Schedule> collectors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : policy.path("collectors").properties()) {
            JsonNode c = e.getValue();
            collectors.put(
                    e.getKey(),
                    new Schedule(
                            c.path("enabled").asBoolean(false),
                            duration(c.path("interval").asString("1h")),
                            duration(c.path("time_budget").asString("60s"))));
        }
        return new AgentPolicy(
                policy.path("version").asLong(0),
                duration(policy.path("checkin").path("min").asString("20s")),
                duration(policy.path("checkin").path("max").asString("60s")),
                duration(policy.path("full_snapshot_interval").asString("1d")),
                collectors,
                policy);
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a duration: '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
