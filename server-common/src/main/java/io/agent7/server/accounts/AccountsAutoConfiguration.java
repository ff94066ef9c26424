package io.agent7.server.accounts;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.agent7.schema.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Accounts for every service that uses Spring Security: one store in Elasticsearch, and
 * the first administrator created at start from {@code agent7.bootstrap.admin-password}.
 */
@AutoConfiguration
@ConditionalOnClass(UserDetailsService.class)
@EnableConfigurationProperties(AccountsAutoConfiguration.BootstrapAdmin.class)
public class AccountsAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AccountsAutoConfiguration.class);

    /**
     * The first administrator's password ({@code agent7.bootstrap.admin-password}); the account
     * is {@code admin}. None, or blank, creates no account.
     */
    @ConfigurationProperties("agent7.bootstrap")
    public record BootstrapAdmin(String adminPassword) {

        static final int MIN_LENGTH = 12;

        public BootstrapAdmin {
            if (adminPassword != null && !adminPassword.isBlank() && adminPassword.length() < MIN_LENGTH) {
                throw new IllegalArgumentException(
                        "agent7.bootstrap.admin-password must be at least " + MIN_LENGTH + " characters");
            }
        }
    }

    @Bean
    @ConditionalOnMissingBean
    AccountStore accountStore(ElasticsearchClient client, Schema schema) {
        return new ElasticsearchAccountStore(client, schema);
    }

    @Bean
    @ConditionalOnMissingBean
    ApiTokens apiTokens(ElasticsearchClient client, Schema schema, ObjectProvider<Clock> clock) {
        return new ApiTokens(client, schema, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @ConditionalOnMissingBean
    UserDetailsService accountUserDetailsService(AccountStore accounts) {
        return new AccountUserDetailsService(accounts);
    }

    /** Runs after the schema is installed (order 0), so the account index has its mapping. */
    @Bean
    @Order(5)
    ApplicationRunner bootstrapAdmin(BootstrapAdmin bootstrap, AccountStore accounts, PasswordEncoder encoder) {
        return args -> {
            String password = bootstrap.adminPassword();
            if (password == null || password.isBlank()) {
                return;
            }
            if (accounts.create(
                    new Account("admin", encoder.encode(password), Set.of(Role.ADMIN), true, Instant.now()))) {
                log.info("Created the first administrator account, 'admin'");
            }
        };
    }
}
