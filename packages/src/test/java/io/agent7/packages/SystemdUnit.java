package io.agent7.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A systemd unit file, read as far as starting its service by hand needs: the {@code Key=value}
 * lines, and {@code ExecStart} turned into a command the way systemd does for the units these
 * packages install (plain words, and {@code $NAME} words taken from the environment and split at
 * whitespace; no quoting, no {@code ${NAME}} inside a word, which these units do not use).
 */
record SystemdUnit(String text) {

    /** The value of the first {@code key=} line. */
    Optional<String> value(String key) {
        String prefix = key + "=";
        return text.lines()
                .map(String::strip)
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()))
                .findFirst();
    }

    String require(String key) {
        return value(key).orElseThrow(() -> new AssertionError("The unit has no " + key + "= line:\n" + text));
    }

    /** {@code ExecStart} as systemd runs it with {@code environment}. */
    List<String> execStart(Map<String, String> environment) {
        String line = require("ExecStart");
        if (line.contains("\"") || line.contains("'") || line.contains("${") || line.contains("\\")) {
            throw new AssertionError("ExecStart uses quoting or ${...}, which this reading does not follow: " + line);
        }
        List<String> command = new ArrayList<>();
        for (String word : line.split("\\s+")) {
            if (word.startsWith("$")) {
                String value = environment.getOrDefault(word.substring(1), "").strip();
                if (!value.isEmpty()) {
                    command.addAll(List.of(value.split("\\s+")));
                }
            } else {
                command.add(word);
            }
        }
        return command;
    }
}
