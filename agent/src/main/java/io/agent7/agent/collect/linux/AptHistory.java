package io.agent7.agent.collect.linux;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * apt's transaction log (/var/log/apt/history.log and its rotations): who asked for each
 * install, upgrade or removal. apt holds a lock while it works, so transactions never
 * overlap and the one that started last before a dpkg event is the only candidate.
 */
final class AptHistory {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final List<String> PACKAGE_KEYS =
            List.of("Install", "Upgrade", "Remove", "Purge", "Downgrade", "Reinstall");
    /** dpkg may log a moment after apt's recorded end. */
    private static final long SLACK_SECONDS = 2;

    private record Transaction(Instant start, Instant end, String user, Set<String> packages) {}

    private final TreeMap<Instant, Transaction> byStart = new TreeMap<>();

    static AptHistory read(Root root, ZoneId zone) {
        AptHistory history = new AptHistory();
        for (Path file : RotatedLogs.oldestFirst(root.at("/var/log/apt/history.log"))) {
            String text = RotatedLogs.read(file);
            if (text != null) {
                history.parse(text, zone);
            }
        }
        return history;
    }

    void parse(String text, ZoneId zone) {
        Map<String, String> block = new HashMap<>();
        for (String line : Root.splitLines(text + "\n\n")) {
            if (line.isBlank()) {
                add(block, zone);
                block.clear();
                continue;
            }
            int colon = line.indexOf(": ");
            if (colon > 0) {
                block.put(line.substring(0, colon), line.substring(colon + 2).strip());
            }
        }
    }

    private void add(Map<String, String> block, ZoneId zone) {
        Instant start = time(block.get("Start-Date"), zone);
        if (start == null) {
            return;
        }
        Instant end = time(block.get("End-Date"), zone);
        Set<String> packages = new HashSet<>();
        for (String key : PACKAGE_KEYS) {
            names(block.get(key), packages);
        }
        // apt itself runs as root; Requested-By names the user who ran it through sudo
        String user = block.get("Requested-By");
        if (user != null) {
            int paren = user.indexOf(" (");
            user = paren > 0 ? user.substring(0, paren) : user;
        }
        byStart.put(
                start,
                new Transaction(
                        start, end != null ? end : start.plusSeconds(3600), user != null ? user : "root", packages));
    }

    /** Package names of "name:arch (version, automatic), name2:arch (old, new)", without the architecture. */
    static void names(String list, Set<String> into) {
        if (list == null) {
            return;
        }
        int depth = 0;
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && c == ',') {
                addName(name, into);
            } else if (depth == 0) {
                name.append(c);
            }
        }
        addName(name, into);
    }

    private static void addName(StringBuilder name, Set<String> into) {
        String text = name.toString().strip();
        int colon = text.indexOf(':');
        if (colon > 0) {
            text = text.substring(0, colon);
        }
        if (!text.isEmpty()) {
            into.add(text);
        }
        name.setLength(0);
    }

    /** Who ran the apt transaction that changed this package at this time, or null when apt did not. */
    String installedBy(String packageName, Instant at) {
        Map.Entry<Instant, Transaction> entry = byStart.floorEntry(at);
        if (entry == null) {
            return null;
        }
        Transaction t = entry.getValue();
        boolean within = !at.isAfter(t.end().plusSeconds(SLACK_SECONDS));
        return within && t.packages().contains(packageName) ? t.user() : null;
    }

    private static Instant time(String text, ZoneId zone) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip().replaceAll("\\s+", " "), TIME)
                    .atZone(zone)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
