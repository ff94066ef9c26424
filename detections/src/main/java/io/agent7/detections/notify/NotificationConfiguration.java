package io.agent7.detections.notify;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The notifier, from {@code agent7.detections.notifications.*}; closed with the context. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

    @Bean(destroyMethod = "close")
    Notifier notifier(NotificationProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new Notifier(properties, meters.getIfAvailable());
    }
}
