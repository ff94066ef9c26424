package io.agent7.detections.retention;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.agent7.schema.Schema;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Runs {@link Retention} every {@code agent7.retention.interval} once the service is ready. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    @Bean
    Retention retention(ElasticsearchClient client, Schema schema, RetentionProperties properties) {
        return new Retention(client, schema, properties, Clock.systemUTC());
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService retentionScheduler() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "retention");
            thread.setDaemon(true);
            return thread;
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void start(ApplicationReadyEvent event) {
        var context = event.getApplicationContext();
        RetentionProperties properties = context.getBean(RetentionProperties.class);
        Retention retention = context.getBean(Retention.class);
        log.info("Retention: {}", properties.describe());
        context.getBean("retentionScheduler", ScheduledExecutorService.class)
                .scheduleWithFixedDelay(
                        () -> runOnce(retention),
                        properties.initialDelay().toMillis(),
                        properties.interval().toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    /** One pass, logged; a failure is logged and the next pass tries again. */
    static void runOnce(Retention retention) {
        try {
            Retention.Pass pass = retention.run();
            if (pass.indicesDeleted().isEmpty() && pass.removedTotal() == 0) {
                log.info("Retention pass: nothing old enough to delete");
            } else {
                log.info(
                        "Retention pass: deleted {} daily indices {}, {} removed items {} ({} changed since and kept)",
                        pass.indicesDeleted().size(),
                        pass.indicesDeleted(),
                        pass.removedTotal(),
                        pass.removedDeleted(),
                        pass.keptChanged());
            }
        } catch (RuntimeException e) {
            log.warn("Retention pass failed, tried again in the next: {}", e.toString());
        }
    }
}
