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
 * the agent's classes, parsed once at install instead of into every run's metaspace, which
 * saves about 6 MB of resident memory. {@code install} writes it with a training run: the
 * agent's first round (check-in, one collection of every type, sent) under the unit's JVM
 * options, dumping the classes it loaded when it exits. So the archive holds what a running
 * agent uses: collectors, JSON, HTTP and TLS.
 *
 * <p>The JVM checks the archive against itself and the jar; after an upgrade of either, it
 * runs without it until {@code install} writes a new one.
 */
public final class ClassArchive {

    public static final String FILE = "agent.jsa";
    private static final String ARCHIVE_OPTION = "-XX:SharedArchiveFile=";

    private ClassArchive() {
    }

    /** The training run, writing {@code target}. */
    static List<String> training(String unit, String java, String jar, Path stateDir, Path target) {
        List<String> command = new ArrayList<>();
        command.add(java);
        AgentUnit.jvmOptions(unit, stateDir).stream().filter(option -> !option.startsWith(ARCHIVE_OPTION))
                .forEach(command::add);
        // Dumping warns about every class it cannot archive (generated accessors, JFR events); none matters.
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + target.toAbsolutePath(), "-Xlog:cds*=off",
                "-jar", jar, "run", "--once", "--state-dir", stateDir.toAbsolutePath().toString()));
        return command;
    }

    /**
     * Runs the training (stopping it after {@code timeout}, e.g. when the server is away: the
     * classes loaded so far are still dumped) and moves the archive in place.
     *
     * @return the archive
     * @throws IOException when no archive came out; the training's output is in {@code archive-training.log}
     */
    public static Path write(String unit, String java, String jar, Path stateDir, Duration timeout)
            throws IOException, InterruptedException {
        Path archive = stateDir.resolve(FILE);
        Path partial = stateDir.resolve(FILE + ".partial");
        Path log = stateDir.resolve("archive-training.log");
        Files.deleteIfExists(partial);
        ProcessBuilder builder = new ProcessBuilder(training(unit, java, jar, stateDir, partial))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(AgentUnit.environment(unit));
        Process training = builder.start();
        if (!training.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            training.destroy(); // SIGTERM: the agent stops, the JVM exits normally and dumps
            if (!training.waitFor(60, TimeUnit.SECONDS)) {
                training.destroyForcibly();
            }
        }
        if (!Files.isRegularFile(partial) || Files.size(partial) == 0) {
            throw new IOException("The training run wrote no class-data archive (exit " + training.waitFor()
                    + "; see " + log + ")");
        }
        Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return archive;
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
