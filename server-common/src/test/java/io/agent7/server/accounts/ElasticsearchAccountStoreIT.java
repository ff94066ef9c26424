package io.agent7.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.agent7.schema.Schema;
import io.agent7.schema.templates.ElasticsearchHttp;
import io.agent7.schema.templates.IndexSettings;
import io.agent7.schema.templates.SchemaInstaller;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.TestElasticsearch;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchAccountStoreIT {

    @Test
    void createsOnceFindsAndRefusesADuplicateQuietly() throws Exception {
        var es = TestElasticsearch.url();
        new SchemaInstaller(new ElasticsearchHttp(es, null, null), Schema.standard(), IndexSettings.DEFAULTS).install();
        try (RestClient rest = RestClient.builder(new HttpHost(es.getHost(), es.getPort(), es.getScheme()))
                .build()) {
            var store = new ElasticsearchAccountStore(
                    new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper())),
                    Schema.standard());
            String name = "Analyst-" + UUID.randomUUID();
            Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Account account = new Account(name, "{noop}secret", Set.of(Role.ANALYST), true, created);

            assertThat(store.create(account)).isTrue();
            // A restarted service bootstraps again: that must be a quiet no-op, not a failure.
            assertThat(store.create(account)).isFalse();

            Account found = store.find(name.toLowerCase(java.util.Locale.ROOT)).orElseThrow();
            assertThat(found.name()).isEqualTo(name);
            assertThat(found.roles()).containsExactly(Role.ANALYST);
            assertThat(found.createdAt()).isEqualTo(created);
            assertThat(Role.ANALYST.authorities()).containsExactly("ROLE_VIEWER", "ROLE_ANALYST");
            assertThat(store.find("nobody-" + UUID.randomUUID())).isEmpty();
        }
    }
}
