package io.agent7.detections.engine;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.agent7.rules.RuleValidator;
import io.agent7.rules.elasticsearch.AlertWriter;
import io.agent7.rules.elasticsearch.RuleSearches;
import io.agent7.rules.elasticsearch.RuleStates;
import io.agent7.rules.elasticsearch.RuleStore;
import io.agent7.schema.Schema;
import java.time.Clock;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** The engine and its parts, started once the service is ready (the schema installed). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DetectionsProperties.class)
class EngineConfiguration {

    @Bean
    Clock detectionsClock() {
        return Clock.systemUTC();
    }

    @Bean
    RuleStore ruleStore(ElasticsearchClient client, Schema schema, DetectionsProperties properties) {
        return new RuleStore(client, schema, properties.builtin());
    }

    @Bean(destroyMethod = "close")
    DetectionEngine detectionEngine(
            DetectionsProperties properties,
            ElasticsearchClient client,
            Schema schema,
            RuleStore store,
            Clock detectionsClock,
            ObjectProvider<DetectionEngine.AlertListener> listeners) {
        DetectionEngine.AlertListener listener =
                listeners.getIfAvailable(() -> (rule, finding, alert) -> LoggerFactory.getLogger(DetectionEngine.class)
                        .info("Alert {} of rule {}: {}", finding.alertId(), rule.id(), finding.reason()));
        return new DetectionEngine(
                properties,
                store::rules,
                new RuleStates(client, schema),
                new RuleSearches(client, schema)::find,
                new AlertWriter(client, schema),
                new RuleRuns(client, schema, properties.instance()),
                new RuleValidator(schema, detectionsClock),
                listener,
                detectionsClock);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(DetectionEngine.class).start();
    }
}
