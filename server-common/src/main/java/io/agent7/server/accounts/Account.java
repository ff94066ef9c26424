package io.agent7.server.accounts;

import java.time.Instant;
import java.util.Set;

/** A person's account. {@code passwordHash} carries its encoder prefix, e.g. {@code {bcrypt}$2a$...}. */
public record Account(String name, String passwordHash, Set<Role> roles, boolean enabled, Instant createdAt) {

    public Account {
        roles = Set.copyOf(roles);
    }

    /** The highest role, which includes the others. */
    public Role topRole() {
        return roles.stream().max(Enum::compareTo).orElse(Role.VIEWER);
    }
}
