package io.agent7.agent.collect.windows.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Collector;
import io.agent7.schema.Schema;
import org.junit.jupiter.api.Test;

class WindowsProcessCollectorsTest {

    @Test
    void oneCollectorPerTypeIsMadeWithoutLoadingAWindowsLibrary() {
        assertThat(WindowsProcessCollectors.all(Schema.standard()))
                .extracting((Collector c) -> c.type().name())
                .containsExactly("process", "network_connection", "pipe", "system_metric", "disk");
    }
}
