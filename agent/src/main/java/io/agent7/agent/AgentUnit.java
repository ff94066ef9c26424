package io.agent7.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The systemd unit the agent installs ({@code agent7-agent.service}), with the placeholders
 * {@code @JAVA@}, {@code @JAR@} and {@code @STATE@} that {@code install} fills in. The
 * footprint benchmark runs the agent with the same JVM options and environment.
 */
public final class AgentUnit {

    private static final String EXEC = "ExecStart=@JAVA@ ";
    private static final String ENVIRONMENT = "Environment=";

    private AgentUnit() {}

    public static String text() {
        try (InputStream in = AgentUnit.class.getResourceAsStream("agent7-agent.service")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The agent's systemd unit is missing from the jar", e);
        }
    }

    /** The JVM options of the ExecStart line: what stands between {@code @JAVA@} and {@code -jar}. */
    public static List<String> jvmOptions(String unit) {
        String exec = unit.lines()
                .filter(line -> line.startsWith(EXEC))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The agent's unit has no " + EXEC + "line"));
        return List.of(
                exec.substring(EXEC.length(), exec.indexOf(" -jar ")).trim().split("\\s+"));
    }

    /** The JVM options of the ExecStart line for an agent whose state is in {@code stateDir}. */
    public static List<String> jvmOptions(String unit, Path stateDir) {
        String state = stateDir.toAbsolutePath().toString();
        return jvmOptions(unit).stream()
                .map(option -> option.replace("@STATE@", state))
                .toList();
    }

    /**
     * The command of the unit's JVM for an agent whose state is in {@code stateDir}: {@code java},
     * the unit's JVM options, {@code extraJvmOptions}, {@code -jar jar} and the agent's {@code args}.
     * Run it with {@link #environment}.
     */
    public static List<String> command(
            String unit, String java, String jar, Path stateDir, List<String> extraJvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions(unit, stateDir));
        command.addAll(extraJvmOptions);
        command.add("-jar");
        command.add(jar);
        command.addAll(List.of(args));
        return command;
    }

    /**
     * What the unit runs, as one shell command line: for hosts without systemd, so that the
     * agent runs there as lean as under the unit.
     */
    public static String shellCommand(String unit, String java, String jar, Path stateDir) {
        StringBuilder line = new StringBuilder();
        environment(unit)
                .forEach((name, value) ->
                        line.append(name).append('=').append(value).append(' '));
        return line.append(String.join(
                        " ",
                        command(
                                unit,
                                java,
                                jar,
                                stateDir,
                                List.of(),
                                "run",
                                "--state-dir",
                                stateDir.toAbsolutePath().toString())))
                .toString();
    }

    /** The unit's {@code Environment=NAME=value} lines. */
    public static Map<String, String> environment(String unit) {
        Map<String, String> env = new TreeMap<>();
        unit.lines()
                .filter(line -> line.startsWith(ENVIRONMENT))
                .map(line -> line.substring(ENVIRONMENT.length()))
                .forEach(assignment -> env.put(
                        assignment.substring(0, assignment.indexOf('=')),
                        assignment.substring(assignment.indexOf('=') + 1)));
        return env;
    }
}
