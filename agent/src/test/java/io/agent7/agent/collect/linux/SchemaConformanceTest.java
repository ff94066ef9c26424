package io.agent7.agent.collect.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.Fields;
import io.agent7.agent.collect.FieldsByOsTest;
import io.agent7.agent.collect.ProcessCollector;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import oshi.SystemInfo;
import tools.jackson.databind.node.ObjectNode;

/** What every Linux collector sends is what the server accepts, and each item has its own id. */
class SchemaConformanceTest {

    @RegisterExtension
    final FixtureRoot fixture = new FixtureRoot();

    @Test
    void thereIsOneCollectorPerHostTypeLinuxHasAndNoneForTheRegistry() {
        List<String> types = LinuxCollectors.all(Schema.standard(), Path.of("/")).stream()
                .map(c -> c.type().name())
                .toList();
        Set<String> hostTypes = Schema.standard().types().stream()
                .map(DataType::name)
                .filter(t -> !t.startsWith("ad_") && !t.equals("gpo") && !t.equals("sysvol_file"))
                .collect(Collectors.toSet());
        assertThat(types).hasSize(15).doesNotHaveDuplicates().doesNotContain("registry_value", "host", "process");
        assertThat(hostTypes).containsAll(types);
        Set<String> missing = new HashSet<>(hostTypes);
        types.forEach(missing::remove);
        assertThat(missing)
                .as("host is reported at check-in, processes by ProcessCollector")
                .containsExactlyInAnyOrder("host", "process", "registry_value");
    }

    @Test
    void everyDocumentFromTheFixtureRootPassesTheServersValidation() throws Exception {
        assertConforms(LinuxCollectors.all(Schema.standard(), fixture.root()), true);
    }

    @Test
    @Tag(FieldsByOsTest.LIVE_HOST)
    void everyDocumentFromThisMachinePassesTheServersValidation() {
        assertConforms(LinuxCollectors.all(Schema.standard(), Path.of("/")), false);
    }

    @Test
    void everyProcessOfThisMachinePassesTheServersValidation() {
        // On Linux, processes come from the portable collector, not from one of LinuxCollectors.
        // Not tagged LIVE_HOST: every Linux machine's processes fill the same fields.
        assertConforms(List.of(new ProcessCollector(Schema.standard(), new SystemInfo().getOperatingSystem())), true);
    }

    private static void assertConforms(List<Collector> collectors, boolean everyTypeHasDocuments) {
        for (Collector collector : collectors) {
            DataType type = collector.type();
            List<ObjectNode> docs = collector.collect();
            if (everyTypeHasDocuments) {
                assertThat(docs).as(type.name() + " from the fixture").isNotEmpty();
            }
            if (!docs.isEmpty()) {
                Fields.assertConforms(type.name(), docs);
            }
        }
    }
}
