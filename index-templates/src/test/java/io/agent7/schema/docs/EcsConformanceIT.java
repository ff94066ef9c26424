package io.agent7.schema.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every field that has an ECS name has ECS's type, or one of the fallbacks in
 * {@link EcsFallbacks}. An IT because it needs the ECS release that {@code ./agent7 test}
 * downloads; without it, it fails with a message saying so.
 */
class EcsConformanceIT {

    @Test
    void everyFieldWithAnEcsNameHasTheEcsTypeOrADocumentedFallback() throws IOException {
        Path file = EcsFlat.location();
        Map<String, EcsFlat.EcsField> ecs = EcsFlat.read(file);
        // A sanity check on the parse: a broken cut would yield nothing to compare with and pass.
        assertThat(ecs)
                .as("ECS fields read from " + file)
                .hasSizeGreaterThan(500)
                .containsKeys("@timestamp", "process.command_line", "labels");

        List<DataType> types = new ArrayList<>(Schema.standard().types());
        types.addAll(Schema.standard().serverTypes());
        List<String> mismatches = EcsConformance.mismatches(types, ecs);

        assertThat(mismatches)
                .as("Fields whose type differs from ECS (" + file
                        + "). Map them as ECS does, or, when ECS's type cannot"
                        + " be used, add a fallback with its reason to io.agent7.schema.docs.EcsFallbacks:\n  "
                        + String.join("\n  ", mismatches) + "\n")
                .isEmpty();
    }
}
