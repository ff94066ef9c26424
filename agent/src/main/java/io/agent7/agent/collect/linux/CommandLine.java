package io.agent7.agent.collect.linux;

import io.agent7.agent.collect.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command as configured (a unit's ExecStart, a cron line, a desktop entry's Exec), split
 * into words the way its shell or systemd would, with the program resolved to an absolute
 * path when it can be.
 *
 * @param text       the command as written
 * @param executable absolute path of the program, or null when it cannot be told
 * @param args       the words; the first is the program as written
 */
record CommandLine(String text, String executable, List<String> args) implements Command {

    /** Where cron looks for programs when the crontab sets no PATH. */
    static final List<String> CRON_PATH = List.of("/usr/bin", "/bin");
    /** Where systemd looks for an ExecStart program given without a path. */
    static final List<String> SYSTEMD_PATH =
            List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    /**
     * The command, its words, and its program: the first word that is not a {@code NAME=value}
     * environment assignment, resolved through {@code searchPath} below {@code root} when it
     * has no slash. Null for a blank command.
     */
    static CommandLine of(String text, Root root, List<String> searchPath) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        List<String> args = split(trimmed);
        String program = null;
        for (String word : args) {
            if (!isAssignment(word)) {
                program = word;
                break;
            }
        }
        return new CommandLine(trimmed, resolve(program, root, searchPath), args);
    }

    /** Words separated by blanks; single and double quotes group, a backslash escapes the next character. */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    static boolean isAssignment(String word) {
        int eq = word.indexOf('=');
        if (eq <= 0) {
            return false;
        }
        for (int i = 0; i < eq; i++) {
            char c = word.charAt(i);
            if (!(c == '_' || Character.isLetter(c) || (i > 0 && Character.isDigit(c)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The program's absolute path: itself when absolute, else the first regular file of that
     * name in {@code searchPath} below the root. Null for relative paths and shell builtins.
     */
    static String resolve(String program, Root root, List<String> searchPath) {
        if (program == null || program.isEmpty()) {
            return null;
        }
        if (program.charAt(0) == '/') {
            return program;
        }
        if (program.indexOf('/') >= 0) {
            return null;
        }
        for (String dir : searchPath) {
            if (dir.startsWith("/")) {
                String candidate = dir.endsWith("/") ? dir + program : dir + "/" + program;
                if (Files.isRegularFile(root.at(candidate))) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** The program file below the root, for hashing; null when there is no absolute program. */
    Path programFile(Root root) {
        return executable == null ? null : root.at(executable);
    }
}
