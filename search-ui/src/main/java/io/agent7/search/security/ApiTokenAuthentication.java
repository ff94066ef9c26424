package io.agent7.search.security;

import io.agent7.server.accounts.ApiToken;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** A request authenticated by a personal API token: it acts as the token's owner, with the token's roles. */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final ApiToken token;

    ApiTokenAuthentication(ApiToken token) {
        super(AuthorityUtils.createAuthorityList(token.topRole().authorities()));
        this.token = token;
        setAuthenticated(true);
    }

    public ApiToken token() {
        return token;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return token.owner();
    }

    @Override
    public String getName() {
        return token.owner();
    }
}
