package io.agent7.search.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/** Who may use the console and the API. */
@Configuration
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService consoleUsers(ConsoleUsersProperties properties, PasswordEncoder encoder) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        if (properties.adminPassword() == null || properties.adminPassword().isBlank()) {
            log.warn("No agent7.bootstrap.admin-password set: the console has no accounts");
        } else {
            UserDetails admin = User.withUsername("admin").password(encoder.encode(properties.adminPassword()))
                    .roles("ADMIN", "RESPONDER", "ANALYST", "VIEWER").build();
            users.createUser(admin);
        }
        return users;
    }

    /**
     * One chain for both: scripts call the API with HTTP Basic, the console's pages call it
     * with their session. CSRF protection applies to session requests; a request that
     * carries its own credentials cannot be forged by another site. Unauthenticated API calls
     * get 401, pages a redirect to the login form.
     */
    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        var api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        var basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("Agent7");
        return http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/login", "/error").permitAll()
                        .anyRequest().hasRole("VIEWER"))
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
                .httpBasic(b -> b.authenticationEntryPoint(basic))
                .formLogin(Customizer.withDefaults())
                .logout(Customizer.withDefaults())
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(basic, api))
                .build();
    }
}
