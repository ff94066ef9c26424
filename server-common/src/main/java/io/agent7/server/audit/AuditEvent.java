package io.agent7.server.audit;

import java.util.List;
import java.util.Map;

/**
 * One audit record before it is written.
 *
 * @param action   what happened, e.g. {@code access.denied} or {@code api_token.issue}
 * @param success  whether it succeeded
 * @param actor    an account name, an identity provider's user, or {@code agent:<id>}
 * @param roles    the actor's roles at the time; empty for agents
 * @param sourceIp the address the request came from, or null
 * @param target   what it was done to: a path, a token id, a host id
 * @param reason   why it failed, or null
 * @param details  anything else worth keeping; values become keywords
 */
public record AuditEvent(
        String action,
        boolean success,
        String actor,
        List<String> roles,
        String sourceIp,
        String target,
        String reason,
        Map<String, ?> details) {

    public AuditEvent {
        roles = List.copyOf(roles);
    }
}
