package io.agent7.agent.collect.windows.software;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.windows.update.WindowsUpdateCollector;
import io.agent7.schema.Schema;
import org.junit.jupiter.api.Test;

/** The collectors are built like the Linux ones, and building one touches no Windows library. */
class WindowsSoftwareCollectorTest {

    @Test
    void eachCollectorIsOfItsSchemaType() {
        assertThat(new WindowsSoftwareCollector(Schema.standard()).type().name())
                .isEqualTo("software");
        assertThat(new WindowsUpdateCollector(Schema.standard()).type().name()).isEqualTo("update");
    }
}
