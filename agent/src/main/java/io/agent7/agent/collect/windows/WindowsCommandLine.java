package io.agent7.agent.collect.windows;

import io.agent7.agent.collect.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A command line as Windows stores it for services (ImagePath), scheduled tasks, Run keys and
 * processes, with its program resolved the way the loader would find it.
 *
 * <p>The line is first expanded ({@code %VAR%} from the given environment), because the
 * Service Control Manager and Explorer expand it before handing it to CreateProcess: an
 * unquoted {@code %ProgramFiles%\Vendor\svc.exe} is therefore an unquoted path with spaces.
 *
 * <p>The program is then found as CreateProcess does when it gets no application name: a
 * quoted first word is the program; an unquoted line is cut at each blank in turn
 * ({@code C:\Program}, {@code C:\Program Files\Vendor}, ...) and the first candidate that
 * exists wins, {@code .exe} appended to a candidate without extension. The program path is
 * made absolute: {@code \??\} and {@code \\?\} prefixes dropped, {@code \SystemRoot\} and
 * driver paths relative to the system root ({@code system32\drivers\x.sys}) placed under
 * {@code %SystemRoot%}, and a bare name looked up in System32, the system root and PATH.
 *
 * @param text               the command line as written (not expanded)
 * @param executable         absolute path of the program, or null when it cannot be told
 * @param args               the program as written (expanded, without quotes), then the
 *                           arguments after it split by the CommandLineToArgvW rules
 * @param unquotedWithSpaces the program path is not quoted and contains a blank, so Windows
 *                           tries a shorter path first: a planted {@code C:\Program.exe} runs
 *                           instead (the unquoted service path finding)
 */
public record WindowsCommandLine(String text, String executable, List<String> args, boolean unquotedWithSpaces)
        implements Command {

    /** Extensions that mark where an unquoted program path was meant to end. */
    private static final Set<String> PROGRAM_EXTENSIONS =
            Set.of("exe", "com", "bat", "cmd", "sys", "scr", "pif", "cpl", "dll", "msc", "vbs", "js", "ps1");

    public WindowsCommandLine {
        args = List.copyOf(args);
    }

    /**
     * The command line {@code text} with its program resolved; null for a blank line.
     *
     * @param environment variables for {@code %VAR%} expansion and the system root
     *                    ({@code SystemRoot}, {@code Path}); names compare case-insensitively
     * @param fileExists  whether a file exists at an absolute Windows path, for the candidates
     *                    of an unquoted path and the search of a bare program name
     */
    public static WindowsCommandLine of(String text, Map<String, String> environment, Predicate<String> fileExists) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Map<String, String> env = caseInsensitive(environment);
        String line = strip(expand(text, env));
        List<String> args = new ArrayList<>();
        String executable;
        boolean flagged;
        if (line.charAt(0) == '"') {
            int close = line.indexOf('"', 1);
            int end = close < 0 ? line.length() : close;
            String program = line.substring(1, end);
            args.add(program);
            executable = program(program, env, fileExists);
            flagged = false;
            args.addAll(arguments(line, close < 0 ? line.length() : close + 1));
        } else {
            List<Integer> cuts = blanks(line);
            int chosen = -1;
            for (int i = 0; i < cuts.size() && chosen < 0; i++) {
                String candidate = program(line.substring(0, cuts.get(i)), env, p -> false);
                if (candidate != null && exists(candidate, fileExists)) {
                    chosen = i;
                }
            }
            int intended = intended(line, cuts);
            int end = cuts.get(chosen >= 0 ? chosen : Math.max(intended, 0));
            String program = line.substring(0, end);
            args.add(program);
            executable = program(program, env, fileExists);
            String meant = line.substring(0, cuts.get(intended >= 0 ? intended : Math.max(chosen, 0)));
            flagged = hasBlank(meant) || hasBlank(program);
            args.addAll(arguments(line, end));
        }
        return new WindowsCommandLine(text, executable, args, flagged);
    }

    /**
     * The arguments of a command line by the CommandLineToArgvW rules: the first ends at the
     * next blank, or when quoted at the next quote, backslashes taken literally; in the others,
     * blanks outside quotes separate, 2n backslashes before a quote give n and the quote opens
     * or closes quoting, 2n+1 give n and a literal quote, other backslashes are literal, and a
     * quote doubled inside quotes gives a literal quote and ends the quoting.
     */
    public static List<String> split(String commandLine) {
        List<String> args = new ArrayList<>();
        if (commandLine == null || commandLine.isEmpty()) {
            return args;
        }
        int i;
        if (commandLine.charAt(0) == '"') {
            int close = commandLine.indexOf('"', 1);
            args.add(commandLine.substring(1, close < 0 ? commandLine.length() : close));
            i = close < 0 ? commandLine.length() : close + 1;
        } else {
            i = 0;
            while (i < commandLine.length() && !isBlank(commandLine.charAt(i))) {
                i++;
            }
            args.add(commandLine.substring(0, i));
        }
        args.addAll(arguments(commandLine, i));
        return args;
    }

    /**
     * {@code %NAME%} replaced by the variable's value, as ExpandEnvironmentStrings does: names
     * compare case-insensitively, an unknown variable stays as written.
     */
    public static String expand(String text, Map<String, String> environment) {
        if (text == null || text.indexOf('%') < 0) {
            return text;
        }
        Map<String, String> env = caseInsensitive(environment);
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('%', i);
            int close = open < 0 ? -1 : text.indexOf('%', open + 1);
            if (close < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, open);
            String value = close > open + 1 ? env.get(text.substring(open + 1, close)) : null;
            if (value != null) {
                out.append(value);
                i = close + 1;
            } else {
                // The closing percent may open the next variable, as in "100%%SystemRoot%".
                out.append(text, open, close);
                i = close;
            }
        }
        return out.toString();
    }

    /**
     * A program path as the loader reads it, made absolute: {@code \??\} and {@code \\?\}
     * dropped ({@code \??\UNC\} becomes {@code \\}), {@code \SystemRoot\} and paths relative
     * with a folder ({@code system32\drivers\x.sys}, as driver ImagePaths are written) under
     * {@code %SystemRoot%}, a bare name searched in System32, the system root, then PATH.
     * Null when the path stays relative (no {@code SystemRoot}, a bare name found nowhere).
     */
    public static String path(String path, Map<String, String> environment, Predicate<String> fileExists) {
        if (path == null || path.isBlank()) {
            return null;
        }
        Map<String, String> env = caseInsensitive(environment);
        String p = strip(expand(path, env));
        String root = trailingSlashless(env.get("SystemRoot"));
        if (startsWithIgnoreCase(p, "\\??\\UNC\\") || startsWithIgnoreCase(p, "\\\\?\\UNC\\")) {
            return "\\\\" + p.substring(8);
        }
        if (p.startsWith("\\??\\") || p.startsWith("\\\\?\\")) {
            p = p.substring(4);
        }
        if (startsWithIgnoreCase(p, "\\SystemRoot\\")) {
            return root == null ? null : root + p.substring("\\SystemRoot".length());
        }
        if (isAbsolute(p)) {
            return p;
        }
        if (p.startsWith("\\")) {
            return root == null || root.length() < 2 || root.charAt(1) != ':' ? null : root.substring(0, 2) + p;
        }
        if (root == null) {
            return null;
        }
        if (p.indexOf('\\') >= 0 || p.indexOf('/') >= 0) {
            return root + "\\" + p;
        }
        List<String> folders = new ArrayList<>(List.of(root + "\\System32", root));
        String searchPath = env.get("Path");
        if (searchPath != null) {
            for (String folder : searchPath.split(";")) {
                if (!folder.isBlank()) {
                    folders.add(trailingSlashless(folder.strip()));
                }
            }
        }
        for (String folder : folders) {
            String candidate = folder + "\\" + p;
            if (exists(candidate, fileExists)) {
                return withExtension(candidate, fileExists);
            }
        }
        return null;
    }

    private static String program(String written, Map<String, String> env, Predicate<String> fileExists) {
        String resolved = path(written, env, fileExists);
        return resolved == null ? null : withExtension(resolved, fileExists);
    }

    /** CreateProcess appends {@code .exe} to a program named without extension. */
    private static String withExtension(String path, Predicate<String> fileExists) {
        if (extension(path) != null || fileExists.test(path)) {
            return path;
        }
        return path + ".exe";
    }

    private static boolean exists(String path, Predicate<String> fileExists) {
        return fileExists.test(path) || (extension(path) == null && fileExists.test(path + ".exe"));
    }

    /** Index in {@code cuts} of the first candidate whose name has a program extension, or -1. */
    private static int intended(String line, List<Integer> cuts) {
        for (int i = 0; i < cuts.size(); i++) {
            String ext = extension(line.substring(0, cuts.get(i)));
            if (ext != null && PROGRAM_EXTENSIONS.contains(ext.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    /** Where an unquoted line may end its program: before each run of blanks, and at its end. */
    private static List<Integer> blanks(String line) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < line.length(); i++) {
            if (isBlank(line.charAt(i)) && !isBlank(line.charAt(i - 1))) {
                cuts.add(i);
            }
        }
        cuts.add(line.length());
        return cuts;
    }

    /** The arguments after the first, from {@code start}, by the CommandLineToArgvW rules. */
    private static List<String> arguments(String line, int start) {
        List<String> args = new ArrayList<>();
        StringBuilder arg = new StringBuilder();
        boolean inArg = false;
        boolean quoted = false;
        int i = start;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (isBlank(c) && !quoted) {
                if (inArg) {
                    args.add(arg.toString());
                    arg.setLength(0);
                    inArg = false;
                }
                i++;
            } else if (c == '\\') {
                int backslashes = 0;
                while (i < line.length() && line.charAt(i) == '\\') {
                    backslashes++;
                    i++;
                }
                inArg = true;
                if (i < line.length() && line.charAt(i) == '"') {
                    arg.append("\\".repeat(backslashes / 2));
                    if (backslashes % 2 == 1) {
                        arg.append('"');
                        i++;
                    }
                } else {
                    arg.append("\\".repeat(backslashes));
                }
            } else if (c == '"') {
                inArg = true;
                i++;
                if (quoted && i < line.length() && line.charAt(i) == '"') {
                    // CommandLineToArgvW keeps the older rule: "" inside quotes is a quote and ends quoting.
                    arg.append('"');
                    i++;
                    quoted = false;
                } else {
                    quoted = !quoted;
                }
            } else {
                arg.append(c);
                inArg = true;
                i++;
            }
        }
        if (inArg) {
            args.add(arg.toString());
        }
        return args;
    }

    private static String extension(String path) {
        int slash = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        int dot = path.lastIndexOf('.');
        return dot > slash + 1 && dot < path.length() - 1 ? path.substring(dot + 1) : null;
    }

    private static boolean isAbsolute(String p) {
        return p.startsWith("\\\\")
                || (p.length() >= 3
                        && Character.isLetter(p.charAt(0))
                        && p.charAt(1) == ':'
                        && (p.charAt(2) == '\\' || p.charAt(2) == '/'));
    }

    private static boolean startsWithIgnoreCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static String trailingSlashless(String folder) {
        if (folder == null || folder.isBlank()) {
            return null;
        }
        return folder.endsWith("\\") && folder.length() > 3 ? folder.substring(0, folder.length() - 1) : folder;
    }

    private static boolean hasBlank(String text) {
        return text.indexOf(' ') >= 0 || text.indexOf('\t') >= 0;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String strip(String text) {
        int i = 0;
        while (i < text.length() && isBlank(text.charAt(i))) {
            i++;
        }
        int j = text.length();
        while (j > i && isBlank(text.charAt(j - 1))) {
            j--;
        }
        return text.substring(i, j);
    }

    private static Map<String, String> caseInsensitive(Map<String, String> environment) {
        Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (environment != null) {
            env.putAll(environment);
        }
        return env;
    }
}
