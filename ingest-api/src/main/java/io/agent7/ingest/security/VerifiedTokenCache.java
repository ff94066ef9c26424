package io.agent7.ingest.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;

/**
 * Checks an agent token's signature once and remembers the result, so that an agent's
 * posts cost no elliptic-curve verification after its first (on Java 17, one ES256
 * verification costs about as much CPU as parsing a hundred documents).
 *
 * <p>Only the signature check is remembered: every use of a token runs the validators
 * again, so expiry and revocation take effect exactly as they do without the cache. A
 * token's entry is dropped after {@code lifetime} (a token is never valid for longer), and
 * the cache holds at most {@code maximumSize} tokens, one per active agent. A token this
 * instance signs (at enrollment and refresh) is remembered as it is issued: its signer
 * knows it is authentic, so an agent's first posts to the instance it enrolled with cost
 * no verification either.
 */
final class VerifiedTokenCache implements JwtDecoder {

    /** What the verifier turns claims into (times as Instants, aud as a list): the same here. */
    private static final MappedJwtClaimSetConverter CLAIMS = MappedJwtClaimSetConverter.withDefaults(Map.of());

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    /**
     * @param verifier  parses and checks the signature; validates nothing else
     * @param validator what every use of a token must pass: times, issuer, revocation
     */
    VerifiedTokenCache(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, Duration lifetime, long maximumSize) {
        this.verifier = verifier;
        this.validator = validator;
        this.verified = Caffeine.newBuilder()
                .expireAfterWrite(lifetime)
                .maximumSize(maximumSize)
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        if (token == null) {
            throw new BadJwtException("No token");
        }
        // One verification per token even when an agent's first posts arrive at once.
        Jwt jwt = verified.get(token, verifier::decode);
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            verified.invalidate(token);
            String description = result.getErrors().iterator().next().getDescription();
            throw new JwtValidationException("Invalid token: " + description, result.getErrors());
        }
        return jwt;
    }

    /**
     * Remembers a token this instance has just signed. It is read back from its serialized
     * form, as the verifier reads it, so both give the same {@link Jwt}; the validators still
     * run on every use.
     */
    void issued(String token) {
        SignedJWT parsed;
        Map<String, Object> claims;
        try {
            parsed = SignedJWT.parse(token);
            claims = CLAIMS.convert(parsed.getJWTClaimsSet().getClaims());
        } catch (ParseException e) {
            throw new IllegalStateException("A token this instance signed does not parse", e);
        }
        Map<String, Object> headers = new LinkedHashMap<>(parsed.getHeader().toJSONObject());
        verified.put(
                token,
                Jwt.withTokenValue(token)
                        .headers(h -> h.putAll(headers))
                        .claims(c -> c.putAll(claims))
                        .build());
    }
}
