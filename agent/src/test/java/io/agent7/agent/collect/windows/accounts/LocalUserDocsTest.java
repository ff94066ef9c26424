package io.agent7.agent.collect.windows.accounts;

import static io.agent7.agent.collect.Fields.bool;
import static io.agent7.agent.collect.Fields.number;
import static io.agent7.agent.collect.Fields.only;
import static io.agent7.agent.collect.Fields.text;
import static io.agent7.agent.collect.Fields.texts;
import static io.agent7.agent.collect.windows.accounts.AccountsFixture.MACHINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.agent.collect.Fields;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class LocalUserDocsTest {

    private final List<ObjectNode> docs = LocalUserDocs.documents(AccountsFixture.accounts());

    private ObjectNode user(String name) {
        return only(docs, "user.name", name);
    }

    @Test
    void everyAccountIsADocumentThatTheServerAccepts() {
        assertThat(docs)
                .extracting(d -> text(d, "user.name"))
                .containsExactly("Administrator", "Guest", "WDAGUtilityAccount", "José Müller", "temp", "contractor");
        Fields.assertConforms("local_user", docs);
    }

    @Test
    void anAccountIsNamedByItsSidUnderTheMachineAndItsComputer() {
        ObjectNode jose = user("José Müller");
        assertThat(text(jose, "user.id")).isEqualTo(MACHINE + "-1001");
        assertThat(text(jose, "user.domain")).isEqualTo("WS-0042");
        assertThat(text(jose, "user.full_name")).isEqualTo("José Müller");
        assertThat(text(jose, "local_user.description")).isEqualTo("Compte de sauvegarde");
        assertThat(text(jose, "local_user.home"))
                .as("usri3_home_dir wins over the profile folder")
                .isEqualTo("\\\\fs01\\home$\\jmuller");
        assertThat(text(user("Administrator"), "local_user.home")).isEqualTo("C:\\Users\\Administrator");
        assertThat(text(user("Guest"), "local_user.home")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                // name | groups | privileged | enabled | locked | type | flags
                "Administrator | Administrators | true | true | false | builtin | DONT_EXPIRE_PASSWD",
                "Guest | - | false | false | false | builtin | ACCOUNTDISABLE,PASSWD_NOTREQD,DONT_EXPIRE_PASSWD",
                "WDAGUtilityAccount | - | false | false | false | system | ACCOUNTDISABLE",
                // Backup Operators read and write every file: privileged
                "José Müller | Backup Operators | true | false | true | normal | LOCKOUT",
                "temp | Users | false | true | false | normal | -",
                // usri3_acct_expires a day ago
                "contractor | - | false | false | false | normal | -"
            })
    void flagsGroupsAndStateComeFromTheAccountAndTheGroupsListingIt(
            String name,
            String groups,
            boolean privileged,
            boolean enabled,
            boolean locked,
            String type,
            String flags) {
        ObjectNode doc = user(name);
        assertThat(texts(doc, "user.group.name")).isEqualTo(list(groups));
        assertThat(bool(doc, "user.privileged")).isEqualTo(privileged);
        assertThat(bool(doc, "user.enabled")).isEqualTo(enabled);
        assertThat(bool(doc, "local_user.locked")).isEqualTo(locked);
        assertThat(text(doc, "local_user.type")).isEqualTo(type);
        assertThat(texts(doc, "local_user.flags")).isEqualTo(list(flags));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                // name | last logon | last logoff | password set | age days | password expires | bad | logons
                "Administrator | 2026-12-04T12:00:00.000Z | 2026-12-04T14:00:00.000Z | 2026-08-29T11:00:00.000Z | 100 | - | 0 | 41",
                "Guest | - | - | 2026-12-07T12:00:00.000Z | 0 | - | 0 | 0",
                "José Müller | 2026-12-06T12:00:00.000Z | - | 2026-11-27T12:00:00.000Z | 10 | 2027-01-08T12:00:00.000Z | 5 | 300",
                "temp | 2026-10-08T12:00:00.000Z | - | 2026-10-18T12:00:00.000Z | 50 | 2026-11-29T12:00:00.000Z | 0 | 2"
            })
    void timesAreLanManagerSecondsAndPasswordAgesCountBackFromTheRead(
            String name,
            String lastLogon,
            String lastLogoff,
            String passwordSet,
            long ageDays,
            String passwordExpires,
            long bad,
            long logons) {
        ObjectNode doc = user(name);
        assertThat(text(doc, "user.last_logon")).isEqualTo(lastLogon);
        assertThat(text(doc, "local_user.last_logoff")).isEqualTo(lastLogoff);
        assertThat(text(doc, "user.password_last_set")).isEqualTo(passwordSet);
        assertThat(number(doc, "local_user.password_age_days")).isEqualTo(ageDays);
        assertThat(text(doc, "local_user.password_expires")).isEqualTo(passwordExpires);
        assertThat(number(doc, "local_user.bad_password_count")).isEqualTo(bad);
        assertThat(number(doc, "local_user.logon_count")).isEqualTo(logons);
    }

    @Test
    void noPasswordExpiresWhereTheHostLetsNoneExpire() {
        LocalAccounts forever = new LocalAccounts(
                "WS-0042",
                MACHINE,
                io.agent7.agent.collect.windows.FileTimes.TIMEQ_FOREVER,
                AccountsFixture.users(),
                AccountsFixture.groups(),
                AccountsFixture.READ_AT);

        assertThat(LocalUserDocs.documents(forever))
                .allSatisfy(
                        d -> assertThat(text(d, "local_user.password_expires")).isNull());
    }

    @Test
    void anAccountInAGroupThatListsAuthenticatedUsersGetsItsPrivilege() {
        LocalGroup everyoneAdmin = new LocalGroup(
                "Administrators",
                "",
                "S-1-5-32-544",
                "BUILTIN",
                List.of(new GroupMember("S-1-5-11", 5, "NT AUTHORITY\\Authenticated Users")));
        LocalAccounts accounts = new LocalAccounts(
                "WS-0042",
                MACHINE,
                AccountsFixture.MAX_PASSWORD_AGE,
                AccountsFixture.users(),
                List.of(everyoneAdmin),
                AccountsFixture.READ_AT);

        ObjectNode temp = only(LocalUserDocs.documents(accounts), "user.name", "temp");

        assertThat(bool(temp, "user.privileged")).isTrue();
        assertThat(texts(temp, "user.group.name"))
                .as("groups are those listing the account, as net user shows them")
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"500, builtin", "503, builtin", "504, system", "999, system", "1000, normal", "-1, normal"})
    void theRidTellsTheKindOfAccount(int rid, String type) {
        assertThat(LocalUserDocs.type(rid)).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"ACCOUNTDISABLE,PASSWD_NOTREQD,DONT_EXPIRE_PASSWD | 0x10223", "LOCKOUT | 0x211"})
    void namedFlagsBecomeTheBitsNetUserEnumGivesAndBack(String names, String bits) {
        int flags = UserFlags.bits(list(names));

        assertThat(flags).isEqualTo(Integer.decode(bits));
        assertThat(UserFlags.names(flags)).isEqualTo(list(names));
    }

    @Test
    void anUnknownFlagNameIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> UserFlags.bits(List.of("UF_LOCKOUT")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UF_LOCKOUT is not a UF_ flag")
                .hasMessageContaining("LOCKOUT");
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null ? List.of() : Arrays.asList(commaSeparated.split(","));
    }
}
