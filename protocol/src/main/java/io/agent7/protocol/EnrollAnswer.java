package io.agent7.protocol;

import java.time.Instant;

/**
 * What enrollment gives an agent: its identity, a short-lived access token and the refresh
 * credential for the next ones.
 *
 * @param expiresIn     seconds the access token has left when answered
 * @param caCertificate the CA of the server's certificate, PEM, for the agent to pin; absent
 *                      when the server has none to hand out
 * @param commandKey    the public half of the key response commands are signed with, PEM, for
 *                      the agent to pin; absent when the server runs no remote response, and
 *                      then the agent refuses every command
 */
public record EnrollAnswer(
        String agentId,
        String hostId,
        String accessToken,
        String tokenType,
        long expiresIn,
        Instant expiresAt,
        String refreshToken,
        String caCertificate,
        String commandKey)
        implements ProtocolMessage {}
