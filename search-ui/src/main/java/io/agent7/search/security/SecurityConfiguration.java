package io.agent7.search.security;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/** Who may use the console and the API. Accounts come from the shared account store (server-common). */
@Configuration
class SecurityConfiguration {

    /**
     * One chain for both: scripts call the API with HTTP Basic, the console's pages call it
     * with their session. CSRF protection applies to session requests; a request that
     * carries its own credentials cannot be forged by another site. Unauthenticated API calls
     * get 401, pages a redirect to the login form.
     *
     * <p>Open without credentials: the login page and the probes {@code /livez} and
     * {@code /readyz}, which say UP or DOWN and nothing else. The other management endpoints
     * are on the management port ({@code management.server.port}, loopback), which this chain
     * also guards: {@link EndpointRequest} matches only requests that arrive there, so they
     * stay closed on the console's port whatever path they take.
     */
    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        var api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        var basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("Agent7");
        return http.authorizeHttpRequests(auth -> auth.requestMatchers("/livez", "/readyz", "/login", "/error")
                        .permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint())
                        .permitAll()
                        .anyRequest()
                        .hasRole("VIEWER"))
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
                .httpBasic(b -> b.authenticationEntryPoint(basic))
                .formLogin(Customizer.withDefaults())
                .logout(Customizer.withDefaults())
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(basic, api))
                .build();
    }
}
