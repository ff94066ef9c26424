package io.agent7.search.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who a request came from, as audit records name them. */
public final class Actors {

    private Actors() {}

    /** {@code viewer}, {@code analyst}, ... from the {@code ROLE_} authorities; nothing else. */
    public static List<String> roles(Authentication authentication) {
        if (authentication == null) {
            return List.of();
        }
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()).toLowerCase(Locale.ROOT))
                .sorted()
                .toList();
    }

    public static String name(Authentication authentication) {
        return authentication == null ? "anonymous" : authentication.getName();
    }

    /** How the request authenticated: the API token's id, or the kind of credential. */
    public static Map<String, String> credential(Authentication authentication) {
        Map<String, String> details = new LinkedHashMap<>();
        if (authentication instanceof ApiTokenAuthentication token) {
            details.put("api_token", token.token().id());
        } else if (authentication != null) {
            details.put("authentication", authentication.getClass().getSimpleName());
        }
        return details;
    }
}
