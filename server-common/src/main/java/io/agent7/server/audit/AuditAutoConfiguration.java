package io.agent7.server.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.agent7.schema.Schema;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** One audit log per service, in the schema's {@code audit} index. */
@AutoConfiguration(
        afterName = {
            "io.agent7.server.elasticsearch.ElasticsearchAutoConfiguration",
            "io.agent7.server.schema.SchemaAutoConfiguration"
        })
public class AuditAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AuditLog auditLog(ElasticsearchClient client, Schema schema, ObjectProvider<Clock> clock) {
        return new AuditLog(client, schema, clock.getIfAvailable(Clock::systemUTC));
    }
}
