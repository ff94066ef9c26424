package io.agent7.agent.state;

import io.agent7.schema.JsonTrees;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What enrollment gave this agent, kept in {@code credentials.json} in the state folder,
 * readable by its owner only. The access token is not stored: it is short-lived and
 * fetched again with the refresh credential after a restart.
 *
 * @param caPem         the CA the agent trusts for the server, or null over plain HTTP
 * @param commandKeyPem the public key response commands must be signed with, pinned here at
 *                      enrollment; null when the server gave none, and then no command runs
 */
public record Credentials(
        URI server, String agentId, String hostId, String refreshToken, String caPem, String commandKeyPem) {

    public static final String FILE = "credentials.json";
    /** The CA the agent trusts for the server, PEM; absent when the server speaks plain HTTP. */
    public static final String CA_FILE = "ca.pem";
    /** The command-signing key pinned at enrollment, PEM; absent when the server gave none. */
    public static final String COMMAND_KEY_FILE = "command-key.pem";

    public static boolean exist(Path stateDir) {
        return Files.exists(stateDir.resolve(FILE));
    }

    public static Credentials load(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE);
        if (!Files.exists(file)) {
            throw new IOException(
                    "Not enrolled: " + file + " does not exist. Run: agent enroll --server URL --site-key KEY");
        }
        JsonNode node = JsonTrees.read(file);
        return new Credentials(
                URI.create(node.path("server").asString()),
                node.path("agent_id").asString(),
                node.path("host_id").asString(),
                node.path("refresh_token").asString(),
                readIfPresent(stateDir.resolve(CA_FILE)),
                readIfPresent(stateDir.resolve(COMMAND_KEY_FILE)));
    }

    private static String readIfPresent(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII) : null;
    }

    public void save(Path stateDir) throws IOException {
        OwnerOnly.createDirectory(stateDir);
        ObjectNode node = JsonNodeFactory.instance
                .objectNode()
                .put("server", server.toString())
                .put("agent_id", agentId)
                .put("host_id", hostId)
                .put("refresh_token", refreshToken);
        Path temp = Files.createTempFile(stateDir, ".credentials", ".tmp");
        try {
            OwnerOnly.restrict(temp);
            Files.write(temp, JsonTrees.prettyBytes(node));
            Files.move(
                    temp, stateDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        writeOrDelete(stateDir.resolve(CA_FILE), caPem);
        writeOrDelete(stateDir.resolve(COMMAND_KEY_FILE), commandKeyPem);
    }

    private static void writeOrDelete(Path file, String pem) throws IOException {
        if (pem != null) {
            Files.writeString(file, pem, java.nio.charset.StandardCharsets.US_ASCII);
            OwnerOnly.restrict(file);
        } else {
            Files.deleteIfExists(file);
        }
    }

    /** Owner-only files and folders, where the file system has POSIX permissions. */
    static final class OwnerOnly {
        private OwnerOnly() {}

        static void createDirectory(Path dir) throws IOException {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException windows) {
                // Windows: the installer puts the state folder under ProgramData with an admin-only ACL.
            }
        }

        static void restrict(Path file) throws IOException {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException windows) {
                // as above
            }
        }
    }
}
