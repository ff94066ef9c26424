package io.agent7.protocol;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads settings files, the agent's ({@code agent.properties}, {@code directory.properties},
 * {@code response.properties}) and the console's command allowlists: {@code name=value} lines in UTF-8, {@code #} or {@code !}
 * comments, blank lines ignored. Unlike {@link Properties#load}, a value is taken as written:
 * a backslash is a backslash, so {@code user=CORP\svc-agent7}, {@code ca_file=C:\certs\ca.pem}
 * and a pattern's {@code \d} mean what they say instead of losing their backslashes.
 */
public final class SettingsFile {

    private SettingsFile() {}

    /**
     * The settings in {@code file}; names and the space before a value are trimmed, the rest of
     * the value is kept (a password may end in a space).
     *
     * @throws IllegalArgumentException naming each line that is not {@code name=value}, and each
     *     name set twice (which of two values was meant is the owner's to say)
     */
    public static Properties read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text", e);
        }
        return parse(lines, file.toString());
    }

    /** {@link #read} for text already in hand; {@code source} names where it came from in messages. */
    public static Properties parse(String text, String source) {
        return parse(text.lines().toList(), source);
    }

    private static Properties parse(List<String> lines, String source) {
        Properties settings = new Properties();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).stripLeading();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).stripLeading();
            }
            if (line.isBlank() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int equals = line.indexOf('=');
            String name = equals < 0 ? "" : line.substring(0, equals).strip();
            if (name.isEmpty()) {
                problems.add("line " + (i + 1) + " is not name=value");
                continue;
            }
            if (settings.setProperty(name, line.substring(equals + 1).stripLeading()) != null) {
                problems.add("line " + (i + 1) + " sets " + name + " again");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
        }
        return settings;
    }
}
