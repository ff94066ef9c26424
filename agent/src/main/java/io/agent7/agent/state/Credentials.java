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
 */
public record Credentials(URI server, String agentId, String hostId, String refreshToken, String caPem) {

    public static final String FILE = "credentials.json";
    /** The CA the agent trusts for the server, PEM; absent when the server speaks plain HTTP. */
    public static final String CA_FILE = "ca.pem";

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
        Path ca = stateDir.resolve(CA_FILE);
        return new Credentials(
                URI.create(node.path("server").asString()),
                node.path("agent_id").asString(),
                node.path("host_id").asString(),
                node.path("refresh_token").asString(),
                Files.exists(ca) ? Files.readString(ca, java.nio.charset.StandardCharsets.US_ASCII) : null);
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
        Path ca = stateDir.resolve(CA_FILE);
        if (caPem != null) {
            Files.writeString(ca, caPem, java.nio.charset.StandardCharsets.US_ASCII);
            OwnerOnly.restrict(ca);
        } else {
            Files.deleteIfExists(ca);
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
