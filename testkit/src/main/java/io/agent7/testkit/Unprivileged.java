package io.agent7.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Elasticsearch refuses to run as root, and these machines and CI run as root. Then its
 * processes run as an unprivileged system user (created once, {@code agent7} unless
 * {@code AGENT7_ES_USER} names another), which must be able to reach and write the files it
 * uses. Run as anyone else, everything runs as that user.
 */
final class Unprivileged {

    static final String USER = userName();

    private Unprivileged() {}

    private static String userName() {
        String user = System.getenv("AGENT7_ES_USER");
        return user == null || user.isBlank() ? "agent7" : user;
    }

    static boolean root() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot tell which user this JVM runs as", e);
        }
    }

    /** {@code command} as the unprivileged user: through {@code runuser} when root, as it is otherwise. */
    static List<String> command(List<String> command) {
        if (!root()) {
            return command;
        }
        ensureUser();
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", USER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Creates the user when it is missing; another JVM may be doing the same at the same moment. */
    static synchronized void ensureUser() {
        if (exists()) {
            return;
        }
        Processes.Result created =
                Processes.run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER));
        if (created.exitCode() != 0 && !exists()) {
            throw new IllegalStateException("Elasticsearch refuses to run as root, and the unprivileged user '" + USER
                    + "' to run it as could not be created (useradd exited " + created.exitCode() + "):\n"
                    + created.output());
        }
    }

    private static boolean exists() {
        return Processes.run(List.of("id", "-u", USER)).exitCode() == 0;
    }

    /** Gives {@code dirs} (recursively) to the unprivileged user when running as root. */
    static void handOver(Path... dirs) {
        if (!root()) {
            return;
        }
        ensureUser();
        List<String> chown = new ArrayList<>(List.of("chown", "-R", USER));
        for (Path dir : dirs) {
            chown.add(dir.toString());
        }
        Processes.require(chown, "give Elasticsearch's files to '" + USER + "'");
    }

    /**
     * Fails, naming the folder, when a user other than this one cannot pass through every
     * folder from the root to {@code path}: a checkout under {@code /root} (mode 700) is such
     * a place, and Elasticsearch's own error would only say it cannot read its files.
     */
    static void requireTraversable(Path path) {
        if (!root()) {
            return;
        }
        for (Path p = path.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (!Files.exists(p)) {
                continue;
            }
            Set<PosixFilePermission> permissions;
            try {
                permissions = Files.getPosixFilePermissions(p);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the permissions of " + p, e);
            }
            if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("Elasticsearch runs as the unprivileged user '" + USER
                        + "', which cannot pass through " + p + " (mode "
                        + java.nio.file.attribute.PosixFilePermissions.toString(permissions) + ") to reach " + path
                        + ". Keep Elasticsearch's files under a folder every user can traverse (set -Dagent7.es.work)"
                        + " or open " + p + " with chmod o+x.");
            }
        }
    }
}
