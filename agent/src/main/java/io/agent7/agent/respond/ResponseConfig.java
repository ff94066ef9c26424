package io.agent7.agent.respond;

import io.agent7.protocol.CommandAllowlist;
import io.agent7.protocol.SettingsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Properties;
import java.util.Set;

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

    /** The allowlist {@code p} says ({@link CommandAllowlist#parse}). */
    public static CommandAllowlist parse(Properties p, String source) {
        return CommandAllowlist.parse(p, source);
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
