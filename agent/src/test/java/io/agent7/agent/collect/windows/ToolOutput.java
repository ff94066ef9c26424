package io.agent7.agent.collect.windows;

import io.agent7.schema.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What Windows' own tools print, read into what the ground-truth test compares: {@code tasklist},
 * {@code netstat -ano}, {@code sc query}, {@code schtasks /query} and {@code net user}. Only the
 * parts no Windows language translates are relied on (numbers, names, addresses, the keys of
 * {@code sc}); the words a localised Windows prints (states, headers, the closing message) are not.
 */
final class ToolOutput {

    /** Columns of {@code net user}'s listing: three names a line, 25 characters each. */
    private static final int NET_USER_COLUMN = 25;

    private ToolOutput() {}

    /** {@code tasklist /fo csv /nh}: image name by pid. */
    static Map<Long, String> tasklist(String output) {
        Map<Long, String> names = new LinkedHashMap<>();
        for (String line : output.split("\r?\n")) {
            List<String> cells = csv(line);
            if (cells.size() >= 2 && cells.get(1).matches("\\d+")) {
                names.put(Long.parseLong(cells.get(1)), cells.get(0));
            }
        }
        return names;
    }

    /** A socket as netstat shows it and the collector stores it. */
    record Endpoint(String transport, String ip, long port, long pid) {}

    /** {@code netstat -ano}: every TCP and UDP endpoint with its owning pid, IPv4 and IPv6. */
    static Set<Endpoint> netstat(String output) {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        for (String line : output.split("\r?\n")) {
            String[] words = line.strip().split("\\s+");
            boolean tcp = words[0].equals("TCP") && words.length == 5;
            boolean udp = words[0].equals("UDP") && words.length == 4;
            if (!tcp && !udp) {
                continue; // headers, in the host's language
            }
            String local = words[1];
            int colon = local.lastIndexOf(':');
            String ip = local.substring(0, colon).replace("[", "").replace("]", "");
            int scope = ip.indexOf('%');
            if (scope >= 0) {
                ip = ip.substring(0, scope); // fe80::1%4: the collector keeps the address, not the zone
            }
            endpoints.add(new Endpoint(
                    tcp ? "tcp" : "udp",
                    Values.canonicalIp(ip),
                    Long.parseLong(local.substring(colon + 1)),
                    Long.parseLong(words[words.length - 1])));
        }
        return endpoints;
    }

    /** {@code sc query type= service state= all}: each service's SERVICE_STATUS.dwCurrentState, by name. */
    static Map<String, Integer> scQuery(String output) {
        Map<String, Integer> states = new LinkedHashMap<>();
        String name = null;
        for (String line : output.split("\r?\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("SERVICE_NAME:")) {
                name = stripped.substring("SERVICE_NAME:".length()).strip();
            } else if (name != null && stripped.startsWith("STATE")) {
                String value = stripped.substring(stripped.indexOf(':') + 1).strip();
                states.put(name, Integer.parseInt(value.split("\\s+")[0]));
                name = null;
            }
        }
        return states;
    }

    /** {@code schtasks /query /fo csv /nh}: every task's path; the repeated folder headers are left out. */
    static Set<String> schtasks(String output) {
        Set<String> paths = new LinkedHashSet<>();
        for (String line : output.split("\r?\n")) {
            List<String> cells = csv(line);
            if (!cells.isEmpty() && cells.get(0).startsWith("\\")) {
                paths.add(cells.get(0));
            }
        }
        return paths;
    }

    /**
     * {@code net user}: the account names, three to a line in 25-character columns between the
     * dashed rule and the closing message. A name may hold a space, so the columns are cut by
     * width, not by words.
     */
    static Set<String> netUser(String output) {
        List<String> lines = new ArrayList<>(List.of(output.split("\r?\n")));
        lines.removeIf(String::isBlank);
        int rule = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("-{20,}\\s*")) {
                rule = i;
            }
        }
        if (rule < 0) {
            throw new IllegalArgumentException("no dashed rule in net user's output:\n" + output);
        }
        Set<String> names = new LinkedHashSet<>();
        // The last line is the closing message ("The command completed successfully.").
        for (String line : lines.subList(rule + 1, lines.size() - 1)) {
            for (int at = 0; at < line.length(); at += NET_USER_COLUMN) {
                String name = line.substring(at, Math.min(line.length(), at + NET_USER_COLUMN))
                        .strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** The case Windows compares names in. */
    static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** One line of CSV as the Windows tools write it: every cell quoted, quotes doubled inside. */
    static List<String> csv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (!line.isBlank()) {
            cells.add(cell.toString());
        }
        return cells;
    }
}
