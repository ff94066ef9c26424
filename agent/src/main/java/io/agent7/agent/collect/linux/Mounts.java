package io.agent7.agent.collect.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mount table (/proc/self/mounts): device, mount point, type and options per line. */
final class Mounts {

    record Mount(String device, String mountPoint, String type, List<String> options) {}

    private Mounts() {}

    /** The mounts in effect, one per mount point: a later mount over the same point hides the earlier. */
    static List<Mount> read(Root root) {
        String text = Root.read(root.at("/proc/self/mounts"));
        if (text == null) {
            text = Root.read(root.at("/proc/mounts"));
        }
        return text == null ? List.of() : parse(text);
    }

    static List<Mount> parse(String text) {
        Map<String, Mount> byPoint = new LinkedHashMap<>();
        for (String line : Root.splitLines(text)) {
            String[] f = line.split(" ");
            if (f.length < 4) {
                continue;
            }
            String point = unescape(f[1]);
            byPoint.remove(point);
            byPoint.put(point, new Mount(unescape(f[0]), point, f[2], List.of(f[3].split(","))));
        }
        return new ArrayList<>(byPoint.values());
    }

    /** The kernel writes space, tab, newline and backslash in mount fields as octal escapes (\040). */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int at) {
        if (at + 3 > s.length()) {
            return false;
        }
        for (int i = at; i < at + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
