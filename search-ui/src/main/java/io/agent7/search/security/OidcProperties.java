package io.agent7.search.security;

import io.agent7.server.accounts.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How people from an OpenID Connect provider get their Agent7 roles ({@code agent7.oidc.*}):
 * the claim that lists their groups, and which group gives which role. Sign-in through the
 * console and bearer tokens sent by scripts read the same claims. A person in no mapped group
 * signs in with no role, and so reaches nothing.
 *
 * @param groupsClaim   the claim holding the person's groups (Keycloak's group mapper: {@code groups})
 * @param usernameClaim the claim that names the person in the console and in audit records
 * @param groupRoles    group name to role ({@code viewer}, {@code analyst}, {@code responder},
 *     {@code admin}); a group given as a path ({@code /soc/analysts}) matches with or without
 *     its leading slash
 */
@ConfigurationProperties("agent7.oidc")
public record OidcProperties(String groupsClaim, String usernameClaim, Map<String, Role> groupRoles) {

    public OidcProperties {
        groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? "groups" : groupsClaim;
        usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? "preferred_username" : usernameClaim;
        groupRoles = groupRoles == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(groupRoles));
    }
}
