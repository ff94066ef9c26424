package io.agent7.search.rules;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.agent7.rules.elasticsearch.RuleSearches;
import io.agent7.rules.elasticsearch.RuleStates;
import io.agent7.rules.elasticsearch.RuleStore;
import io.agent7.schema.Schema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rules as the detection service runs them: the built-in pack and the saved rules, with their states. */
@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

    @Bean
    RuleStore ruleStore(ElasticsearchClient client, Schema schema) {
        return new RuleStore(client, schema, true);
    }

    @Bean
    RuleStates ruleStates(ElasticsearchClient client, Schema schema) {
        return new RuleStates(client, schema);
    }

    @Bean
    RuleSearches ruleSearches(ElasticsearchClient client, Schema schema) {
        return new RuleSearches(client, schema);
    }
}
