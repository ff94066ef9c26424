package io.agent7.server.elasticsearch;

import io.agent7.schema.Schema;
import io.agent7.schema.templates.ElasticsearchHttp;
import io.agent7.schema.templates.IndexSettings;
import io.agent7.schema.templates.SchemaInstaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;

/**
 * Makes sure the templates and indices exist before the first agent posts: a write to a
 * missing index would otherwise create it without our mapping. Idempotent, so every
 * instance of every service may run it, in any order.
 */
@Order(0)
class SchemaOnStartup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SchemaOnStartup.class);

    private final ElasticsearchHttp http;
    private final Schema schema;
    private final IndexSettings settings;

    SchemaOnStartup(ElasticsearchHttp http, Schema schema, IndexSettings settings) {
        this.http = http;
        this.schema = schema;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        SchemaInstaller.Report report = new SchemaInstaller(http, schema, settings).install();
        report.steps().stream()
                .filter(s -> s.action() != SchemaInstaller.Action.UNCHANGED)
                .forEach(s -> log.info("Schema: {}", s));
        if (!report.ok()) {
            throw new IllegalStateException("The Elasticsearch indices do not match schema version " + Schema.VERSION
                    + "; see the INCOMPATIBLE lines above");
        }
    }
}
