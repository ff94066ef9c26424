package io.agent7.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokenCacheTest {

    final AtomicInteger verifications = new AtomicInteger();
    final AtomicBoolean revoked = new AtomicBoolean();

    /** Stands in for the signature check: "good-*" tokens verify, anything else does not. */
    final JwtDecoder signatures = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good-")) {
            throw new BadJwtException("Signed JWT rejected: Invalid signature");
        }
        return Jwt.withTokenValue(token).header("alg", "ES256").subject("agent-1")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600)).build();
    };
    final OAuth2TokenValidator<Jwt> notRevoked = jwt -> revoked.get()
            ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "the agent's credentials were revoked", null))
            : OAuth2TokenValidatorResult.success();
    final VerifiedTokenCache cache = new VerifiedTokenCache(signatures, notRevoked, Duration.ofMinutes(15), 10);

    @Test
    void aTokenSignatureIsCheckedOnce() {
        for (int i = 0; i < 5; i++) {
            assertThat(cache.decode("good-1").getSubject()).isEqualTo("agent-1");
        }
        cache.decode("good-2");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void postsArrivingTogetherShareOneVerification() throws Exception {
        JwtDecoder slow = token -> {
            try {
                Thread.sleep(100); // long enough that the posts overlap
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return signatures.decode(token);
        };
        VerifiedTokenCache cache = new VerifiedTokenCache(slow, notRevoked, Duration.ofMinutes(15), 10);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var calls = new java.util.ArrayList<java.util.concurrent.Callable<Jwt>>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> cache.decode("good-1"));
            }
            for (var result : pool.invokeAll(calls)) {
                assertThat(result.get().getTokenValue()).isEqualTo("good-1");
            }
        } finally {
            pool.shutdown();
        }
        assertThat(verifications).hasValue(1);
    }

    @Test
    void validatorsRunOnEveryUseSoRevocationIsImmediate() {
        cache.decode("good-1");
        revoked.set(true);
        assertThatThrownBy(() -> cache.decode("good-1")).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("revoked");
        revoked.set(false);
        cache.decode("good-1");
        assertThat(verifications).as("a refused token is forgotten and checked afresh").hasValue(2);
    }

    @Test
    void badSignaturesAreNeverRemembered() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(3);
        assertThatThrownBy(() -> cache.decode(null)).isInstanceOf(BadJwtException.class);
    }
}
