package io.agent7.agent.collect.directory.sysvol;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.directory.DirectorySettings;
import io.agent7.schema.Documents;
import io.agent7.schema.Schema;
import io.agent7.testkit.SambaDomainController;
import io.agent7.testkit.TestSysvol;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks the SYSVOL of the real Samba AD DC the build runs against, over SMB. It fails rather
 * than skips when the DC cannot be reached: a directory collector not tested against a DC is
 * not tested.
 *
 * <p>The DC is the run's ({@link SambaDomainController#shared()}): the one {@code ./agent7 test}
 * started, or one of this JVM's own; its SYSVOL folder on disk gives the hashes to compare with.
 */
class SmbSysvolIT {

    static final SambaDomainController DC = SambaDomainController.shared();
    static final String HOST = DC.address();
    static final String DOMAIN = DC.domain();
    static final String PASSWORD = DC.adminPassword();
    static final String NETBIOS = DC.netbiosDomain();
    static final String DEFAULT_DOMAIN_POLICY = "{31B2F340-016D-11D2-945F-00C04FB984F9}";
    /** Below Policies but in no GPO's folder: the kind of file someone drops in and forgets. */
    static final String WRITABLE = "Policies\\agent7-sysvol-it.ini";

    static final byte[] WRITABLE_CONTENT =
            "[General]\r\nWritten by SmbSysvolIT\r\n".getBytes(StandardCharsets.US_ASCII);

    static String domainSid;
    static List<ObjectNode> documents;

    @BeforeAll
    static void collect() throws Exception {
        try (TestSysvol sysvol = TestSysvol.on(DC)) {
            sysvol.fileDomainUsersMayModify(WRITABLE, WRITABLE_CONTENT);
            domainSid = sysvol.domainSid();
        }
        DirectorySettings settings = new DirectorySettings(
                DOMAIN,
                List.of(DC.ldapsUrl()),
                DirectorySettings.Tls.VERIFY,
                DC.caCertificate(),
                DirectorySettings.Auth.SIMPLE,
                NETBIOS + "\\" + DC.adminUser(),
                PASSWORD.toCharArray(),
                null,
                null,
                HOST,
                0,
                Duration.ofSeconds(20));
        documents = new SysvolFileCollector(
                        Schema.standard(),
                        DOMAIN,
                        new SmbSysvol(settings),
                        () -> new TestPrincipals(domainSid, NETBIOS))
                .collect();
    }

    @AfterAll
    static void removeWritableFile() {
        try (TestSysvol sysvol = TestSysvol.on(DC)) {
            sysvol.remove(WRITABLE);
        }
    }

    @Test
    void theDefaultDomainPolicysGptIniIsCollectedWithItsHashAndDacl() throws Exception {
        String path = SysvolFiles.root(DOMAIN) + "\\Policies\\" + DEFAULT_DOMAIN_POLICY + "\\GPT.INI";
        ObjectNode gptIni = only(path);

        assertThat(text(gptIni, "sysvol_file.gpo_guid")).isEqualTo(DEFAULT_DOMAIN_POLICY);
        assertThat(text(gptIni, "file.name")).isEqualTo("GPT.INI");
        assertThat(text(gptIni, "file.type")).isEqualTo("file");
        if (DC.external()) {
            assertThat(text(gptIni, "file.hash.sha256")).matches("[0-9a-f]{64}");
        } else {
            // This kit's DC: the file on its disk is what the share served.
            Path onDisk = DC.sysvol()
                    .resolve(DOMAIN)
                    .resolve("Policies")
                    .resolve(DEFAULT_DOMAIN_POLICY)
                    .resolve("GPT.INI");
            assertThat(text(gptIni, "file.hash.sha256")).isEqualTo(sha256(Files.readAllBytes(onDisk)));
            assertThat(Documents.get(gptIni, "file.size").asLong()).isEqualTo(Files.size(onDisk));
        }
        assertThat(text(gptIni, "file.mtime")).isNotBlank();
        assertThat(text(gptIni, "file.created")).isNotBlank();
        assertThat(text(gptIni, "file.owner")).isNotBlank();
        assertThat(text(gptIni, "sysvol_file.domain")).isEqualTo(DOMAIN);
        List<String> principals = SysvolFilesTest.texts(gptIni, "sysvol_file.aces", "principal");
        assertThat(principals).isNotEmpty().contains("NT AUTHORITY\\SYSTEM");
        assertThat(principals).containsAnyOf(NETBIOS + "\\Domain Admins", "BUILTIN\\Administrators");
        assertThat(Documents.get(gptIni, "sysvol_file.non_privileged_write")).isNotNull();
    }

    @Test
    void aFileDomainUsersMayModifyIsFlagged() throws Exception {
        ObjectNode writable = only(SysvolFiles.root(DOMAIN) + "\\" + WRITABLE);

        assertThat(Documents.get(writable, "sysvol_file.non_privileged_write").asBoolean())
                .isTrue();
        assertThat(SysvolFilesTest.texts(writable, "sysvol_file.writable_by"))
                .containsExactly(NETBIOS + "\\Domain Users");
        assertThat(text(writable, "file.hash.sha256")).isEqualTo(sha256(WRITABLE_CONTENT));
        assertThat(Documents.get(writable, "sysvol_file.gpo_guid")).isNull();
    }

    @Test
    void everyFolderOfTheShareIsADirectoryWithoutHash() {
        ObjectNode policies = only(SysvolFiles.root(DOMAIN) + "\\Policies");
        ObjectNode root = only(SysvolFiles.root(DOMAIN));

        assertThat(text(policies, "file.type")).isEqualTo("dir");
        assertThat(Documents.get(policies, "file.hash.sha256")).isNull();
        assertThat(text(root, "file.type")).isEqualTo("dir");
        assertThat(text(
                        only(SysvolFiles.root(DOMAIN) + "\\Policies\\" + DEFAULT_DOMAIN_POLICY),
                        "sysvol_file.gpo_guid"))
                .isEqualTo(DEFAULT_DOMAIN_POLICY);
    }

    @Test
    void everyDocumentIsValidForTheSchema() {
        Schema schema = Schema.standard();
        for (ObjectNode document : documents) {
            schema.normalizer(schema.require("sysvol_file")).normalize(document);
        }
        assertThat(documents).hasSizeGreaterThan(10);
    }

    static ObjectNode only(String path) {
        List<ObjectNode> found = documents.stream()
                .filter(d -> path.equalsIgnoreCase(text(d, "file.path")))
                .toList();
        assertThat(found).as("documents with file.path " + path).hasSize(1);
        return found.get(0);
    }

    static String text(JsonNode document, String path) {
        JsonNode value = Documents.get(document, path);
        return value == null ? null : value.asString();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
