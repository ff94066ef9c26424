package io.agent7.ingest.security;

import org.springframework.security.oauth2.jwt.Jwt;

/** The agent a verified token speaks for, and the one host it may write. */
public record AgentPrincipal(String agentId, String hostId, String hostName) {

    public static AgentPrincipal of(Jwt jwt) {
        return new AgentPrincipal(
                jwt.getSubject(),
                jwt.getClaimAsString(AgentTokens.HOST_ID_CLAIM),
                jwt.getClaimAsString(AgentTokens.HOST_NAME_CLAIM));
    }
}
