package io.agent7.search.security;

import io.agent7.server.accounts.ApiTokens;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Bearer credentials that are personal API tokens ({@code a7t_...}). Any other bearer
 * credential is left to the next provider, the identity provider's JWTs.
 */
final class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    private final ApiTokens tokens;

    ApiTokenAuthenticationProvider(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String text = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (!text.startsWith(ApiTokens.PREFIX)) {
            return null;
        }
        return tokens.authenticate(text)
                .map(ApiTokenAuthentication::new)
                .orElseThrow(() -> new InvalidBearerTokenException("The API token is unknown, revoked or expired"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
