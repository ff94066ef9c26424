package io.agent7.agent.collect.directory.sysvol;

import static io.agent7.agent.collect.directory.sysvol.TestPrincipals.DOMAIN_ADMINS;
import static io.agent7.agent.collect.directory.sysvol.TestPrincipals.SYSTEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.agent.collect.directory.DirectoryError;
import io.agent7.schema.Documents;
import io.agent7.schema.Schema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SysvolFileCollectorTest {

    static final Ace SYSTEM_FULL = new Ace(SYSTEM, Ace.Type.ALLOW, 0x1F01FF, false, false);

    /** A source that hands out fixed entries, as a walk would. */
    record FixedSource(List<SysvolEntry> entries) implements SysvolSource {
        @Override
        public void walk(Consumer<SysvolEntry> visitor) {
            entries.forEach(visitor);
        }
    }

    @Test
    void hashesContentLargerThanTheBufferAndSkipsFolders() throws Exception {
        // Not a multiple of the 64 KB buffer, so the last read is a short one.
        byte[] content = new byte[3 * 65_536 + 4_099];
        new Random(17).nextBytes(content);
        SysvolEntry folder =
                new SysvolEntry("Policies", true, 0, null, null, DOMAIN_ADMINS, List.of(SYSTEM_FULL), null);
        SysvolEntry file = new SysvolEntry(
                "Policies\\big.bin",
                false,
                content.length,
                null,
                null,
                DOMAIN_ADMINS,
                List.of(SYSTEM_FULL),
                () -> new ByteArrayInputStream(content));

        List<ObjectNode> documents = collector(folder, file).collect();

        assertThat(documents).hasSize(2);
        assertThat(Documents.get(documents.get(0), "file.hash.sha256")).isNull();
        assertThat(Documents.get(documents.get(1), "file.hash.sha256").asString())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(Documents.get(documents.get(1), "file.size").asLong()).isEqualTo(content.length);
    }

    @Test
    void aFileTheAccountMayNotReadKeepsItsDocumentWithoutHash() {
        SysvolEntry file =
                new SysvolEntry("secret.txt", false, 4, null, null, DOMAIN_ADMINS, List.of(SYSTEM_FULL), () -> {
                    throw new AccessDeniedException("secret.txt");
                });

        List<ObjectNode> documents = collector(file).collect();

        assertThat(Documents.get(documents.get(0), "file.path").asString())
                .isEqualTo("\\\\agent7.test\\SYSVOL\\agent7.test\\secret.txt");
        assertThat(Documents.get(documents.get(0), "file.hash.sha256")).isNull();
    }

    @Test
    void anyOtherReadFailureEndsTheCollectionNamingTheFile() {
        SysvolEntry file = new SysvolEntry("Policies\\x.ini", false, 4, null, null, DOMAIN_ADMINS, List.of(), () -> {
            throw new IOException("connection reset");
        });

        assertThatThrownBy(() -> collector(file).collect())
                .isInstanceOf(DirectoryError.class)
                .hasMessage("Could not read SYSVOL file Policies\\x.ini: connection reset");
    }

    @Test
    void principalsAreAskedForOncePerCollection() {
        AtomicInteger asked = new AtomicInteger();
        SysvolFileCollector collector = new SysvolFileCollector(
                Schema.standard(),
                "agent7.test",
                new FixedSource(List.of(
                        SysvolFilesTest.folder("", DOMAIN_ADMINS), SysvolFilesTest.folder("Policies", DOMAIN_ADMINS))),
                () -> {
                    asked.incrementAndGet();
                    return new TestPrincipals();
                });

        collector.collect();
        collector.collect();

        assertThat(asked).hasValue(2);
        assertThat(collector.type().name()).isEqualTo("sysvol_file");
    }

    private static SysvolFileCollector collector(SysvolEntry... entries) {
        return new SysvolFileCollector(
                Schema.standard(), "agent7.test", new FixedSource(List.of(entries)), TestPrincipals::new);
    }
}
