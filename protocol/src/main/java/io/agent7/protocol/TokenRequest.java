package io.agent7.protocol;

/** {@code POST /api/v1/agents/token}: a fresh access token for the refresh credential. */
public record TokenRequest(String agentId, String refreshToken) implements ProtocolMessage {}
