package io.agent7.protocol;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What may run: the built-in actions by name, and executables by absolute path with a pattern
 * for each argument. The server keeps one per role and per user; the agent keeps one its
 * host's owner writes, which no server can widen. A command runs only where every list that
 * applies allows it.
 *
 * <p>An executable's arguments are matched position by position, each against its whole
 * pattern (Java regular expressions); the arguments must be as many as the patterns, unless
 * the last pattern is {@code ...}, which lets any further arguments through. An argument is
 * text handed to the executable as is, so {@code ; rm -rf /} is one odd argument, never a
 * second command.
 */
public final class CommandAllowlist {

    private static final Pattern RUN_KEY = Pattern.compile("run\\.([A-Za-z0-9_-]+)\\.(path|args)");

    /** The last pattern that lets any further arguments through. */
    public static final String ANY_MORE = "...";

    /** One executable that may run, and its arguments' patterns. */
    public record Executable(String path, List<Pattern> arguments, boolean anyMore) {

        public Executable {
            Objects.requireNonNull(path, "path");
            arguments = List.copyOf(arguments);
        }

        /**
         * @param patterns one per argument; the last may be {@value #ANY_MORE}
         * @throws IllegalArgumentException for a relative path or a pattern that does not compile,
         *                                  naming it
         */
        public static Executable of(String path, List<String> patterns) {
            if (!isAbsolute(path)) {
                throw new IllegalArgumentException(
                        "an allowed executable is named by its absolute path, got '" + path + "'");
            }
            boolean anyMore =
                    !patterns.isEmpty() && patterns.get(patterns.size() - 1).equals(ANY_MORE);
            List<Pattern> compiled = new ArrayList<>();
            for (String pattern : anyMore ? patterns.subList(0, patterns.size() - 1) : patterns) {
                try {
                    compiled.add(Pattern.compile(pattern));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(
                            "the argument pattern '" + pattern + "' of " + path + " is not a regular expression: "
                                    + e.getDescription(),
                            e);
                }
            }
            return new Executable(path, compiled, anyMore);
        }

        boolean allows(List<String> argv) {
            if (!argv.get(0).equals(path)) {
                return false;
            }
            List<String> args = argv.subList(1, argv.size());
            if (args.size() < arguments.size() || (!anyMore && args.size() > arguments.size())) {
                return false;
            }
            for (int i = 0; i < arguments.size(); i++) {
                if (!arguments.get(i).matcher(args.get(i)).matches()) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Set<Command.Action> actions;
    private final List<Executable> executables;
    private final boolean shell;

    /**
     * @param actions     the built-in actions allowed ({@code run} is allowed by listing executables)
     * @param executables what {@code run} may start
     * @param shell       whether {@code run} may go through the system shell
     */
    public CommandAllowlist(Set<Command.Action> actions, List<Executable> executables, boolean shell) {
        this.actions = actions.isEmpty() ? EnumSet.noneOf(Command.Action.class) : EnumSet.copyOf(actions);
        this.actions.remove(Command.Action.RUN);
        this.executables = List.copyOf(executables);
        this.shell = shell;
    }

    /** The agent's default: every built-in action, nothing to run, no shell. */
    public static CommandAllowlist builtInsOnly() {
        EnumSet<Command.Action> builtIns = EnumSet.allOf(Command.Action.class);
        builtIns.remove(Command.Action.RUN);
        return new CommandAllowlist(builtIns, List.of(), false);
    }

    /** Nothing at all. */
    public static CommandAllowlist none() {
        return new CommandAllowlist(Set.of(), List.of(), false);
    }

    /**
     * The allowlist {@code p} says, in the format of an agent's {@code response.properties}
     * and of the console's allowlists: {@code actions} (comma-separated, or {@code none};
     * default every built-in), {@code run.<name>.path} with {@code run.<name>.args} (a pattern
     * per argument, {@code ...} for any more), {@code shell} ({@code true} or {@code false}).
     * {@code source} names where it came from in messages.
     *
     * @throws IllegalArgumentException naming each bad setting
     */
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
        List<Executable> executables = new ArrayList<>();
        for (String run : runs) {
            String path = p.getProperty("run." + run + ".path");
            if (path == null || path.isBlank()) {
                problems.add("run." + run + ".path is required when run." + run + ".args is set");
                continue;
            }
            String args = p.getProperty("run." + run + ".args", "").trim();
            try {
                executables.add(Executable.of(path.trim(), args.isEmpty() ? List.of() : List.of(args.split("\\s+"))));
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

    /** Empty when {@code command} is allowed; otherwise why not, for the refusal. */
    public Optional<String> check(Command command) {
        if (command.action() != Command.Action.RUN) {
            return actions.contains(command.action())
                    ? Optional.empty()
                    : Optional.of("the action " + command.action().wire() + " is not allowed");
        }
        if (command.shell()) {
            // A shell command line can do anything: only an explicit shell permission covers it.
            return shell ? Optional.empty() : Optional.of("shell mode is not allowed");
        }
        for (Executable executable : executables) {
            if (executable.allows(command.argv())) {
                return Optional.empty();
            }
        }
        boolean known = executables.stream()
                .anyMatch(e -> e.path().equals(command.argv().get(0)));
        return Optional.of(
                known
                        ? "the arguments of " + command.argv().get(0) + " are not allowed"
                        : "running " + command.argv().get(0) + " is not allowed");
    }

    public Set<Command.Action> actions() {
        return Set.copyOf(actions);
    }

    public List<Executable> executables() {
        return executables;
    }

    public boolean shell() {
        return shell;
    }

    private static boolean isAbsolute(String path) {
        return path.startsWith("/") || path.matches("(?i)[a-z]:\\\\.*") || path.startsWith("\\\\");
    }
}
