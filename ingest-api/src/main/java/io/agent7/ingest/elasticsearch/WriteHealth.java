package io.agent7.ingest.elasticsearch;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The write pipeline on the health endpoint: {@code ingestWrites} in the readiness group,
 * {@code ingestPipeline} in the liveness group (application.yml): {@code /readyz} and {@code /livez}
 * on the agents' port, both with details in {@code /actuator/health} on the management port.
 */
@Configuration(proxyBeanMethods = false)
class WriteHealth {

    @Bean
    HealthIndicator ingestWritesHealthIndicator(WriteWatchdog watchdog) {
        return watchdog::writes;
    }

    @Bean
    HealthIndicator ingestPipelineHealthIndicator(WriteWatchdog watchdog) {
        return watchdog::pipeline;
    }
}
