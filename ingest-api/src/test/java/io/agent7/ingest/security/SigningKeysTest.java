package io.agent7.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class SigningKeysTest {

    static final Duration ROTATION = Duration.ofDays(30);
    static final Duration RETENTION = Duration.ofMinutes(20);

    @TempDir
    Path dir;

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void rotatesKeepsTheOldKeyWhileItsTokensLiveThenDropsIt() throws Exception {
        MovableClock clock = new MovableClock();
        Path file = dir.resolve("signing-keys.json");
        SigningKeys keys = SigningKeys.loadOrCreate(file, ROTATION, RETENTION, clock);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String first = keys.current().getKeyID();
        String oldToken = sign(keys);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys.verificationSource())
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        decoder.setJwtValidator(jwt -> org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.success());

        clock.now = clock.now.plus(Duration.ofDays(10));
        keys.rotateIfDue();
        assertThat(keys.current().getKeyID()).as("not due yet").isEqualTo(first);

        clock.now = clock.now.plus(Duration.ofDays(21));
        keys.rotateIfDue();
        assertThat(keys.current().getKeyID()).isNotEqualTo(first);
        assertThat(keys.all()).hasSize(2);
        assertThat(keys.publicSet().getKeys())
                .allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
        assertThat(decoder.decode(oldToken).getSubject()).isEqualTo("agent-1");
        assertThat(decoder.decode(sign(keys)).getSubject()).isEqualTo("agent-1");

        // Another instance sharing the file sees the new key on its next reload.
        SigningKeys other = SigningKeys.loadOrCreate(file, ROTATION, RETENTION, clock);
        assertThat(other.current().getKeyID()).isEqualTo(keys.current().getKeyID());

        clock.now = clock.now.plus(RETENTION).plusSeconds(1);
        keys.rotateIfDue();
        assertThat(keys.all()).hasSize(1);
        assertThatThrownBy(() -> decoder.decode(oldToken)).isInstanceOf(BadJwtException.class);
    }

    private static String sign(SigningKeys keys) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(keys.current().getKeyID())
                        .build(),
                new JWTClaimsSet.Builder().subject("agent-1").build());
        jwt.sign(new ECDSASigner(keys.current()));
        return jwt.serialize();
    }
}
