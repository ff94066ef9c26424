package io.agent7.agent.windows;

import io.agent7.agent.AgentUnit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's service as {@code install} registers it: the command the Service Control
 * Manager runs (java.exe with the systemd unit's JVM options, the installed jar and the
 * {@code service} command), started automatically as LocalSystem, restarted when it fails.
 *
 * @param binaryPath     the command line CreateService stores, every part quoted as
 *                       CommandLineToArgvW reads it back
 * @param failureActions what the manager does after the 1st, 2nd and later failures
 * @param resetSeconds   after how long without failure the count starts again
 */
public record ServiceDefinition(
        String name,
        String displayName,
        String description,
        String binaryPath,
        List<Action> failureActions,
        int resetSeconds) {

    public static final String NAME = "agent7-agent";

    /** SC_ACTION: SC_ACTION_NONE 0, SC_ACTION_RESTART 1; the delay in milliseconds. */
    public record Action(int type, int delayMillis) {
        public static final int NONE = 0;
        public static final int RESTART = 1;
    }

    /**
     * A failed agent is restarted after 10 s, then after a minute; the third failure in a day
     * leaves it stopped, so that an agent whose credentials were revoked (it stops with code 3
     * at once) does not run again and again, as systemd's RestartPreventExitStatus=3 keeps it.
     */
    static final List<Action> FAILURE_ACTIONS =
            List.of(new Action(Action.RESTART, 10_000), new Action(Action.RESTART, 60_000), new Action(Action.NONE, 0));

    static final int RESET_SECONDS = 86_400;

    /**
     * The JVM options of the systemd unit apply on Windows too, but for the class-data archive
     * (written by {@code install} on Linux only); -Xrs keeps the JVM from exiting when the
     * console's user logs off or the system sends CTRL_SHUTDOWN_EVENT, since the service stops
     * through the Service Control Manager's shutdown request instead.
     */
    public static ServiceDefinition forAgent(Path java, Path jar, Path stateDir) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        for (String option : AgentUnit.jvmOptions(AgentUnit.text())) {
            if (!option.startsWith("-XX:SharedArchiveFile=")) {
                command.add(option);
            }
        }
        command.add("-Xrs");
        command.addAll(List.of("-jar", jar.toString(), "service", "--state-dir", stateDir.toString()));
        return new ServiceDefinition(
                NAME,
                "Agent7 Agent",
                "Agent7 endpoint agent: collects this host's state and sends it to the Agent7 server.",
                commandLine(command),
                FAILURE_ACTIONS,
                RESET_SECONDS);
    }

    /**
     * One command line from a program and its arguments. The program is always quoted: an
     * unquoted path with spaces is resolved by trying each prefix ("C:\Program.exe" first), the
     * classic hole of Windows services. Its quotes are taken literally, so it may not hold one.
     */
    static String commandLine(List<String> command) {
        String program = command.get(0);
        if (program.indexOf('"') >= 0) {
            throw new IllegalArgumentException("a program path cannot hold a double quote: " + program);
        }
        StringBuilder line = new StringBuilder().append('"').append(program).append('"');
        for (String arg : command.subList(1, command.size())) {
            line.append(' ').append(quote(arg));
        }
        return line.toString();
    }

    /**
     * An argument as CommandLineToArgvW and the C runtime read it back: quoted when it is
     * empty or holds a space, tab or quote; inside quotes, backslashes are doubled where they
     * precede a quote (an escaped one, or the closing one) and kept single elsewhere.
     */
    static String quote(String arg) {
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"' || c == '\n' || c == 0x0B)) {
            return arg;
        }
        StringBuilder quoted = new StringBuilder("\"");
        int backslashes = 0;
        for (char c : arg.toCharArray()) {
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == '"') {
                quoted.append("\\".repeat(2 * backslashes + 1));
            } else {
                quoted.append("\\".repeat(backslashes));
            }
            quoted.append(c);
            backslashes = 0;
        }
        return quoted.append("\\".repeat(2 * backslashes)).append('"').toString();
    }
}
