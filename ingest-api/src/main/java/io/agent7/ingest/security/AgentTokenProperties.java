package io.agent7.ingest.security;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How agent tokens are made ({@code agent7.tokens.*}).
 *
 * @param issuer     the {@code iss} of every agent token; verifiers insist on it
 * @param lifetime   how long an access token is good for. Short on purpose: a revoked agent
 *                   is refused at the latest when its token expires, without any service
 *                   having to look the agent up on every request
 * @param keysFile   the JWK set with the signing keys (private, owner-only); created on first start
 * @param keyRotation how often a new signing key is made (default 30 days); see {@link SigningKeys}
 * @param revocationRefresh how often each instance reloads the agents revoked elsewhere (default
 *                   15 s): a revocation takes effect on every instance within this time; see
 *                   {@link RevokedAgents}
 */
@ConfigurationProperties("agent7.tokens")
public record AgentTokenProperties(
        String issuer, Duration lifetime, Path keysFile, Duration keyRotation, Duration revocationRefresh) {

    public static final String AUDIENCE = "agent7-agent";

    public AgentTokenProperties {
        issuer = issuer == null || issuer.isBlank() ? "agent7-ingest" : issuer;
        lifetime = lifetime == null ? Duration.ofMinutes(15) : lifetime;
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("agent7.tokens.lifetime must be between 1s and 24h, got " + lifetime);
        }
        keyRotation = keyRotation == null ? Duration.ofDays(30) : keyRotation;
        if (keyRotation.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("agent7.tokens.key-rotation must be at least 1m, got " + keyRotation);
        }
        revocationRefresh = revocationRefresh == null ? Duration.ofSeconds(15) : revocationRefresh;
        if (revocationRefresh.isNegative() || revocationRefresh.isZero()) {
            throw new IllegalArgumentException(
                    "agent7.tokens.revocation-refresh must be positive, got " + revocationRefresh);
        }
        if (keysFile == null) {
            throw new IllegalArgumentException(
                    "agent7.tokens.keys-file is required (set AGENT7_STATE_DIR or the property)");
        }
    }
}
