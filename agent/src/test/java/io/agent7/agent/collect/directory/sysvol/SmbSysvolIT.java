package io.agent7.agent.collect.directory.sysvol;

import static org.assertj.core.api.Assertions.assertThat;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.msdtyp.SID;
import com.hierynomus.msdtyp.SecurityDescriptor;
import com.hierynomus.msdtyp.SecurityInformation;
import com.hierynomus.msdtyp.ace.AceFlags;
import com.hierynomus.msdtyp.ace.AceTypes;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import io.agent7.agent.collect.directory.DirectorySettings;
import io.agent7.schema.Documents;
import io.agent7.schema.Schema;
import io.agent7.testkit.SambaDomainController;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
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
    static final Path SYSVOL_ON_DISK = DC.sysvol();
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
        domainSid = placeWritableFile();
        DirectorySettings settings = new DirectorySettings(
                DOMAIN,
                List.of(DC.ldapsUrl()),
                DirectorySettings.Tls.VERIFY,
                DC.caCertificate(),
                DirectorySettings.Auth.SIMPLE,
                NETBIOS + "\\Administrator",
                PASSWORD.toCharArray(),
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
    static void removeWritableFile() throws Exception {
        try (Admin admin = new Admin()) {
            admin.share.rm(DOMAIN + "\\" + WRITABLE);
        }
    }

    @Test
    void theDefaultDomainPolicysGptIniIsCollectedWithItsHashAndDacl() throws Exception {
        String path = SysvolFiles.root(DOMAIN) + "\\Policies\\" + DEFAULT_DOMAIN_POLICY + "\\GPT.INI";
        ObjectNode gptIni = only(path);
        Path onDisk = SYSVOL_ON_DISK
                .resolve(DOMAIN)
                .resolve("Policies")
                .resolve(DEFAULT_DOMAIN_POLICY)
                .resolve("GPT.INI");

        assertThat(text(gptIni, "sysvol_file.gpo_guid")).isEqualTo(DEFAULT_DOMAIN_POLICY);
        assertThat(text(gptIni, "file.name")).isEqualTo("GPT.INI");
        assertThat(text(gptIni, "file.type")).isEqualTo("file");
        assertThat(text(gptIni, "file.hash.sha256")).isEqualTo(sha256(Files.readAllBytes(onDisk)));
        assertThat(Documents.get(gptIni, "file.size").asLong()).isEqualTo(Files.size(onDisk));
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

    /**
     * Writes the test file as Administrator and gives it a DACL in which Domain Users may
     * modify it; returns the domain's SID, read from the owner of the share's domain folder.
     */
    static String placeWritableFile() throws Exception {
        try (Admin admin = new Admin()) {
            String sharePath = DOMAIN + "\\" + WRITABLE;
            try (File file = admin.share.openFile(
                            sharePath,
                            EnumSet.of(AccessMask.GENERIC_WRITE, AccessMask.WRITE_DAC),
                            null,
                            SMB2ShareAccess.ALL,
                            SMB2CreateDisposition.FILE_OVERWRITE_IF,
                            null);
                    OutputStream out = file.getOutputStream()) {
                out.write(WRITABLE_CONTENT);
            }
            SecurityDescriptor policy = admin.share.getSecurityInfo(
                    DOMAIN + "\\Policies\\" + DEFAULT_DOMAIN_POLICY,
                    EnumSet.of(SecurityInformation.OWNER_SECURITY_INFORMATION));
            String domainAdmins = policy.getOwnerSid().toString();
            assertThat(domainAdmins)
                    .as("the Default Domain Policy's owner, Domain Admins")
                    .endsWith("-512");
            String sid = domainAdmins.substring(0, domainAdmins.length() - "-512".length());
            Set<AccessMask> modify = EnumSet.of(
                    AccessMask.FILE_READ_DATA,
                    AccessMask.FILE_WRITE_DATA,
                    AccessMask.FILE_APPEND_DATA,
                    AccessMask.FILE_READ_EA,
                    AccessMask.FILE_WRITE_EA,
                    AccessMask.FILE_EXECUTE,
                    AccessMask.FILE_READ_ATTRIBUTES,
                    AccessMask.FILE_WRITE_ATTRIBUTES,
                    AccessMask.DELETE,
                    AccessMask.READ_CONTROL,
                    AccessMask.SYNCHRONIZE);
            SecurityDescriptor dacl = new SecurityDescriptor(
                    EnumSet.of(
                            SecurityDescriptor.Control.DP,
                            SecurityDescriptor.Control.PD,
                            SecurityDescriptor.Control.SR),
                    null,
                    null,
                    null,
                    new com.hierynomus.msdtyp.ACL(
                            com.hierynomus.msdtyp.ACL.ACL_REVISION,
                            List.of(
                                    AceTypes.accessAllowedAce(
                                            EnumSet.noneOf(AceFlags.class),
                                            EnumSet.of(AccessMask.GENERIC_ALL),
                                            SID.fromString(domainAdmins)),
                                    AceTypes.accessAllowedAce(
                                            EnumSet.noneOf(AceFlags.class),
                                            EnumSet.of(AccessMask.GENERIC_ALL),
                                            SID.fromString("S-1-5-18")),
                                    AceTypes.accessAllowedAce(
                                            EnumSet.noneOf(AceFlags.class), modify, SID.fromString(sid + "-513")))));
            admin.share.setSecurityInfo(sharePath, EnumSet.of(SecurityInformation.DACL_SECURITY_INFORMATION), dacl);
            return sid;
        }
    }

    /** An SMB session as the domain's Administrator, for the fixture. */
    static final class Admin implements AutoCloseable {
        final SMBClient client = new SMBClient();
        final Connection connection;
        final Session session;
        final DiskShare share;

        Admin() throws Exception {
            connection = client.connect(HOST);
            session = connection.authenticate(
                    new AuthenticationContext("Administrator", PASSWORD.toCharArray(), NETBIOS));
            share = (DiskShare) session.connectShare("SYSVOL");
        }

        @Override
        public void close() throws Exception {
            share.close();
            session.close();
            connection.close();
            client.close();
        }
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
