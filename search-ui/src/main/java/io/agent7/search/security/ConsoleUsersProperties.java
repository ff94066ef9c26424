package io.agent7.search.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator ({@code agent7.bootstrap.admin-password}): a fresh install has
 * one account, {@code admin}, with this password. Without it the console has no accounts
 * and refuses every login.
 */
@ConfigurationProperties("agent7.bootstrap")
public record ConsoleUsersProperties(String adminPassword) {
}
