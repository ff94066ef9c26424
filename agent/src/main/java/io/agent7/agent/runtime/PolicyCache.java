package io.agent7.agent.runtime;

import io.agent7.protocol.MalformedMessageException;
import io.agent7.protocol.Policy;
import io.agent7.protocol.ProtocolCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The policy the agent runs: the one the last check-in answered, kept in {@code policy.json}
 * so that an agent restarted while the server is away goes on collecting as it was told.
 */
public final class PolicyCache {

    static final String FILE = "policy.json";
    private static final Logger log = Logger.getLogger(PolicyCache.class.getName());

    private final Path file;
    private Policy current;

    private PolicyCache(Path file, Policy current) {
        this.file = file;
        this.current = current;
    }

    /** The cache in the state folder, with the policy kept there if it can be read. */
    public static PolicyCache in(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        Policy kept = null;
        if (Files.exists(file)) {
            try {
                kept = ProtocolCodec.decode(Files.readAllBytes(file), Policy.class);
            } catch (IOException | MalformedMessageException e) {
                // The next check-in brings the policy again; until then nothing is collected.
                log.warning("Could not read the kept policy " + file + ": " + e.getMessage());
            }
        }
        return new PolicyCache(file, kept);
    }

    /** A cache that keeps nothing on disk: a simulated host's. */
    public static PolicyCache inMemory() {
        return new PolicyCache(null, null);
    }

    /** The policy to run; empty before the first check-in of an agent that never had one. */
    public Optional<Policy> current() {
        return Optional.ofNullable(current);
    }

    /**
     * Runs {@code policy} from now on; answers whether it differs from the one before (and keeps
     * it then). Compared whole, not by version: a host moved to another group can get another
     * group's policy of the same version.
     */
    public boolean update(Policy policy) {
        boolean changed = !policy.equals(current);
        current = policy;
        if (changed && file != null) {
            try {
                Path temp = Files.createTempFile(file.getParent(), ".policy", ".tmp");
                Files.write(temp, ProtocolCodec.encode(policy));
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                log.warning("Could not keep the policy for the next start: " + e.getMessage());
            }
        }
        return changed;
    }
}
