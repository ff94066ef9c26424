package io.agent7.protocol;

import java.time.Instant;

/** @param expiresIn seconds the token has left when answered */
public record TokenAnswer(String accessToken, String tokenType, long expiresIn, Instant expiresAt)
        implements ProtocolMessage {}
