package io.agent7.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell examples of the project's Markdown: every command line of every fenced block
 * tagged {@code sh}, {@code bash}, {@code shell} or {@code console}. Every fence must say its
 * language, so nothing is left out by guessing. The line before a block may say how its
 * commands are meant to end:
 *
 * <pre>{@code
 * <!-- example: not run (why) -->
 * <!-- example: fails with 400 (why) -->
 * }</pre>
 *
 * Without one, each command must succeed. A reason is required either way.
 */
final class DocExamples {

    static final Set<String> SHELL = Set.of("sh", "bash", "shell", "console");

    private static final Pattern FENCE = Pattern.compile("^```\\s*(\\S*)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^<!--\\s*example:\\s*(.*?)\\s*-->$");
    private static final Pattern NOT_RUN = Pattern.compile("not run \\((.+)\\)");
    private static final Pattern FAILS = Pattern.compile("fails with (4\\d\\d) \\((.+)\\)");

    /** How an example is meant to end: run and succeed, fail with a status, or not run at all. */
    record Expectation(boolean run, int status, String reason) {

        static final Expectation SUCCEEDS = new Expectation(true, 0, "");

        boolean fails() {
            return status != 0;
        }
    }

    /** One command, where it is written, and how it should end. */
    record Example(String where, String command, Expectation expected) {
        @Override
        public String toString() {
            return where + ": " + command;
        }
    }

    private DocExamples() {}

    /** README.md and every docs/*.md of the repository. */
    static List<Path> documents(Path root) throws IOException {
        List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md")));
        try (var files = Files.list(root.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    static List<Example> of(Path root) throws IOException {
        List<Example> examples = new ArrayList<>();
        for (Path doc : documents(root)) {
            examples.addAll(parse(root.relativize(doc).toString(), Files.readAllLines(doc)));
        }
        return examples;
    }

    static List<Example> parse(String name, List<String> lines) {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String language = open.group(1);
            if (language.isEmpty()) {
                throw new IllegalArgumentException(name + ":" + (i + 1)
                        + ": a fenced block without a language; tag it (sh for commands, text, json, ...)"
                        + " so that the examples test knows whether to run it");
            }
            Expectation expected = expectation(name, i, lines);
            int end = i + 1;
            StringBuilder command = new StringBuilder();
            int commandLine = -1;
            for (; end < lines.size() && !lines.get(end).startsWith("```"); end++) {
                if (!SHELL.contains(language)) {
                    continue;
                }
                String line = lines.get(end);
                if (language.equals("console")) {
                    if (!line.startsWith("$ ") && command.isEmpty()) {
                        continue; // output shown after a command
                    }
                    line = command.isEmpty() ? line.substring(2) : line;
                }
                if (command.isEmpty() && (line.isBlank() || line.trim().startsWith("#"))) {
                    continue;
                }
                if (command.isEmpty()) {
                    commandLine = end + 1;
                }
                if (line.endsWith("\\")) {
                    command.append(line, 0, line.length() - 1).append(' ');
                    continue;
                }
                command.append(line);
                examples.add(
                        new Example(name + ":" + commandLine, command.toString().trim(), expected));
                command.setLength(0);
            }
            if (end == lines.size()) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": a fenced block that is never closed");
            }
            if (SHELL.contains(language) && !command.isEmpty()) {
                throw new IllegalArgumentException(name + ":" + commandLine + ": a command ends with a backslash");
            }
            i = end;
        }
        return examples;
    }

    private static Expectation expectation(String name, int fence, List<String> lines) {
        int before = fence - 1;
        while (before >= 0 && lines.get(before).isBlank()) {
            before--;
        }
        if (before < 0) {
            return Expectation.SUCCEEDS;
        }
        Matcher marker = MARKER.matcher(lines.get(before).trim());
        if (!marker.matches()) {
            return Expectation.SUCCEEDS;
        }
        Matcher notRun = NOT_RUN.matcher(marker.group(1));
        if (notRun.matches()) {
            return new Expectation(false, 0, notRun.group(1));
        }
        Matcher fails = FAILS.matcher(marker.group(1));
        if (fails.matches()) {
            return new Expectation(true, Integer.parseInt(fails.group(1)), fails.group(2));
        }
        throw new IllegalArgumentException(
                name + ":" + (before + 1) + ": '" + lines.get(before).trim()
                        + "' is no example marker; write <!-- example: not run (why) --> or"
                        + " <!-- example: fails with 4xx (why) -->");
    }
}
