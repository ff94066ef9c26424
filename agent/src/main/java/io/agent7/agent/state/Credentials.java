package io.agent7.agent.state;

import io.agent7.schema.JsonTrees;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What enrollment gave this agent, kept in {@code credentials.json} in the state folder,
 * readable by its owner only. The access token is not stored: it is short-lived and
 * fetched again with the refresh credential after a restart.
 *
 * @param server        the ingest API the agent enrolled with
 * @param caPem         the CA the agent trusts for the server, or null over plain HTTP
 * @param commandKeyPem the public key response commands must be signed with, pinned here at
 *                      enrollment; null when the server gave none, and then no command runs
 * @param servers       every ingest API the agent may use, {@code server} first: when one cannot
 *                      be reached it goes on with the next (they share the cluster and the token
 *                      keys, so any of them takes its credentials)
 */
public record Credentials(
        URI server,
        String agentId,
        String hostId,
        String refreshToken,
        String caPem,
        String commandKeyPem,
        List<URI> servers) {

    public Credentials {
        servers = servers == null || servers.isEmpty() ? List.of(server) : List.copyOf(servers);
        if (!servers.get(0).equals(server)) {
            throw new IllegalArgumentException(
                    "The first of the servers must be the one enrolled with, " + server + "; got " + servers);
        }
    }

    /** With the one server the agent enrolled with. */
    public Credentials(
            URI server, String agentId, String hostId, String refreshToken, String caPem, String commandKeyPem) {
        this(server, agentId, hostId, refreshToken, caPem, commandKeyPem, List.of(server));
    }

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
        URI server = URI.create(node.path("server").asString());
        List<URI> servers = new ArrayList<>();
        // Absent in the credentials of agents enrolled with one server.
        node.path("servers").forEach(url -> servers.add(URI.create(url.asString())));
        return new Credentials(
                server,
                node.path("agent_id").asString(),
                node.path("host_id").asString(),
                node.path("refresh_token").asString(),
                readIfPresent(stateDir.resolve(CA_FILE)),
                readIfPresent(stateDir.resolve(COMMAND_KEY_FILE)),
                servers);
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
        if (servers.size() > 1) {
            servers.forEach(url -> node.withArray("servers").add(url.toString()));
        }
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
