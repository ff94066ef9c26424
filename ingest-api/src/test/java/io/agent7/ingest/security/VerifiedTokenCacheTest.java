package io.agent7.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        return Jwt.withTokenValue(token)
                .header("alg", "ES256")
                .subject("agent-1")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(600))
                .build();
    };

    final OAuth2TokenValidator<Jwt> notRevoked = jwt -> revoked.get()
            ? OAuth2TokenValidatorResult.failure(
                    new OAuth2Error("invalid_token", "the agent's credentials were revoked", null))
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
        assertThatThrownBy(() -> cache.decode("good-1"))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("revoked");
        revoked.set(false);
        cache.decode("good-1");
        assertThat(verifications)
                .as("a refused token is forgotten and checked afresh")
                .hasValue(2);
    }

    @Test
    void badSignaturesAreNeverRemembered() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(3);
        assertThatThrownBy(() -> cache.decode(null)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void aTokenThisInstanceSignedIsNotVerifiedAgainAndReadsAsTheVerifierReadsIt(@TempDir Path dir) {
        Clock clock = Clock.systemUTC();
        var properties = new AgentTokenProperties(null, null, dir.resolve("keys.json"), null, null);
        SigningKeys keys = SigningKeys.loadOrCreate(
                properties.keysFile(), properties.keyRotation(), Duration.ofMinutes(20), clock);
        RevokedAgents revocations = new RevokedAgents(null, properties, clock);
        // The issuing instance, with a signature check that counts; and another instance, as configured.
        VerifiedTokenCache issuing = new VerifiedTokenCache(
                signatures, jwt -> OAuth2TokenValidatorResult.success(), Duration.ofMinutes(15), 10);
        VerifiedTokenCache elsewhere =
                new SecurityConfiguration().agentJwtDecoder(keys, properties, clock, revocations);

        String token = new AgentTokens(keys, properties, clock, issuing)
                .issue("agent-1", "host-1", "web-1")
                .token();
        Jwt remembered = issuing.decode(token);
        Jwt verified = elsewhere.decode(token);

        assertThat(verifications)
                .as("no signature check of a token this instance signed")
                .hasValue(0);
        assertThat(remembered.getTokenValue()).isEqualTo(token);
        assertThat(remembered.getHeaders()).isEqualTo(verified.getHeaders());
        assertThat(remembered.getClaims()).isEqualTo(verified.getClaims());
        assertThat(remembered.getExpiresAt()).isEqualTo(verified.getExpiresAt());
        assertThat(remembered.getAudience()).containsExactly(AgentTokenProperties.AUDIENCE);

        // Only that exact token: one changed in transit is checked, and refused.
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertThatThrownBy(() -> issuing.decode(tampered)).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(1);
        assertThatThrownBy(() -> elsewhere.decode(tampered))
                .isInstanceOf(org.springframework.security.oauth2.jwt.JwtException.class);

        // The validators still run: the issuing instance refuses it once the agent is revoked.
        VerifiedTokenCache issuingForReal =
                new SecurityConfiguration().agentJwtDecoder(keys, properties, clock, revocations);
        String second = new AgentTokens(keys, properties, clock, issuingForReal)
                .issue("agent-2", "host-2", "web-2")
                .token();
        assertThat(issuingForReal.decode(second).getSubject()).isEqualTo("agent-2");
        revocations.revokedNow("agent-2");
        assertThatThrownBy(() -> issuingForReal.decode(second))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("revoked");
    }
}
