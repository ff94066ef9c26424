package io.agent7.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * A node of a test's own, started from the integration-test distribution as the tests'
 * shared node is: its data outlives a stop and a SIGKILL, and {@code close} leaves nothing.
 */
class ElasticsearchNodeIT {

    @Test
    void keepsItsDataAcrossAStopAndASigkillAndLeavesNothingWhenClosed() {
        ElasticsearchNode node = ElasticsearchNode.start("node-it");
        try {
            URI es = node.url();
            assertThat(es.getHost()).isEqualTo("127.0.0.1");
            TestElasticsearch.send(es, "PUT", "/kept/_doc/1?refresh=true", "{\"n\":1}");
            // Not refreshed before the kill: only the translog holds it.
            TestElasticsearch.send(es, "PUT", "/kept/_doc/2", "{\"n\":2}");

            node.stop();
            assertThat(node.pid()).isEmpty();
            node.startAgain();
            assertThat(TestElasticsearch.get(es, "/kept/_doc/1").path("found").asBoolean())
                    .isTrue();

            long pid = node.pid().orElseThrow().pid();
            node.kill();
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
            node.startAgain();
            assertThat(TestElasticsearch.get(es, "/kept/_doc/2").path("found").asBoolean())
                    .as("a write acknowledged before the SIGKILL, replayed from the translog")
                    .isTrue();
            assertThat(TestElasticsearch.get(es, "/_nodes/_local").toString())
                    .contains("\"version\":\"" + node.version() + "\"");
            assertThat(TestElasticsearch.get(es, "/_nodes/_local/jvm").toString())
                    .as("the node's temporary files in its own folder, removed with it")
                    .contains("-Djava.io.tmpdir=" + node.dir().resolve("tmp"));
        } finally {
            node.close();
        }
        assertThat(node.dir()).doesNotExist();
        assertThat(node.pid()).isEmpty();
    }
}
