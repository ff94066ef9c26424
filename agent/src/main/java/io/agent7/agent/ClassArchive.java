package io.agent7.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The class-data archive the unit's JVM maps ({@code -XX:SharedArchiveFile=@STATE@/agent.jsa}):
 * the classes the agent uses, the JDK's and its own, parsed once at install instead of into
 * every run's metaspace, which saves several MB of resident memory. {@code install} writes it
 * in two steps: a training run, the agent's first round (check-in, one collection of every
 * type, sent) under the unit's JVM options, lists the classes it loads; the JVM then dumps
 * exactly those into a static archive. So the archive holds what a running agent uses:
 * collectors, JSON, HTTP and TLS, and nothing of the JDK's default archive it does not use
 * (about 1 MB less resident than the default archive with the agent's classes on top).
 *
 * <p>The JVM checks the archive against itself and the jar; after an upgrade of either, it
 * runs without it until {@code install} writes a new one.
 */
public final class ClassArchive {

    public static final String FILE = "agent.jsa";
    private static final String ARCHIVE_OPTION = "-XX:SharedArchiveFile=";
    private static final Duration DUMP_TIMEOUT = Duration.ofMinutes(2);

    private ClassArchive() {}

    /** The training run, listing the classes it loads in {@code classList}. */
    static List<String> training(String unit, String java, String jar, Path stateDir, Path classList) {
        return withoutArchive(AgentUnit.command(
                unit,
                java,
                jar,
                stateDir,
                List.of("-XX:DumpLoadedClassList=" + classList.toAbsolutePath()),
                "run",
                "--once",
                "--state-dir",
                stateDir.toAbsolutePath().toString()));
    }

    /** The JVM dumping the classes of {@code classList} into {@code target}, under the unit's JVM options. */
    static List<String> dump(String unit, String java, String jar, Path stateDir, Path classList, Path target) {
        List<String> command = new ArrayList<>(withoutArchive(AgentUnit.command(
                unit,
                java,
                jar,
                stateDir,
                List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList.toAbsolutePath()))));
        command.add(command.indexOf("-jar"), ARCHIVE_OPTION + target.toAbsolutePath());
        return command;
    }

    private static List<String> withoutArchive(List<String> command) {
        return command.stream()
                .filter(option -> !option.startsWith(ARCHIVE_OPTION))
                .toList();
    }

    /**
     * Runs the training (stopping it after {@code timeout}, e.g. when the server is away: the
     * classes loaded so far are listed), dumps the archive and moves it in place.
     *
     * @return the archive
     * @throws IOException when no archive came out; both steps' output is in {@code archive-training.log}
     */
    public static Path write(String unit, String java, String jar, Path stateDir, Duration timeout)
            throws IOException, InterruptedException {
        Path archive = stateDir.resolve(FILE);
        Path partial = stateDir.resolve(FILE + ".partial");
        Path classList = stateDir.resolve("agent.classlist");
        Path log = stateDir.resolve("archive-training.log");
        Files.deleteIfExists(partial);
        Files.deleteIfExists(classList);
        Files.deleteIfExists(log);
        try {
            int trained = run(training(unit, java, jar, stateDir, classList), unit, log, timeout);
            if (!Files.isRegularFile(classList) || Files.size(classList) == 0) {
                throw new IOException("The training run listed no classes (exit " + trained + "; see " + log + ")");
            }
            int dumped = run(dump(unit, java, jar, stateDir, classList, partial), unit, log, DUMP_TIMEOUT);
            if (dumped != 0 || !Files.isRegularFile(partial) || Files.size(partial) == 0) {
                throw new IOException("The JVM wrote no class-data archive (exit " + dumped + "; see " + log + ")");
            }
            Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return archive;
        } finally {
            Files.deleteIfExists(partial);
            Files.deleteIfExists(classList);
        }
    }

    /** Runs {@code command} with the unit's environment, appending its output to {@code log}; its exit code. */
    private static int run(List<String> command, String unit, Path log, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(AgentUnit.environment(unit));
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroy(); // SIGTERM: the agent stops and the JVM exits normally
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        return process.waitFor();
    }

    /**
     * Whether this JVM was told to map the archive but does not share classes: it is missing,
     * or was written by another JDK build or for another jar.
     */
    static boolean configuredButUnused(List<String> jvmArguments, String vmInfo) {
        boolean configured = jvmArguments.stream().anyMatch(argument -> argument.startsWith(ARCHIVE_OPTION));
        return configured && (vmInfo == null || !vmInfo.contains("sharing"));
    }
}
