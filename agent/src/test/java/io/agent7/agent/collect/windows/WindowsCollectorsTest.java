package io.agent7.agent.collect.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.linux.LinuxCollectors;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WindowsCollectorsTest {

    static final Schema SCHEMA = Schema.standard();

    @Test
    void collectEveryTypeLinuxDoesAndProcessesAndTheRegistryOnceEach() {
        List<String> windows = names(WindowsCollectors.all(SCHEMA));
        List<String> linux = names(LinuxCollectors.all(SCHEMA, Path.of("/nonexistent")));

        assertThat(windows).doesNotHaveDuplicates();
        assertThat(windows)
                .containsExactlyInAnyOrderElementsOf(
                        Stream.concat(linux.stream(), Stream.of("process", "registry_value"))
                                .toList());
    }

    private static List<String> names(List<Collector> collectors) {
        return collectors.stream().map(Collector::type).map(DataType::name).toList();
    }
}
