package io.agent7.server.schema;

import io.agent7.schema.Schema;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The schema every service works with, as a bean: code that needs the data types is given
 * it, so a test can hand it another and nothing reaches for a static.
 */
@AutoConfiguration
public class SchemaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Schema schema() {
        return Schema.standard();
    }
}
