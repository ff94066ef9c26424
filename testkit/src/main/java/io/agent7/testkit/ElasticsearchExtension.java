package io.agent7.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class the real Elasticsearch node of its JVM ({@link TestElasticsearch#url()})
 * before its first test: {@code @ExtendWith(ElasticsearchExtension.class)}. The node is
 * started on first use and shared by every class of the JVM; a node that cannot start fails
 * the class with Elasticsearch's own reason and log lines, before any test runs into it.
 */
public final class ElasticsearchExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        TestElasticsearch.url();
    }
}
