package io.agent7.server.accounts;

import java.time.Instant;
import java.util.Set;

/**
 * A personal API token as stored: everything but its secret, of which only a hash is kept.
 *
 * @param expiresAt when it stops working, or null for never
 */
public record ApiToken(
        String id,
        String name,
        String owner,
        Set<Role> roles,
        String issuedBy,
        Instant createdAt,
        Instant expiresAt,
        boolean revoked) {

    public ApiToken {
        roles = Set.copyOf(roles);
    }

    /** Whether it still authenticates at {@code now}. */
    public boolean usableAt(Instant now) {
        return !revoked && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** The highest role, which includes the others. */
    public Role topRole() {
        return roles.stream().max(Enum::compareTo).orElse(Role.VIEWER);
    }
}
