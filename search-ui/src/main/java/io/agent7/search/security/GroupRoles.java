package io.agent7.search.security;

import io.agent7.server.accounts.Role;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * An identity provider's groups as Agent7 roles: the highest role any of the person's groups
 * maps to, with the roles it includes. Groups are compared as the provider spells them, but
 * for a leading slash, which Keycloak puts before full group paths.
 */
public final class GroupRoles {

    private final String claim;
    private final Map<String, Role> roles = new HashMap<>();

    public GroupRoles(OidcProperties properties) {
        this.claim = properties.groupsClaim();
        properties.groupRoles().forEach((group, role) -> roles.put(normalized(group), role));
    }

    /** The role the claims give, if any of their groups is mapped. */
    public Optional<Role> role(Map<String, Object> claims) {
        return groups(claims.get(claim)).stream()
                .map(g -> roles.get(normalized(g)))
                .filter(r -> r != null)
                .max(Enum::compareTo);
    }

    /** That role and the ones it includes, as authorities; none for a person in no mapped group. */
    public List<GrantedAuthority> authorities(Map<String, Object> claims) {
        return role(claims)
                .map(r -> AuthorityUtils.createAuthorityList(r.authorities()))
                .orElse(List.of());
    }

    private static List<String> groups(Object value) {
        if (value instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        if (value instanceof String one) {
            return List.of(one);
        }
        return List.of();
    }

    private static String normalized(String group) {
        String g = group.trim();
        return g.startsWith("/") ? g.substring(1) : g;
    }
}
