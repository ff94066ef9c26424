package io.agent7.agent.collect.windows.accounts;

import static io.agent7.agent.collect.Fields.bool;
import static io.agent7.agent.collect.Fields.number;
import static io.agent7.agent.collect.Fields.only;
import static io.agent7.agent.collect.Fields.text;
import static io.agent7.agent.collect.Fields.texts;
import static io.agent7.agent.collect.windows.accounts.AccountsFixture.DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class ShareDocsTest {

    private static final int SPECIAL = ShareDocs.STYPE_SPECIAL;

    /** A file server's shares as NetShareEnum level 502 gives them. */
    static List<ShareInfo> shares() {
        return List.of(
                new ShareInfo(502, "ADMIN$", SPECIAL, "Remote Admin", -1, 0, "C:\\Windows", null, Map.of()),
                new ShareInfo(502, "C$", SPECIAL, "Default share", -1, 1, "C:\\", null, Map.of()),
                new ShareInfo(502, "IPC$", SPECIAL | 3, "Remote IPC", -1, 4, "", null, Map.of()),
                new ShareInfo(
                        502,
                        "print$",
                        0,
                        "Printer Drivers",
                        -1,
                        0,
                        "C:\\Windows\\system32\\spool\\drivers",
                        ShareDescriptor.of("A:0x1200A9:S-1-1-0", "A:0x1F01FF:S-1-5-32-544"),
                        Map.of("S-1-1-0", "Everyone", "S-1-5-32-544", "BUILTIN\\Administrators")),
                new ShareInfo(
                        502,
                        "Finance",
                        0,
                        "Service financier – données",
                        25,
                        3,
                        "D:\\Shares\\Finance",
                        ShareDescriptor.of(
                                "A:0x1301BF:" + DOMAIN + "-1150",
                                "A:0x1F01FF:" + DOMAIN + "-512",
                                "D:0x1F01FF:" + DOMAIN + "-1999",
                                "A:0x10000000:" + DOMAIN + "-1151"),
                        Map.of(DOMAIN + "-1150", "CORP\\Finance", DOMAIN + "-512", "CORP\\Domain Admins")),
                new ShareInfo(502, "Legacy", 0, "", -1, 0, "D:\\Legacy", null, Map.of()),
                new ShareInfo(502, "HP LaserJet", 1, "Floor 2", -1, 0, "HPLJ,LocalsplOnly", null, Map.of()));
    }

    private final List<ObjectNode> docs = ShareDocs.documents(shares());

    @Test
    void everyShareIsADocumentThatTheServerAccepts() {
        Fields.assertConforms("share", docs);
        Fields.assertConforms("share", ShareDocs.documents(List.of(ShareInfo.level1("Public", 0, "Open"))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                // name | type | permissions | everyone | current | max
                "ADMIN$ | special | BUILTIN\\Administrators:full | false | 0 | -",
                "C$ | special | BUILTIN\\Administrators:full | false | 1 | -",
                "IPC$ | ipc | - | false | 4 | -",
                "print$ | disk | Everyone:read,BUILTIN\\Administrators:full | true | 0 | -",
                "Finance | disk | CORP\\Finance:change,CORP\\Domain Admins:full,"
                        + DOMAIN
                        + "-1999:deny_full,"
                        + DOMAIN
                        + "-1151:full | false | 3 | 25",
                // no descriptor on an ordinary share: a null DACL, everyone may do everything
                "Legacy | disk | Everyone:full | true | 0 | -",
                "HP LaserJet | print | Everyone:full | true | 0 | -"
            })
    void permissionsAreTheShareDaclInTheDialogsWords(
            String name, String type, String permissions, boolean everyone, long current, Long max) {
        ObjectNode doc = only(docs, "share.name", name);
        assertThat(text(doc, "share.type")).isEqualTo(type);
        assertThat(String.join(",", texts(doc, "share.permissions"))).isEqualTo(permissions == null ? "" : permissions);
        assertThat(bool(doc, "share.everyone_access")).isEqualTo(everyone);
        assertThat(number(doc, "share.current_users")).isEqualTo(current);
        assertThat(number(doc, "share.max_users")).isEqualTo(max);
    }

    @Test
    void pathAndDescriptionAreAsReturnedAndAnEmptyPathIsNone() {
        assertThat(text(only(docs, "share.name", "Finance"), "share.description"))
                .isEqualTo("Service financier – données");
        assertThat(text(only(docs, "share.name", "Finance"), "share.path")).isEqualTo("D:\\Shares\\Finance");
        assertThat(text(only(docs, "share.name", "IPC$"), "share.path")).isNull();
    }

    @Test
    void aLevelOneShareHasNoGuessedPermissionsOrCounts() {
        ObjectNode doc = ShareDocs.documents(List.of(ShareInfo.level1("Public", 0, "Open")))
                .get(0);

        assertThat(text(doc, "share.type")).isEqualTo("disk");
        assertThat(text(doc, "share.description")).isEqualTo("Open");
        assertThat(doc.toString()).doesNotContain("permissions", "everyone_access", "current_users", "path");
    }

    @ParameterizedTest
    @CsvSource({
        "0x001F01FF, full",
        "0x10000000, full",
        "0x001301BF, change",
        "0x40000000, change",
        "0x001200A9, read",
        "0x80000000, read",
        "0x00000001, 0x1"
    })
    void accessMasksAreNamedByTheWidestRightTheyHold(String mask, String access) {
        assertThat(ShareDocs.access(Long.parseLong(mask.substring(2), 16))).isEqualTo(access);
    }
}
