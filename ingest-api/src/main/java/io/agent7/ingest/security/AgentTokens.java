package io.agent7.ingest.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Issues the short-lived access tokens agents present on every call. */
@Component
public class AgentTokens {

    public static final String HOST_ID_CLAIM = "host_id";
    public static final String HOST_NAME_CLAIM = "host_name";

    private final SigningKeys keys;
    private final AgentTokenProperties properties;
    private final Clock clock;
    private final VerifiedTokenCache verified;

    AgentTokens(SigningKeys keys, AgentTokenProperties properties, Clock clock, VerifiedTokenCache verified) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
        this.verified = verified;
    }

    /** A signed token and when it expires. */
    public record Issued(String token, Instant expiresAt) {}

    public Issued issue(String agentId, String hostId, String hostName) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.lifetime());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .audience(AgentTokenProperties.AUDIENCE)
                .subject(agentId)
                .claim(HOST_ID_CLAIM, hostId)
                .claim(HOST_NAME_CLAIM, hostName)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
        ECKey key = keys.current();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an agent token with key " + key.getKeyID(), e);
        }
        String token = jwt.serialize();
        verified.issued(token);
        return new Issued(token, expires);
    }
}
