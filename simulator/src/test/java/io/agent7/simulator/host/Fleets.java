package io.agent7.simulator.host;

import io.agent7.agent.collect.Collector;
import io.agent7.schema.DataType;
import io.agent7.schema.DocumentIds;
import io.agent7.schema.Documents;
import io.agent7.schema.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** Test fleets and ways to compare what they report. */
final class Fleets {

    /**
     * A Wednesday morning between patch cycles (the February reboots are done, March's
     * Patch Tuesday is six days away), so short advances see ordinary churn.
     */
    static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");

    private Fleets() {}

    static List<VirtualHost> create(long seed, int count, Instant now) {
        List<VirtualHost> hosts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            hosts.add(VirtualHost.create(seed, i, now));
        }
        return hosts;
    }

    /** The Windows hosts of a fleet of {@code count}; fails when it has none, which would test nothing. */
    static List<VirtualHost> windows(long seed, int count) {
        List<VirtualHost> windows = create(seed, count, T0).stream()
                .filter(h -> h.osFamily().equals("windows"))
                .toList();
        if (windows.isEmpty()) {
            throw new AssertionError("a fleet of " + count + " with seed " + seed + " has no Windows host");
        }
        return windows;
    }

    static final Schema SCHEMA = Schema.standard();

    static DataType type(String name) {
        return SCHEMA.require(name);
    }

    /** What the host's collector of a type finds now; nothing when the host has no such collector. */
    static List<ObjectNode> collect(VirtualHost host, String type) {
        return host.collectors(SCHEMA).stream()
                .filter(c -> c.type().name().equals(type))
                .findFirst()
                .map(Collector::collect)
                .orElse(List.of());
    }

    /** The names of the types the host has collectors for. */
    static List<String> types(VirtualHost host) {
        return host.collectors(SCHEMA).stream().map(c -> c.type().name()).toList();
    }

    /** The document's id, as the server computes it, with the machine id standing in for the host id. */
    static String id(VirtualHost host, String type, ObjectNode doc) {
        return DocumentIds.of(host.machineId(), type(type), doc);
    }

    /** Id to content of everything a host reports for a type. */
    static Map<String, String> snapshot(VirtualHost host, String type) {
        Map<String, String> items = new HashMap<>();
        for (ObjectNode doc : collect(host, type)) {
            items.put(id(host, type, doc), doc.toString());
        }
        return items;
    }

    /** Items added, removed or changed between two snapshots. */
    static int changes(Map<String, String> before, Map<String, String> after) {
        int changed = 0;
        for (Map.Entry<String, String> e : before.entrySet()) {
            String now = after.get(e.getKey());
            if (now == null || !now.equals(e.getValue())) {
                changed++;
            }
        }
        for (String id : after.keySet()) {
            if (!before.containsKey(id)) {
                changed++;
            }
        }
        return changed;
    }

    static String text(ObjectNode doc, String path) {
        var node = Documents.get(doc, path);
        return node == null || node.isNull() ? null : node.isArray() ? node.toString() : node.asString();
    }
}
