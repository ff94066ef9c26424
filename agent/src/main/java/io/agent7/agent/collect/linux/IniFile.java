package io.agent7.agent.collect.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code [Section]} and {@code Key=Value} format of systemd units, desktop entries and
 * smb.conf. Keeps every assignment in order, so list settings (several ExecStart= lines, an
 * empty assignment that resets the list) read the way systemd reads them.
 */
final class IniFile {

    private record Assignment(String section, String key, String value) {}

    private final List<Assignment> assignments = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();
    private final boolean foldKeys;

    private IniFile(boolean foldKeys) {
        this.foldKeys = foldKeys;
    }

    /** A systemd unit or desktop entry: keys are case-sensitive. */
    static IniFile parse(String text) {
        return parse(text, false);
    }

    /**
     * @param foldKeys compare keys the Samba way: case, blanks and underscores do not matter
     *                 ({@code read only} is {@code ReadOnly}); section names then compare ignoring case
     */
    static IniFile parse(String text, boolean foldKeys) {
        IniFile file = new IniFile(foldKeys);
        if (text != null) {
            file.add(text);
        }
        return file;
    }

    /** Adds a drop-in's assignments after the ones read so far. */
    void add(String text) {
        String section = "";
        StringBuilder pending = null;
        for (String raw : Root.splitLines(text)) {
            String line = raw.strip();
            if (pending == null && (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';')) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending = (pending == null ? new StringBuilder() : pending)
                        .append(line, 0, line.length() - 1)
                        .append(' ');
                continue;
            }
            if (pending != null) {
                line = pending.append(line).toString().strip();
                pending = null;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = sectionName(line.substring(1, line.length() - 1).strip());
                if (!sections.contains(section)) {
                    sections.add(section);
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                assignments.add(new Assignment(
                        section,
                        key(line.substring(0, eq)),
                        line.substring(eq + 1).strip()));
            }
        }
    }

    /** The section as first written; with folded keys, a later [PUBLIC] is the same section as [public]. */
    private String sectionName(String name) {
        if (foldKeys) {
            for (String known : sections) {
                if (known.equalsIgnoreCase(name)) {
                    return known;
                }
            }
        }
        return name;
    }

    private String key(String raw) {
        String key = raw.strip();
        if (!foldKeys) {
            return key;
        }
        StringBuilder folded = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != ' ' && c != '\t' && c != '_') {
                folded.append(Character.toLowerCase(c));
            }
        }
        return folded.toString();
    }

    List<String> sections() {
        return sections;
    }

    boolean hasSection(String section) {
        return sections.contains(sectionName(section));
    }

    /** The value in effect: the last assignment; null when unset or reset by an empty assignment. */
    String last(String section, String key) {
        String k = key(key);
        String s = sectionName(section);
        for (int i = assignments.size() - 1; i >= 0; i--) {
            Assignment a = assignments.get(i);
            if (a.section().equals(s) && a.key().equals(k)) {
                return a.value().isEmpty() ? null : a.value();
            }
        }
        return null;
    }

    /** Every assignment of a list setting, in order; an empty assignment drops the ones before it. */
    List<String> all(String section, String key) {
        String k = key(key);
        String s = sectionName(section);
        List<String> values = new ArrayList<>();
        for (Assignment a : assignments) {
            if (a.section().equals(s) && a.key().equals(k)) {
                if (a.value().isEmpty()) {
                    values.clear();
                } else {
                    values.add(a.value());
                }
            }
        }
        return values;
    }

    /** Space-separated words of a list setting (Requires=, After=), each word once, in order. */
    List<String> words(String section, String key) {
        List<String> words = new ArrayList<>();
        for (String value : all(section, key)) {
            for (String word : value.split("\\s+")) {
                if (!word.isEmpty() && !words.contains(word)) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    /** A yes/no setting as systemd, Samba and desktop entries spell it; null when unset or unclear. */
    Boolean bool(String section, String key) {
        return bool(last(section, key));
    }

    static Boolean bool(String value) {
        if (value == null) {
            return null;
        }
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "1":
            case "yes":
            case "true":
            case "on":
                return Boolean.TRUE;
            case "0":
            case "no":
            case "false":
            case "off":
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
