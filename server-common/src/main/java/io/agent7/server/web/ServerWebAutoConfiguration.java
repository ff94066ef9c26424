package io.agent7.server.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Gives every service the same error bodies, Tomcat's own included, the one {@code
 * agent7.retry-after}, and the same rules for what a query string may hold.
 */
@AutoConfiguration
@EnableConfigurationProperties(ApiProperties.class)
@Import(ApiProblemHandler.class)
public class ServerWebAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class Tomcat {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> agent7TomcatRequestSettings() {
            return new TomcatRequestSettings();
        }
    }
}
