package io.agent7.agent.collect.windows.accounts;

import static io.agent7.agent.collect.Fields.bool;
import static io.agent7.agent.collect.Fields.number;
import static io.agent7.agent.collect.Fields.only;
import static io.agent7.agent.collect.Fields.text;
import static io.agent7.agent.collect.Fields.texts;
import static io.agent7.agent.collect.windows.accounts.AccountsFixture.DOMAIN;
import static io.agent7.agent.collect.windows.accounts.AccountsFixture.MACHINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class LocalGroupDocsTest {

    private final List<ObjectNode> docs = LocalGroupDocs.documents(AccountsFixture.accounts());

    @Test
    void everyGroupIsADocumentThatTheServerAccepts() {
        assertThat(docs)
                .extracting(d -> text(d, "group.name"))
                .containsExactly("Administrators", "Backup Operators", "Users", "Remote Desktop Users", "Helpdesk");
        Fields.assertConforms("local_group", docs);
    }

    @Test
    void sidsThatNoLongerResolveAreKeptAsSids() {
        ObjectNode admins = only(docs, "group.name", "Administrators");

        assertThat(texts(admins, "local_group.members"))
                .containsExactly(
                        "WS-0042\\Administrator", "CORP\\Domain Admins", DOMAIN + "-1107", "S-1-5-21-9-9-9-1234");
        assertThat(texts(admins, "local_group.member_ids"))
                .containsExactly(MACHINE + "-500", DOMAIN + "-512", DOMAIN + "-1107", "S-1-5-21-9-9-9-1234");
        assertThat(number(admins, "local_group.member_count")).isEqualTo(4);
        assertThat(text(admins, "group.id")).isEqualTo("S-1-5-32-544");
        assertThat(text(admins, "group.domain")).isEqualTo("BUILTIN");
    }

    @ParameterizedTest
    @CsvSource({
        "Administrators, true",
        "Backup Operators, true",
        "Users, false",
        "Remote Desktop Users, false",
        "Helpdesk, false"
    })
    void privilegeIsToldByTheGroupsSid(String name, boolean privileged) {
        assertThat(bool(only(docs, "group.name", name), "local_group.privileged"))
                .isEqualTo(privileged);
    }

    @Test
    void anEmptyGroupHasACountOfZeroAndNoMemberLists() {
        ObjectNode rdp = only(docs, "group.name", "Remote Desktop Users");

        assertThat(number(rdp, "local_group.member_count")).isZero();
        assertThat(rdp.toString()).doesNotContain("members", "member_ids");
    }

    @Test
    void aGroupLookupAccountNameCouldNotFindHasNoIdOrPrivilege() {
        LocalGroup gone = new LocalGroup("Gone", "", null, null, List.of());
        LocalAccounts accounts =
                new LocalAccounts("WS-0042", MACHINE, 0, List.of(), List.of(gone), AccountsFixture.READ_AT);

        ObjectNode doc = LocalGroupDocs.documents(accounts).get(0);

        assertThat(text(doc, "group.id")).isNull();
        assertThat(bool(doc, "local_group.privileged")).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "S-1-5-4 | 5 | NT AUTHORITY\\INTERACTIVE | NT AUTHORITY\\INTERACTIVE",
                "S-1-1-0 | 5 | \\Everyone | Everyone",
                "S-1-5-21-1-2-3-1107 | 6 | - | S-1-5-21-1-2-3-1107",
                "S-1-5-21-1-2-3-1107 | 8 | '' | S-1-5-21-1-2-3-1107",
                // the name of a deleted account is not trusted, even when one comes back
                "S-1-5-21-1-2-3-1107 | 6 | CORP\\old | S-1-5-21-1-2-3-1107",
                // unresolved but well known: its name is the same everywhere
                "S-1-5-32-544 | 8 | - | BUILTIN\\Administrators",
                "S-1-5-21-1-2-3-1108 | 1 | S-1-5-21-1-2-3-1108 | S-1-5-21-1-2-3-1108",
                "S-1-5-21-1-2-3-1109 | 1 | ДОМЕН\\Пользователь | ДОМЕН\\Пользователь"
            })
    void membersAreNamedDomainBackslashNameOrBySid(String sid, int usage, String domainAndName, String name) {
        assertThat(LocalGroupDocs.memberName(new GroupMember(sid, usage, domainAndName)))
                .isEqualTo(name);
    }
}
