package io.agent7.agent.collect.linux;

import static io.agent7.agent.collect.Fields.has;
import static io.agent7.agent.collect.Fields.number;
import static io.agent7.agent.collect.Fields.only;
import static io.agent7.agent.collect.Fields.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import io.agent7.schema.Schema;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class PipeCollectorTest {

    @RegisterExtension
    final FixtureRoot fixture = new FixtureRoot();

    Path root;
    List<ObjectNode> docs;

    @BeforeEach
    void collect() throws Exception {
        root = fixture.root();
        docs = new PipeCollector(Schema.standard(), root).collect();
    }

    /** The owner's name as the fixture's /etc/passwd knows the uid that created the test files. */
    private String ownerOf(String path) throws Exception {
        int uid = (Integer) Files.getAttribute(root.resolve(path), "unix:uid", LinkOption.NOFOLLOW_LINKS);
        String name = Accounts.load(new Root(root)).userName(uid);
        return name != null ? name : Integer.toString(uid);
    }

    @Test
    void pathBoundSocketsAndFifosWithinTheWalkAreReported() {
        assertThat(docs)
                .extracting(d -> text(d, "pipe.type") + " " + text(d, "file.path"))
                .containsExactlyInAnyOrder(
                        "unix_socket /run/app.sock",
                        "unix_socket /run/systemd/notify",
                        "unix_socket /run/with space.sock",
                        "fifo /run/control.fifo",
                        "fifo /tmp/a/b/c/deep.fifo",
                        "fifo /var/lib/app/queue.fifo");
    }

    @Test
    void aListeningSocketNamesTheProcessServingItAndItsFilesOwnerAndMode() throws Exception {
        ObjectNode app = only(docs, "file.path", "/run/app.sock");
        assertThat(text(app, "pipe.name")).isEqualTo("app.sock");
        assertThat(text(app, "pipe.state"))
                .as("the listener wins over the accepted connection")
                .isEqualTo("listen");
        assertThat(number(app, "process.pid")).isEqualTo(400);
        assertThat(text(app, "process.name")).isEqualTo("app");
        assertThat(text(app, "file.mode")).isEqualTo("0666");
        assertThat(text(app, "file.owner")).isEqualTo(ownerOf("run/app.sock"));
    }

    @Test
    void aSocketWhoseFileIsGoneHasNoOwnerOrMode() {
        ObjectNode notify = only(docs, "file.path", "/run/systemd/notify");
        assertThat(text(notify, "pipe.state")).isEqualTo("connected");
        assertThat(has(notify, "file.mode")).isFalse();
        assertThat(has(notify, "process.pid")).isFalse();
        assertThat(number(only(docs, "file.path", "/run/with space.sock"), "process.pid"))
                .isEqualTo(400);
    }

    @Test
    void aFifoHasItsOwnerAndMode() throws Exception {
        ObjectNode fifo = only(docs, "file.path", "/run/control.fifo");
        assertThat(text(fifo, "pipe.name")).isEqualTo("control.fifo");
        assertThat(text(fifo, "file.mode")).isEqualTo("0660");
        assertThat(text(fifo, "file.owner")).isEqualTo(ownerOf("run/control.fifo"));
        assertThat(has(fifo, "pipe.state")).isFalse();
    }

    @Test
    void theWalkStopsAfterItsEntryLimit() throws Exception {
        Path flood = root.resolve("tmp/flood");
        Files.createDirectories(flood);
        for (int i = 0; i < PipeCollector.MAX_ENTRIES; i++) {
            Files.createFile(flood.resolve("f" + i));
        }
        List<ObjectNode> limited = new PipeCollector(Schema.standard(), root).collect();
        assertThat(Fields.column(limited, "file.path")).doesNotContain("/var/lib/app/queue.fifo");
    }

    @Test
    void aHostWithoutSocketsOrFifosHasNoPipes(@TempDir Path empty) {
        assertThat(new PipeCollector(Schema.standard(), empty).collect()).isEmpty();
    }
}
