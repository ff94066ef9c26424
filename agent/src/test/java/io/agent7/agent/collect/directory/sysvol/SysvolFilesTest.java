package io.agent7.agent.collect.directory.sysvol;

import static io.agent7.agent.collect.directory.sysvol.TestPrincipals.ADMINISTRATOR;
import static io.agent7.agent.collect.directory.sysvol.TestPrincipals.DOMAIN_ADMINS;
import static io.agent7.agent.collect.directory.sysvol.TestPrincipals.DOMAIN_SID;
import static io.agent7.agent.collect.directory.sysvol.TestPrincipals.DOMAIN_USERS;
import static io.agent7.agent.collect.directory.sysvol.TestPrincipals.ENTERPRISE_ADMINS;
import static io.agent7.agent.collect.directory.sysvol.TestPrincipals.SYSTEM;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.Documents;
import io.agent7.schema.Schema;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class SysvolFilesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String GPO = "{31B2F340-016D-11D2-945F-00C04FB984F9}";
    static final Instant CREATED = Instant.parse("2024-03-05T07:11:13.017Z");
    static final Instant MODIFIED = Instant.parse("2025-01-02T03:04:05.678901Z");

    final TestPrincipals principals = new TestPrincipals();

    @Test
    void aGptIniDomainUsersMayModifyIsFlaggedWithEveryField() {
        SysvolEntry entry = file(
                "Policies\\" + GPO + "\\GPT.INI",
                DOMAIN_ADMINS,
                new Ace(DOMAIN_ADMINS, Ace.Type.ALLOW, 0x1F01FF, false, false),
                new Ace(SYSTEM, Ace.Type.ALLOW, 0x1F01FF, true, false),
                new Ace(DOMAIN_USERS, Ace.Type.ALLOW, 0x1301BF, false, false),
                new Ace("S-1-5-11", Ace.Type.ALLOW, 0x1200A9, true, false));

        ObjectNode document = SysvolFiles.document("AGENT7.test", entry, "ab".repeat(32), principals);

        // As text: the parsed fixture holds ints where the document holds longs.
        assertThat(document.toString())
                .isEqualTo(JSON.readTree("""
                {
                  "file": {
                    "path": "\\\\\\\\agent7.test\\\\SYSVOL\\\\agent7.test\\\\Policies\\\\%1$s\\\\GPT.INI",
                    "name": "GPT.INI",
                    "directory": "\\\\\\\\agent7.test\\\\SYSVOL\\\\agent7.test\\\\Policies\\\\%1$s",
                    "type": "file",
                    "mtime": "2025-01-02T03:04:05.678Z",
                    "created": "2024-03-05T07:11:13.017Z",
                    "extension": "INI",
                    "size": 59,
                    "hash": {"sha256": "%2$s"},
                    "owner": "AGENT7\\\\Domain Admins"
                  },
                  "sysvol_file": {
                    "gpo_guid": "%1$s",
                    "aces": [
                      {"principal": "AGENT7\\\\Domain Admins", "sid": "%3$s-512", "type": "allow",
                       "rights": ["full_control"], "access_mask": 2032127, "inherited": false},
                      {"principal": "NT AUTHORITY\\\\SYSTEM", "sid": "S-1-5-18", "type": "allow",
                       "rights": ["full_control"], "access_mask": 2032127, "inherited": true},
                      {"principal": "AGENT7\\\\Domain Users", "sid": "%3$s-513", "type": "allow",
                       "rights": ["modify"], "access_mask": 1245631, "inherited": false},
                      {"principal": "NT AUTHORITY\\\\Authenticated Users", "sid": "S-1-5-11", "type": "allow",
                       "rights": ["read_execute"], "access_mask": 1179817, "inherited": true}
                    ],
                    "writable_by": ["AGENT7\\\\Domain Users"],
                    "non_privileged_write": true,
                    "domain": "agent7.test"
                  }
                }
                """.formatted(GPO, "ab".repeat(32), DOMAIN_SID))
                        .toString());
    }

    @Test
    void theDocumentIsValidForTheSchema() {
        SysvolEntry entry = file(
                "Policies\\" + GPO + "\\GPT.INI",
                DOMAIN_ADMINS,
                new Ace(DOMAIN_USERS, Ace.Type.ALLOW, 0x1301BF, false, false));
        ObjectNode document = SysvolFiles.document("agent7.test", entry, "ab".repeat(32), principals);

        Schema schema = Schema.standard();
        ObjectNode normalized = schema.normalizer(schema.require("sysvol_file")).normalize(document);

        assertThat(Documents.get(normalized, "file.path").asString())
                .isEqualTo("\\\\agent7.test\\SYSVOL\\agent7.test\\Policies\\" + GPO + "\\GPT.INI");
    }

    @Test
    void aFileOnlyAdminsAndSystemMayChangeIsNotFlagged() {
        SysvolEntry entry = file(
                "Policies\\" + GPO + "\\Machine\\Registry.pol",
                DOMAIN_ADMINS,
                new Ace(DOMAIN_ADMINS, Ace.Type.ALLOW, 0x1F01FF, true, false),
                new Ace(ENTERPRISE_ADMINS, Ace.Type.ALLOW, 0x1F01FF, true, false),
                new Ace(SYSTEM, Ace.Type.ALLOW, 0x1F01FF, true, false),
                new Ace("S-1-5-32-544", Ace.Type.ALLOW, 0x10000000L, true, false),
                new Ace("S-1-5-11", Ace.Type.ALLOW, 0x1200A9, true, false),
                new Ace("S-1-5-9", Ace.Type.ALLOW, 0x1200A9, true, false));

        ObjectNode document = document(entry);

        assertThat(Documents.get(document, "sysvol_file.non_privileged_write").asBoolean())
                .isFalse();
        assertThat(Documents.get(document, "sysvol_file.writable_by")).isNull();
        assertThat(texts(document, "sysvol_file.aces", "principal"))
                .containsExactly(
                        "AGENT7\\Domain Admins",
                        "AGENT7\\Enterprise Admins",
                        "NT AUTHORITY\\SYSTEM",
                        "BUILTIN\\Administrators",
                        "NT AUTHORITY\\Authenticated Users",
                        "NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS");
        assertThat(texts(document, "sysvol_file.aces", "inherited"))
                .containsExactly("true", "true", "true", "true", "true", "true");
        assertThat(texts(document, "sysvol_file.aces", "rights"))
                .containsExactly(
                        "[\"full_control\"]",
                        "[\"full_control\"]",
                        "[\"full_control\"]",
                        "[\"generic_all\"]",
                        "[\"read_execute\"]",
                        "[\"read_execute\"]");
    }

    @Test
    void aDenyOfTheSameSidBeforeTheAllowCancelsIt() {
        SysvolEntry entry = file(
                "scripts\\logon.cmd",
                DOMAIN_ADMINS,
                new Ace(DOMAIN_USERS, Ace.Type.DENY, 0x000D0156, false, false),
                new Ace(DOMAIN_USERS, Ace.Type.ALLOW, 0x1301BF, false, false));

        ObjectNode document = document(entry);

        assertThat(Documents.get(document, "sysvol_file.non_privileged_write").asBoolean())
                .isFalse();
        assertThat(texts(document, "sysvol_file.aces", "type")).containsExactly("deny", "allow");
    }

    @Test
    void aDenyOfOnlySomeWriteRightsLeavesTheOthers() {
        SysvolEntry entry = file(
                "scripts\\logon.cmd",
                DOMAIN_ADMINS,
                new Ace(DOMAIN_USERS, Ace.Type.DENY, 0x6, false, false),
                new Ace(DOMAIN_USERS, Ace.Type.ALLOW, 0x1301BF, false, false));

        assertThat(writableBy(entry)).containsExactly("AGENT7\\Domain Users");
    }

    @Test
    void aDenyAfterTheAllowComesTooLate() {
        SysvolEntry entry = file(
                "scripts\\logon.cmd",
                DOMAIN_ADMINS,
                new Ace(DOMAIN_USERS, Ace.Type.ALLOW, 0x1301BF, false, false),
                new Ace(DOMAIN_USERS, Ace.Type.DENY, 0x1301BF, false, false));

        assertThat(writableBy(entry)).containsExactly("AGENT7\\Domain Users");
    }

    @Test
    void aDenyToEveryoneCancelsAnAllowToAnyone() {
        SysvolEntry entry = file(
                "scripts\\logon.cmd",
                DOMAIN_ADMINS,
                new Ace("S-1-1-0", Ace.Type.DENY, 0x000D0156, false, false),
                new Ace(DOMAIN_USERS, Ace.Type.ALLOW, 0x1301BF, false, false));

        assertThat(writableBy(entry)).isEmpty();
    }

    @Test
    void aDenyToAnotherPrincipalDoesNotCancel() {
        SysvolEntry entry = file(
                "scripts\\logon.cmd",
                DOMAIN_ADMINS,
                new Ace(DOMAIN_SID + "-1105", Ace.Type.DENY, 0x1301BF, false, false),
                new Ace(DOMAIN_USERS, Ace.Type.ALLOW, 0x1301BF, false, false));

        assertThat(writableBy(entry)).containsExactly("AGENT7\\Domain Users");
    }

    @Test
    void inheritOnlyEntriesGrantNothingOnTheFolderItself() {
        SysvolEntry folder = folder(
                "Policies\\" + GPO + "\\User",
                DOMAIN_ADMINS,
                new Ace(DOMAIN_USERS, Ace.Type.ALLOW, 0x1F01FF, false, true),
                new Ace("S-1-3-0", Ace.Type.ALLOW, 0x10000000L, false, true));

        assertThat(writableBy(folder)).isEmpty();
    }

    @Test
    void writeRightsCountOneByOneAndThroughGenericBits() {
        assertThat(writableBy(file("a.txt", DOMAIN_ADMINS, allowDomainUsers(0x2))))
                .hasSize(1);
        assertThat(writableBy(file("a.txt", DOMAIN_ADMINS, allowDomainUsers(0x4))))
                .hasSize(1);
        assertThat(writableBy(file("a.txt", DOMAIN_ADMINS, allowDomainUsers(0x10000))))
                .hasSize(1);
        assertThat(writableBy(file("a.txt", DOMAIN_ADMINS, allowDomainUsers(0x40000))))
                .hasSize(1);
        assertThat(writableBy(file("a.txt", DOMAIN_ADMINS, allowDomainUsers(0x80000))))
                .hasSize(1);
        assertThat(writableBy(file("a.txt", DOMAIN_ADMINS, allowDomainUsers(0x40000000L))))
                .hasSize(1);
        assertThat(writableBy(file("a.txt", DOMAIN_ADMINS, allowDomainUsers(0x10000000L))))
                .hasSize(1);
        assertThat(writableBy(file("a.txt", DOMAIN_ADMINS, allowDomainUsers(0x110))))
                .isEmpty();
        assertThat(writableBy(file("a.txt", DOMAIN_ADMINS, allowDomainUsers(0x80000000L))))
                .isEmpty();
    }

    @Test
    void aNonPrivilegedOwnerMayAlwaysRewriteTheDacl() {
        String alice = DOMAIN_SID + "-1105";

        assertThat(writableBy(file("a.txt", alice, new Ace(SYSTEM, Ace.Type.ALLOW, 0x1F01FF, false, false))))
                .containsExactly(alice);
        assertThat(writableBy(file("a.txt", ADMINISTRATOR, new Ace(SYSTEM, Ace.Type.ALLOW, 0x1F01FF, false, false))))
                .isEmpty();
    }

    @Test
    void ownerRightsEntriesReplaceTheOwnersImplicitRights() {
        String alice = DOMAIN_SID + "-1105";
        SysvolEntry readOnly = file(
                "a.txt",
                alice,
                new Ace(WellKnownSids.OWNER_RIGHTS, Ace.Type.ALLOW, 0x1200A9, false, false),
                new Ace(SYSTEM, Ace.Type.ALLOW, 0x1F01FF, false, false));
        SysvolEntry full =
                file("a.txt", alice, new Ace(WellKnownSids.OWNER_RIGHTS, Ace.Type.ALLOW, 0x1F01FF, false, false));

        assertThat(writableBy(readOnly)).isEmpty();
        assertThat(writableBy(full)).containsExactly(alice);
    }

    @Test
    void aNullDaclLetsEveryoneWriteAndAnEmptyOneNobody() {
        assertThat(writableBy(file("a.txt", DOMAIN_ADMINS, Ace.NULL_DACL.toArray(Ace[]::new))))
                .containsExactly("Everyone");
        ObjectNode empty = document(file("a.txt", DOMAIN_ADMINS));
        assertThat(Documents.get(empty, "sysvol_file.aces").isArray()).isTrue();
        assertThat(Documents.get(empty, "sysvol_file.aces").isEmpty()).isTrue();
        assertThat(Documents.get(empty, "sysvol_file.non_privileged_write").asBoolean())
                .isFalse();
    }

    @Test
    void aFolderHasNoHashSizeOrExtension() {
        SysvolEntry folder = folder(
                "Policies\\" + GPO + "\\Machine.old",
                DOMAIN_ADMINS,
                new Ace(SYSTEM, Ace.Type.ALLOW, 0x1F01FF, false, false));

        ObjectNode document = SysvolFiles.document("agent7.test", folder, null, principals);

        assertThat(Documents.get(document, "file.type").asString()).isEqualTo("dir");
        assertThat(Documents.get(document, "file.name").asString()).isEqualTo("Machine.old");
        assertThat(Documents.get(document, "file.hash.sha256")).isNull();
        assertThat(Documents.get(document, "file.size")).isNull();
        assertThat(Documents.get(document, "file.extension")).isNull();
        assertThat(Documents.get(document, "sysvol_file.gpo_guid").asString()).isEqualTo(GPO);
    }

    @Test
    void theSysvolFolderItselfIsTheRootEntry() {
        ObjectNode document = SysvolFiles.document(
                "agent7.test",
                folder("", ADMINISTRATOR, new Ace(SYSTEM, Ace.Type.ALLOW, 0x1F01FF, false, false)),
                null,
                principals);

        assertThat(Documents.get(document, "file.path").asString()).isEqualTo("\\\\agent7.test\\SYSVOL\\agent7.test");
        assertThat(Documents.get(document, "file.name").asString()).isEqualTo("agent7.test");
        assertThat(Documents.get(document, "file.directory").asString()).isEqualTo("\\\\agent7.test\\SYSVOL");
        assertThat(Documents.get(document, "file.owner").asString()).isEqualTo("AGENT7\\Administrator");
        assertThat(Documents.get(document, "sysvol_file.gpo_guid")).isNull();
    }

    @Test
    void anUnknownOwnerIsShownAsItsSid() {
        String unknown = "S-1-5-21-9-9-9-1234";
        ObjectNode document = document(file("a.txt", unknown));

        assertThat(Documents.get(document, "file.owner").asString()).isEqualTo(unknown);
        assertThat(texts(document, "sysvol_file.writable_by")).containsExactly(unknown);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", textBlock = """
            Policies\\{31B2F340-016D-11D2-945F-00C04FB984F9}\\GPT.INI, {31B2F340-016D-11D2-945F-00C04FB984F9}
            policies\\{6ac1786c-016f-11d2-945f-00c04fb984f9}\\Machine, {6AC1786C-016F-11D2-945F-00C04FB984F9}
            Policies\\{6AC1786C-016F-11D2-945F-00C04FB984F9},          {6AC1786C-016F-11D2-945F-00C04FB984F9}
            Policies,                                                  none
            Policies\\PolicyDefinitions\\en-US\\a.adml,                none
            Policies\\{31B2F340-016D-11D2-945F-00C04FB984F9}.bak\\x,    none
            scripts\\Policies\\{31B2F340-016D-11D2-945F-00C04FB984F9}, none
            """)
    void theGpoGuidComesFromThePoliciesFolder(String path, String guid) {
        assertThat(SysvolFiles.gpoGuid(path)).isEqualTo(guid);
    }

    private ObjectNode document(SysvolEntry entry) {
        return SysvolFiles.document("agent7.test", entry, entry.directory() ? null : "00".repeat(32), principals);
    }

    private List<String> writableBy(SysvolEntry entry) {
        return texts(document(entry), "sysvol_file.writable_by");
    }

    private static Ace allowDomainUsers(long mask) {
        return new Ace(DOMAIN_USERS, Ace.Type.ALLOW, mask, false, false);
    }

    static SysvolEntry file(String path, String owner, Ace... aces) {
        byte[] content = "[General]\r\nVersion=65537\r\ndisplayName=New Group Policy Object\r\n"
                .substring(0, 59)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return new SysvolEntry(
                path,
                false,
                content.length,
                CREATED,
                MODIFIED,
                owner,
                List.of(aces),
                () -> new ByteArrayInputStream(content));
    }

    static SysvolEntry folder(String path, String owner, Ace... aces) {
        return new SysvolEntry(path, true, 0, CREATED, MODIFIED, owner, List.of(aces), null);
    }

    /** The values of a field, or of one field of each object in an array of nested objects, as text. */
    static List<String> texts(JsonNode document, String path, String... inner) {
        JsonNode value = Documents.get(document, path);
        List<String> values = new ArrayList<>();
        if (value == null) {
            return values;
        }
        for (JsonNode item : value.isArray() ? value : List.of(value)) {
            JsonNode leaf = inner.length == 0 ? item : item.get(inner[0]);
            values.add(leaf.isString() ? leaf.asString() : leaf.toString());
        }
        return values;
    }
}
