package io.agent7.ingest.enrollment;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A site key to create at start ({@code agent7.bootstrap.site-key}), so that a fresh install
 * can enroll its first agents before anyone uses the admin API.
 */
@ConfigurationProperties("agent7.bootstrap")
public record BootstrapProperties(String siteKey) {}
