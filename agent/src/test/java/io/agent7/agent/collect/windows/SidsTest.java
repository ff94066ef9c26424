package io.agent7.agent.collect.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SidsTest {

    private static final String MACHINE = "S-1-5-21-3623811015-3361044348-30300820";

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "S-1-5-32-544 | BUILTIN\\Administrators",
                "S-1-5-32-551 | BUILTIN\\Backup Operators",
                "S-1-5-18 | NT AUTHORITY\\SYSTEM",
                "S-1-5-20 | NT AUTHORITY\\NETWORK SERVICE",
                "S-1-1-0 | Everyone",
                "S-1-5-21-3623811015-3361044348-30300820-500 | Administrator",
                "S-1-5-21-1004336348-1177238915-682003330-512 | Domain Admins",
                "S-1-5-21-1004336348-1177238915-682003330-519 | Enterprise Admins"
            })
    void namesWellKnownAndFixedRelativeSids(String sid, String name) {
        assertThat(Sids.name(sid)).contains(name);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                MACHINE + "-1001",
                "S-1-5-21-1-2-500",
                "S-1-5-32-999",
                "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464",
                "not a sid"
            })
    void doesNotNameOrdinaryAccountsServiceSidsOrMalformedText(String sid) {
        assertThat(Sids.name(sid)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"S-1-5-21-1004336348-1177238915-682003330-512", MACHINE + "-500"})
    void leavesRelativeSidsOutOfTheDomainIndependentNames(String sid) {
        assertThat(Sids.wellKnownName(sid)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        MACHINE + "-1001, 1001",
        // RIDs are unsigned 32-bit sub-authorities
        MACHINE + "-4294967295, 4294967295"
    })
    void readsTheRidOfADomainOrMachineSid(String sid, long rid) {
        assertThat(Sids.domainRid(sid)).hasValue(rid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"S-1-5-32-544", "S-1-5-21-1-2-3", "S-1-5-21-1-2-3-x", "S-1-5-21-1-2-3-4-5"})
    void findsNoRidOutsideDomainSids(String sid) {
        assertThat(Sids.domainRid(sid)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "S-1-5-32-544, true",
        "S-1-5-32-548, true",
        "S-1-5-32-549, true",
        "S-1-5-32-550, true",
        "S-1-5-32-551, true",
        "S-1-5-21-1004336348-1177238915-682003330-512, true",
        "S-1-5-21-1004336348-1177238915-682003330-518, true",
        "S-1-5-21-1004336348-1177238915-682003330-519, true",
        "S-1-5-21-1004336348-1177238915-682003330-513, false",
        "S-1-5-32-545, false",
        "S-1-5-32-555, false",
        "S-1-5-32-578, false",
        "S-1-5-18, false"
    })
    void tellsPrivilegedGroupsBySid(String sid, boolean privileged) {
        assertThat(Sids.privilegedGroup(sid)).isEqualTo(privileged);
    }

    @ParameterizedTest
    @CsvSource({"S-1-5-32-544, true", "S-1-5-32-581, true", "S-1-5-21-1-2-3-544, false", "S-1-5-18, false"})
    void tellsBuiltinGroupsByTheirAuthority(String sid, boolean builtin) {
        assertThat(Sids.builtin(sid)).isEqualTo(builtin);
    }
}
