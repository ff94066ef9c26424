package io.agent7.ingest.security;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Agents authenticate with a bearer JWT on every data-plane call; enrollment, token refresh,
 * the JWKS document and the probes {@code /livez} and {@code /readyz} are open. Metrics and
 * health details are on the management port ({@code management.server.port}, loopback), which
 * these chains also guard: {@link EndpointRequest} matches only requests that arrive there,
 * so on the agents' port every other path needs a token. Stateless: no sessions, no CSRF tokens (no cookies
 * are ever used).
 */
@Configuration
class SecurityConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** A rotated-out key is kept one token lifetime and a margin, while tokens it signed may still be used. */
    @Bean
    SigningKeys signingKeys(AgentTokenProperties properties, Clock clock) {
        return SigningKeys.loadOrCreate(
                properties.keysFile(),
                properties.keyRotation(),
                properties.lifetime().plus(Duration.ofMinutes(5)),
                clock);
    }

    /**
     * No observations of the security filters, authentications or authorizations: a dozen
     * per agent post, for metrics nobody reads here. With none to make, the filters run
     * unwrapped; http.server.requests still times every request.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * People: HTTP Basic against the shared account store, admins only. Both chains are
     * stateless, for programs: no session to save a request in for after a login, no logout.
     */
    @Bean
    @Order(1)
    SecurityFilterChain adminSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/v1/admin/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("ADMIN"))
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    /** Agents: a bearer token on everything but enrollment, refresh, keys, probes and the management port. */
    @Bean
    @Order(2)
    SecurityFilterChain agentSecurity(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(
                        auth -> auth.requestMatchers(HttpMethod.POST, "/api/v1/agents/enroll", "/api/v1/agents/token")
                                .permitAll()
                                .requestMatchers(HttpMethod.GET, "/.well-known/jwks.json")
                                .permitAll()
                                .requestMatchers("/livez", "/readyz")
                                .permitAll()
                                .requestMatchers(EndpointRequest.toAnyEndpoint())
                                .permitAll()
                                .requestMatchers("/error")
                                .permitAll()
                                .anyRequest()
                                .authenticated())
                .oauth2ResourceServer(
                        oauth -> oauth.bearerTokenResolver(new BearerTokens()).jwt(jwt -> {}))
                .build();
    }

    /**
     * Verifies with the local key set: no call to any other service, so any instance can
     * verify any agent. ES256 only, which rules out {@code alg: none} and HMAC confusion.
     */
    @Bean
    VerifiedTokenCache agentJwtDecoder(
            SigningKeys keys, AgentTokenProperties properties, Clock clock, RevokedAgents revoked) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys.verificationSource())
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<java.util.List<String>>(
                "aud", aud -> aud != null && aud.contains(AgentTokenProperties.AUDIENCE));
        OAuth2TokenValidator<Jwt> hostBound =
                jwt -> jwt.getClaimAsString(AgentTokens.HOST_ID_CLAIM) != null && jwt.getSubject() != null
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(
                                new OAuth2Error("invalid_token", "token names no agent or host", null));
        OAuth2TokenValidator<Jwt> notRevoked = jwt -> revoked.isRevoked(jwt.getSubject())
                ? OAuth2TokenValidatorResult.failure(
                        new OAuth2Error("invalid_token", "the agent's credentials were revoked", null))
                : OAuth2TokenValidatorResult.success();
        // The decoder checks the signature only; the cache runs the validators on every use.
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        return new VerifiedTokenCache(
                decoder,
                new DelegatingOAuth2TokenValidator<>(
                        timestamps, new JwtIssuerValidator(properties.issuer()), audience, hostBound, notRevoked),
                properties.lifetime(),
                100_000);
    }
}
