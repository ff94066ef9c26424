package io.agent7.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code install} and {@code uninstall}: puts the agent under systemd with the unit in this
 * jar ({@code io/agent7/agent/agent7-agent.service}). Where systemd is not running (a
 * container), the files are still installed and the command says so.
 */
public final class Installer {

    /** Where {@code install} puts the jar and the unit file. */
    public record Layout(Path home, Path unit) {
        static final Layout SYSTEM =
                new Layout(Path.of("/opt/agent7"), Path.of("/etc/systemd/system/agent7-agent.service"));
    }

    /** Runs {@code systemctl} with these arguments; false when it failed or systemd is not running. */
    @FunctionalInterface
    public interface Systemctl {
        boolean run(String... args) throws IOException, InterruptedException;
    }

    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(3);

    private final PrintStream out;
    private final Layout layout;
    private final Systemctl systemctl;

    Installer(PrintStream out) {
        this(out, Layout.SYSTEM, Installer::systemctl);
    }

    public Installer(PrintStream out, Layout layout, Systemctl systemctl) {
        this.out = out;
        this.layout = layout;
        this.systemctl = systemctl;
    }

    void install(Path stateDir) throws IOException, InterruptedException {
        install(
                Path.of(Installer.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .getPath()),
                stateDir);
    }

    /** Installs {@code jar} (the running agent's, for the {@code install} command) for the agent in {@code stateDir}. */
    public void install(Path jar, Path stateDir) throws IOException, InterruptedException {
        requireRoot();
        Files.createDirectories(layout.home());
        Path installedJar = layout.home().resolve("agent.jar");
        if (!jar.toAbsolutePath().equals(installedJar.toAbsolutePath())) {
            Files.copy(jar, installedJar, StandardCopyOption.REPLACE_EXISTING);
        }
        String unit = AgentUnit.text();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        unit = unit.replace("@JAVA@", java.toString())
                .replace("@JAR@", installedJar.toString())
                .replace("@STATE@", stateDir.toAbsolutePath().toString());
        Files.writeString(layout.unit(), unit, StandardCharsets.UTF_8);
        out.println("Installed " + installedJar + " and " + layout.unit());
        // An agent already running on this state folder (an upgrade) must not run beside the training.
        systemctl.run("stop", "agent7-agent.service");
        writeClassArchive(java, installedJar, stateDir);
        if (systemctl.run("daemon-reload") && systemctl.run("enable", "--now", "agent7-agent.service")) {
            out.println("agent7-agent is enabled and running (systemctl status agent7-agent)");
        } else {
            out.println("systemd is not running here: start the agent with "
                    + AgentUnit.shellCommand(AgentUnit.text(), java.toString(), installedJar.toString(), stateDir));
        }
    }

    /** From the unit's template: the unit file written above has its placeholders filled in. */
    private void writeClassArchive(Path java, Path jar, Path stateDir) throws InterruptedException {
        out.println("Writing the class-data archive: a first round of collections, sent to the server...");
        try {
            Path archive =
                    ClassArchive.write(AgentUnit.text(), java.toString(), jar.toString(), stateDir, TRAINING_TIMEOUT);
            out.printf("Wrote %s (%d MB)%n", archive, Files.size(archive) >> 20);
        } catch (IOException e) {
            out.println("No class-data archive (" + e.getMessage() + "): the agent runs without it, with about 3 MB"
                    + " more memory; run install again to retry");
        }
    }

    public void uninstall(Path stateDir, boolean purge) throws IOException, InterruptedException {
        requireRoot();
        systemctl.run("disable", "--now", "agent7-agent.service");
        Files.deleteIfExists(layout.unit());
        systemctl.run("daemon-reload");
        Files.deleteIfExists(layout.home().resolve("agent.jar"));
        Files.deleteIfExists(stateDir.resolve(ClassArchive.FILE));
        out.println("Removed " + layout.unit() + " and " + layout.home().resolve("agent.jar"));
        if (purge) {
            deleteTree(stateDir);
            out.println("Removed " + stateDir + " (credentials, spool, sync state)");
        } else {
            out.println("Kept " + stateDir + "; --purge removes it");
        }
    }

    private static void requireRoot() {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("install and uninstall need root");
        }
    }

    private static boolean systemctl(String... args) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(concat("systemctl", args))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException noSystemctl) {
            return false;
        }
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static List<String> concat(String first, String... rest) {
        var all = new java.util.ArrayList<String>();
        all.add(first);
        all.addAll(List.of(rest));
        return all;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
