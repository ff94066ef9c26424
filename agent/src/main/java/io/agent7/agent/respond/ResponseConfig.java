package io.agent7.agent.respond;

import io.agent7.agent.state.SettingsFile;
import io.agent7.protocol.Command;
import io.agent7.protocol.CommandAllowlist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host owner's say over remote response, in {@code response.properties} in the agent's
 * state folder: which commands this host runs, whatever the server allows. Without the file,
 * every built-in action and nothing else: no executable, no shell. Example:
 *
 * <pre>
 * # the built-in actions this host runs (default: all of them); "none" for none
 * actions=process_list,file_info,list_directory
 * # what "run" may start: an absolute path, and a pattern per argument ("..." = any more)
 * run.journal.path=/usr/bin/journalctl
 * run.journal.args=-u [a-z0-9@._-]+ -n \d{1,4}
 * run.uptime.path=/usr/bin/uptime
 * # a command line through the system shell (default: false)
 * shell=false
 * </pre>
 *
 * Argument patterns are separated by spaces, so a pattern matches a space as {@code \s} or
 * {@code \x20}. The file is a security control: the agent refuses one that users other than
 * its owner may write.
 */
public final class ResponseConfig {

    public static final String FILE = "response.properties";
    private static final Pattern RUN_KEY = Pattern.compile("run\\.([A-Za-z0-9_-]+)\\.(path|args)");

    private ResponseConfig() {}

    /**
     * The host's allowlist.
     *
     * @throws IllegalArgumentException naming each bad setting, or a file others may write
     */
    public static CommandAllowlist load(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE);
        if (!Files.exists(file)) {
            return CommandAllowlist.builtInsOnly();
        }
        checkOnlyOwnerWrites(file);
        return parse(SettingsFile.read(file), file.toString());
    }

    /** The allowlist {@code p} says; {@code source} names where it came from in messages. */
    public static CommandAllowlist parse(Properties p, String source) {
        List<String> problems = new ArrayList<>();
        Set<String> runs = new TreeSet<>();
        for (String name : p.stringPropertyNames()) {
            Matcher run = RUN_KEY.matcher(name);
            if (run.matches()) {
                runs.add(run.group(1));
            } else if (!name.equals("actions") && !name.equals("shell")) {
                problems.add("unknown setting '" + name + "'");
            }
        }
        EnumSet<Command.Action> actions = EnumSet.noneOf(Command.Action.class);
        String actionList = p.getProperty("actions");
        if (actionList == null) {
            actions = EnumSet.allOf(Command.Action.class);
        } else if (!actionList.trim().equalsIgnoreCase("none")) {
            for (String one : actionList.split(",")) {
                if (one.isBlank()) {
                    continue;
                }
                try {
                    Command.Action action = Command.Action.fromWire(one.trim().toLowerCase(Locale.ROOT));
                    if (action == Command.Action.RUN) {
                        problems.add("actions: run is allowed by run.<name>.path entries, not by name");
                    }
                    actions.add(action);
                } catch (IllegalArgumentException e) {
                    problems.add("actions: " + e.getMessage());
                }
            }
        }
        List<CommandAllowlist.Executable> executables = new ArrayList<>();
        for (String run : runs) {
            String path = p.getProperty("run." + run + ".path");
            if (path == null || path.isBlank()) {
                problems.add("run." + run + ".path is required when run." + run + ".args is set");
                continue;
            }
            String args = p.getProperty("run." + run + ".args", "").trim();
            try {
                executables.add(CommandAllowlist.Executable.of(
                        path.trim(), args.isEmpty() ? List.of() : List.of(args.split("\\s+"))));
            } catch (IllegalArgumentException e) {
                problems.add("run." + run + ": " + e.getMessage());
            }
        }
        String shell = p.getProperty("shell", "false").trim().toLowerCase(Locale.ROOT);
        if (!shell.equals("true") && !shell.equals("false")) {
            problems.add("shell must be true or false, got '" + shell + "'");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
        }
        return new CommandAllowlist(actions, executables, shell.equals("true"));
    }

    private static void checkOnlyOwnerWrites(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return; // Windows: the state folder's ACL (SYSTEM and Administrators) guards it
        }
        Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IllegalArgumentException(file + " may be written by others than its owner, so it cannot say what"
                    + " this host allows: chmod go-w " + file);
        }
    }
}
