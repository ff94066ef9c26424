package io.agent7.search.security;

import io.agent7.server.accounts.ApiTokens;
import io.agent7.server.audit.AuditEvent;
import io.agent7.server.audit.AuditLog;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Sign-ins to the console (form or identity provider), sign-outs and every failed
 * authentication, API calls included, as audit records. A successful API call is not one:
 * scripts authenticate on every request, and their records would drown the rest.
 */
@Component
class SignInAudit {

    private final AuditLog audit;

    SignInAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        var who = event.getAuthentication();
        audit.record(new AuditEvent(
                "login",
                true,
                Actors.name(who),
                Actors.roles(who),
                address(who.getDetails()),
                "console",
                null,
                Actors.credential(who)));
    }

    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        var who = event.getAuthentication();
        audit.record(new AuditEvent(
                "logout",
                true,
                Actors.name(who),
                Actors.roles(who),
                address(who.getDetails()),
                "console",
                null,
                Map.of()));
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        var who = event.getAuthentication();
        audit.record(new AuditEvent(
                "login",
                false,
                claimed(who),
                List.of(),
                address(who.getDetails()),
                "console",
                event.getException().getMessage(),
                Map.of("authentication", who.getClass().getSimpleName())));
    }

    /**
     * Who a failed attempt claimed to be: the account name of a password, the id of an API
     * token. Never a bearer credential's own text, which would put a secret in the record.
     */
    private static String claimed(Authentication who) {
        if (who instanceof BearerTokenAuthenticationToken bearer) {
            String token = bearer.getToken();
            int dot = token.indexOf('.');
            return token.startsWith(ApiTokens.PREFIX) && dot > 0
                    ? "api_token:" + token.substring(ApiTokens.PREFIX.length(), dot)
                    : "bearer token";
        }
        return who.getName() == null ? "anonymous" : who.getName();
    }

    private static String address(Object details) {
        return details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }
}
