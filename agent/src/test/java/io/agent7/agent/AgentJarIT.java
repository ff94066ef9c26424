package io.agent7.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The jar that goes to endpoints ships only what the agent runs: no fleet simulator, none of
 * the server's schema tooling (index templates, Kibana objects, generated docs), no test
 * vectors. Reads the shaded jar, so it runs after {@code package} (Failsafe, in {@code verify}).
 */
class AgentJarIT {

    static final Path JAR = Path.of("target", "agent.jar");

    static List<String> entries() throws Exception {
        assertThat(JAR)
                .as("the shaded agent jar; build it with mvn verify -pl agent -am")
                .exists();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            return jar.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void carriesTheAgentTheProtocolAndTheSchemaModel() throws Exception {
        assertThat(entries())
                .contains(
                        "io/agent7/agent/Main.class",
                        "io/agent7/agent/runtime/CollectionScheduler.class",
                        "io/agent7/protocol/ProtocolCodec.class",
                        "io/agent7/schema/Schema.class");
    }

    @Test
    void carriesNoSimulatorNoSchemaToolingAndNoTestVectors() throws Exception {
        assertThat(entries())
                .noneMatch(name -> name.startsWith("io/agent7/simulator/"))
                .noneMatch(name -> name.startsWith("io/agent7/agent/simulate/"))
                .noneMatch(name -> name.startsWith("io/agent7/agent/fleet/"))
                .noneMatch(name -> name.startsWith("io/agent7/schema/templates/"))
                .noneMatch(name -> name.startsWith("io/agent7/schema/kibana/"))
                .noneMatch(name -> name.startsWith("io/agent7/schema/docs/"))
                .noneMatch(name -> name.endsWith("document-id-vectors.json"));
    }

    @Test
    void offersNoSimulateCommand() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Main.run(
                new String[] {"simulate", "--server", "https://127.0.0.1:1", "--site-key", "k"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("Unknown command 'simulate'")
                .doesNotContain("simulate --server");
    }
}
