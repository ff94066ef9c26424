package io.agent7.agent.collect.linux;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.Doc;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Package installs, upgrades and removals from dpkg's log and its rotations, with the user
 * who asked for each where apt's history records one. dpkg logs local time: it is read in
 * the host's time zone.
 */
public final class UpdateCollector implements Collector {

    private final Root root;
    private final ZoneId zone;

    private final DataType type;

    public UpdateCollector(Schema schema, Path root) {
        this(schema, root, ZoneId.systemDefault());
    }

    UpdateCollector(Schema schema, Path root, ZoneId zone) {
        this.type = schema.require("update");
        this.root = new Root(root);
        this.zone = zone;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        List<Path> logs = RotatedLogs.oldestFirst(root.at("/var/log/dpkg.log"));
        if (logs.isEmpty()) {
            return List.of();
        }
        AptHistory apt = AptHistory.read(root, zone);
        // one document per update and time: a later identical line (a log read twice) replaces the earlier
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        for (Path log : logs) {
            String text = RotatedLogs.read(log);
            if (text == null) {
                continue;
            }
            int start = 0;
            while (start < text.length()) {
                int end = text.indexOf('\n', start);
                if (end < 0) {
                    end = text.length();
                }
                event(text.substring(start, end), apt, documents);
                start = end + 1;
            }
        }
        return new ArrayList<>(documents.values());
    }

    /** "2025-06-24 14:36:25 upgrade libsystemd0:amd64 252.36-1 252.38-1"; other lines are ignored. */
    private void event(String line, AptHistory apt, Map<String, ObjectNode> documents) {
        // most lines are "status" and "configure" steps: skip them before splitting
        if (!(line.startsWith("install ", 20) || line.startsWith("upgrade ", 20) || line.startsWith("remove ", 20))) {
            return;
        }
        String[] f = line.split(" ");
        if (f.length != 6) {
            return;
        }
        String type;
        switch (f[2]) {
            case "install":
                type = "package_install";
                break;
            case "upgrade":
                type = "package_upgrade";
                break;
            case "remove":
                type = "package_remove";
                break;
            default:
                return;
        }
        Instant at;
        try {
            at = LocalDate.parse(f[0])
                    .atTime(LocalTime.parse(f[1]))
                    .atZone(zone)
                    .toInstant();
        } catch (DateTimeException e) {
            return;
        }
        int colon = f[3].indexOf(':');
        String name = colon > 0 ? f[3].substring(0, colon) : f[3];
        String oldVersion = version(f[4]);
        String newVersion = version(f[5]);
        String version = type.equals("package_remove") ? oldVersion : newVersion;
        if (version == null) {
            return;
        }
        String id = name + "@" + version;
        Doc doc = new Doc()
                .text("update.id", id)
                .text("update.type", type)
                .date("update.installed_at", at)
                .text("update.installed_by", apt.installedBy(name, at))
                .text("update.source", "dpkg_log")
                .text("package.name", name)
                .text("package.version", version);
        if (type.equals("package_upgrade")) {
            doc.text("update.previous_version", oldVersion);
        }
        documents.put(id + ' ' + at, doc.build());
    }

    private static String version(String text) {
        return text.equals("<none>") ? null : text;
    }
}
