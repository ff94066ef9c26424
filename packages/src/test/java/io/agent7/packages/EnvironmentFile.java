package io.agent7.packages;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables of a systemd {@code EnvironmentFile=}: {@code NAME=value} lines, {@code #} and
 * {@code ;} comments and blank lines skipped, the value stripped and freed of one pair of
 * enclosing quotes. (systemd also joins lines ending in a backslash; the packages' files have none.)
 */
final class EnvironmentFile {

    private EnvironmentFile() {}

    static Map<String, String> parse(String text) {
        Map<String, String> variables = new LinkedHashMap<>();
        text.lines().map(String::strip).forEach(line -> {
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                return;
            }
            int equals = line.indexOf('=');
            if (equals <= 0 || line.endsWith("\\")) {
                throw new AssertionError("Not a NAME=value line systemd reads as such: " + line);
            }
            String value = line.substring(equals + 1).strip();
            if (value.length() >= 2
                    && (value.startsWith("\"") && value.endsWith("\"")
                            || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            variables.put(line.substring(0, equals).strip(), value);
        });
        return variables;
    }
}
