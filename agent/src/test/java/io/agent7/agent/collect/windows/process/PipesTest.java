package io.agent7.agent.collect.windows.process;

import static io.agent7.agent.collect.Fields.has;
import static io.agent7.agent.collect.Fields.number;
import static io.agent7.agent.collect.Fields.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/** Pipes as FindFirstFileW / FindNextFileW list {@code \\.\pipe\*} on a Windows 10 host. */
class PipesTest {

    static final List<PipeEntry> LISTING = List.of(
            new PipeEntry("InitShutdown", 3),
            new PipeEntry("lsass", 4),
            new PipeEntry("ntsvcs", 3),
            new PipeEntry("Winsock2\\CatalogChangeListener-2a8-0", 1),
            new PipeEntry("mojo.5120.7364.1234567890", 1),
            new PipeEntry("PSHost.133456789.4242.DefaultAppDomain.powershell", 1),
            new PipeEntry("Überwachung-kanal", 2),
            new PipeEntry("LSASS", 4), // the same pipe seen twice while the listing ran
            new PipeEntry("", 0));

    private final List<ObjectNode> docs = Pipes.documents(LISTING);

    private ObjectNode pipe(String name) {
        return docs.stream()
                .filter(d -> name.equals(text(d, "pipe.name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no pipe " + name + " in " + docs));
    }

    @Test
    void everyNamedPipeIsOneDocumentTheServerAccepts() {
        assertThat(docs).hasSize(7);
        Fields.assertConforms("pipe", docs);
    }

    @ParameterizedTest
    @CsvSource({
        "lsass, \\\\.\\pipe\\lsass, 4",
        "Winsock2\\CatalogChangeListener-2a8-0, \\\\.\\pipe\\Winsock2\\CatalogChangeListener-2a8-0, 1",
        "Überwachung-kanal, \\\\.\\pipe\\Überwachung-kanal, 2"
    })
    void aPipeHasItsFullPathAndCurrentInstances(String name, String path, long instances) {
        ObjectNode pipe = pipe(name);
        assertThat(text(pipe, "file.path")).isEqualTo(path);
        assertThat(text(pipe, "pipe.type")).isEqualTo("named_pipe");
        assertThat(number(pipe, "pipe.current_instances")).isEqualTo(instances);
        assertThat(has(pipe, "process"))
                .as("the listing does not tell the server")
                .isFalse();
    }
}
