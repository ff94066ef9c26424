package io.agent7.server.accounts;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a person may do. Each role includes the ones below it: an admin is also a
 * responder, a responder an analyst, an analyst a viewer.
 */
public enum Role {
    VIEWER,
    ANALYST,
    RESPONDER,
    ADMIN;

    /** This role and every role it includes, as Spring Security authorities ({@code ROLE_X}). */
    public List<String> authorities() {
        return Arrays.stream(values())
                .filter(r -> r.ordinal() <= ordinal())
                .map(r -> "ROLE_" + r.name())
                .toList();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> of(String text) {
        return Arrays.stream(values())
                .filter(r -> r.id().equals(text.trim().toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
