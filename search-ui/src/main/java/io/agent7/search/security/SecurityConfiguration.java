package io.agent7.search.security;

import io.agent7.server.accounts.ApiTokens;
import io.agent7.server.audit.AuditLog;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may use the console and the API, and with which role. Accounts come from the shared
 * account store (server-common); an OpenID Connect provider, when one is configured, signs
 * people in too, its groups mapped to roles ({@link OidcProperties}).
 *
 * <p>Credentials: the console's session (form or identity-provider sign-in), HTTP Basic with
 * an account's password, and bearer tokens, which are either personal API tokens an admin
 * issued ({@code a7t_...}) or the identity provider's access tokens. CSRF protection applies
 * to session requests; a request that carries its own credentials cannot be forged by
 * another site. Unauthenticated API calls get 401, a browser asking for a page a redirect to the
 * sign-in page, any other client a 401.
 *
 * <p>Roles, each including the ones before it: viewer (search, host pages, dashboard),
 * analyst (saved searches, alert triage), responder (remote response), admin (accounts, API tokens, the audit log, detection rules). Nothing
 * but the sign-in page, its assets and the probes is open without a role. A refused request
 * leaves an audit record ({@link DeniedRequests}).
 *
 * <p>Open without credentials: the sign-in page and the probes {@code /livez} and
 * {@code /readyz}, which say UP or DOWN and nothing else. The other management endpoints
 * are on the management port ({@code management.server.port}, loopback), which this chain
 * also guards: {@link EndpointRequest} matches only requests that arrive there, so they
 * stay closed on the console's port whatever path they take.
 */
@Configuration
@EnableConfigurationProperties(OidcProperties.class)
class SecurityConfiguration {

    /**
     * Scripts and styles only from the console itself (no inline script, no CDN), no plugin,
     * no framing.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self';"
            + " frame-ancestors 'none'; form-action 'self'";

    @Bean
    GroupRoles groupRoles(OidcProperties properties) {
        return new GroupRoles(properties);
    }

    @Bean
    SecurityFilterChain security(
            HttpSecurity http,
            ApiTokens tokens,
            AuditLog audit,
            GroupRoles groupRoles,
            OidcProperties oidc,
            ObjectProvider<JwtDecoder> jwtDecoder,
            ObjectProvider<ClientRegistrationRepository> oidcClients,
            ObjectProvider<AuthenticationEventPublisher> events)
            throws Exception {
        var api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        var basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("Agent7");
        // A stranger's browser is sent to the sign-in page; the API and every other client get a 401.
        var browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browsers.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        var entry = new LinkedHashMap<RequestMatcher, AuthenticationEntryPoint>();
        entry.put(api, basic);
        entry.put(browsers, new LoginUrlAuthenticationEntryPoint("/login"));
        var strangers = new DelegatingAuthenticationEntryPoint(entry);
        strangers.setDefaultEntryPoint(basic);
        ProviderManager bearer = new ProviderManager(bearerProviders(tokens, groupRoles, oidc, jwtDecoder));
        events.ifAvailable(bearer::setAuthenticationEventPublisher);
        http.authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/livez", "/readyz", "/login", "/error", "/assets/**", "/webjars/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint())
                        .permitAll()
                        .requestMatchers("/admin/**", "/api/v1/admin/**", "/api/v1/rules", "/api/v1/rules/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/saved", "/saved/**", "/api/v1/saved-searches", "/api/v1/saved-searches/**")
                        .hasRole("ANALYST")
                        .requestMatchers("/alerts", "/alerts/**", "/api/v1/alerts", "/api/v1/alerts/**")
                        .hasRole("ANALYST")
                        .requestMatchers("/response", "/response/**", "/api/v1/commands", "/api/v1/commands/**")
                        .hasRole("RESPONDER")
                        .anyRequest()
                        .hasRole("VIEWER"))
                // CSRF guards what a session cookie authenticates: a request with credentials of its own,
                // or an API call without the session cookie, rides no session. The sign-in form stays
                // guarded (a forged sign-in would put the victim in the forger's session).
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null
                        || (api.matches(request) && !hasSessionCookie(request))))
                .httpBasic(b -> b.authenticationEntryPoint(basic))
                .oauth2ResourceServer(rs -> rs.authenticationManagerResolver(request -> bearer))
                .formLogin(form -> form.loginPage("/login").permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout")
                        .invalidateHttpSession(true)
                        .clearAuthentication(true)
                        .deleteCookies("JSESSIONID"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)))
                .exceptionHandling(
                        e -> e.authenticationEntryPoint(strangers).accessDeniedHandler(new DeniedRequests(audit)));
        if (oidcClients.getIfAvailable() != null) {
            http.oauth2Login(login -> login.loginPage("/login")
                    .userInfoEndpoint(user -> user.userAuthoritiesMapper(oidcRoles(groupRoles))));
        }
        return http.build();
    }

    private static boolean hasSessionCookie(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return false;
        }
        for (Cookie cookie : request.getCookies()) {
            if (cookie.getName().equals("JSESSIONID")) {
                return true;
            }
        }
        return false;
    }

    /** Personal API tokens first; then, when an identity provider is configured, its JWTs. */
    private static List<AuthenticationProvider> bearerProviders(
            ApiTokens tokens, GroupRoles groupRoles, OidcProperties oidc, ObjectProvider<JwtDecoder> jwtDecoder) {
        List<AuthenticationProvider> providers = new ArrayList<>();
        providers.add(new ApiTokenAuthenticationProvider(tokens));
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        if (decoder != null) {
            JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(jwt -> List.copyOf(groupRoles.authorities(jwt.getClaims())));
            converter.setPrincipalClaimName(oidc.usernameClaim());
            JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(decoder);
            jwt.setJwtAuthenticationConverter(converter);
            providers.add(jwt);
        }
        return providers;
    }

    /** A person signed in through the identity provider gets the roles of their groups, and nothing else. */
    private static GrantedAuthoritiesMapper oidcRoles(GroupRoles groupRoles) {
        return authorities -> {
            List<GrantedAuthority> mapped = new ArrayList<>();
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority user) {
                    mapped.addAll(groupRoles.authorities(user.getAttributes()));
                }
            }
            return mapped;
        };
    }
}
