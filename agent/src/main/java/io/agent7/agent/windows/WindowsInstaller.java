package io.agent7.agent.windows;

import io.agent7.agent.windows.win32.ServiceManager;
import io.agent7.agent.windows.win32.StateFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;

/**
 * {@code install} and {@code uninstall} on Windows: the jar goes to %ProgramFiles%\Agent7,
 * the state folder is closed to all but SYSTEM and Administrators, and the agent runs as the
 * service {@value ServiceDefinition#NAME} (see docs/AGENT-WINDOWS.md).
 */
public final class WindowsInstaller {

    private final PrintStream out;

    public WindowsInstaller(PrintStream out) {
        this.out = out;
    }

    public void install(Path stateDir) throws IOException {
        Path home = home();
        Path installedJar = home.resolve("agent.jar");
        // An upgrade: the running service holds the jar open, and Windows does not replace an open file.
        ServiceManager.stop(ServiceDefinition.NAME);
        Files.createDirectories(home);
        Path jar = runningJar();
        if (!jar.toAbsolutePath().equals(installedJar.toAbsolutePath())) {
            Files.copy(jar, installedJar, StandardCopyOption.REPLACE_EXISTING);
        }
        secureStateFolder(stateDir);
        out.println("Installed " + installedJar + "; " + stateDir + " is open to SYSTEM and Administrators only");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java.exe");
        ServiceManager.install(ServiceDefinition.forAgent(java, installedJar, stateDir.toAbsolutePath()));
        out.println("The service " + ServiceDefinition.NAME + " is installed and running (sc query "
                + ServiceDefinition.NAME + "); its log is " + stateDir.resolve("agent0.log"));
    }

    /** Makes the state folder if needed and closes it to all but SYSTEM and Administrators. */
    public static void secureStateFolder(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        StateFolder.secure(stateDir, StateFolderAcl.SDDL);
    }

    public void uninstall(Path stateDir, boolean purge) throws IOException {
        if (ServiceManager.uninstall(ServiceDefinition.NAME)) {
            out.println("Stopped and removed the service " + ServiceDefinition.NAME);
        }
        Path installedJar = home().resolve("agent.jar");
        Files.deleteIfExists(installedJar);
        out.println("Removed " + installedJar);
        if (purge) {
            deleteTree(stateDir);
            out.println("Removed " + stateDir + " (credentials, spool, sync state, logs)");
        } else {
            out.println("Kept " + stateDir + "; --purge removes it");
        }
    }

    private static Path home() {
        return Path.of(System.getenv().getOrDefault("ProgramFiles", "C:\\Program Files"), "Agent7");
    }

    private static Path runningJar() {
        try {
            return Path.of(WindowsInstaller.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the running agent's jar is", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
