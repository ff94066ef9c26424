package io.agent7.agent.collect.windows.accounts;

import static io.agent7.agent.collect.Fields.only;
import static io.agent7.agent.collect.Fields.text;
import static io.agent7.agent.collect.windows.accounts.AccountsFixture.DOMAIN;
import static io.agent7.agent.collect.windows.accounts.AccountsFixture.MACHINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import io.agent7.agent.collect.windows.FileTimes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class LoggedOnUserDocsTest {

    private static final long MORNING = FileTimes.ticks(Instant.parse("2026-12-07T08:02:03.456Z"));
    private static final long NOON = FileTimes.ticks(Instant.parse("2026-12-07T12:00:00Z"));

    /** What LsaGetLogonSessionData gives on a server with a console and a remote desktop user. */
    static List<LogonSession> sessions() {
        return List.of(
                session(0x3E7, "WS-0042$", "CORP", "Negotiate", 0, 0, "S-1-5-18", 0, null),
                session(0x3E5, "LOCAL SERVICE", "NT AUTHORITY", "Negotiate", 5, 0, "S-1-5-19", MORNING, null),
                session(0x1A2B3, "DWM-1", "Window Manager", "Negotiate", 2, 1, "S-1-5-90-0-1", MORNING, null),
                session(0x1A2B4, "UMFD-1", "Font Driver Host", "Negotiate", 2, 1, "S-1-5-96-0-1", MORNING, null),
                session(0x2F001, "ANONYMOUS LOGON", "NT AUTHORITY", "NTLM", 3, 0, "S-1-5-7", NOON, null),
                // an administrator's console logon: UAC's filtered and elevated tokens, two LUIDs
                session(0x5A001, "alice", "CORP", "Kerberos", 2, 1, DOMAIN + "-1105", MORNING, "DC01"),
                session(0x5A002, "alice", "CORP", "Kerberos", 2, 1, DOMAIN + "-1105", MORNING, "DC01"),
                new LogonSession(
                        0x6B001,
                        "bob",
                        "CORP",
                        "Kerberos",
                        10,
                        2,
                        DOMAIN + "-1106",
                        NOON,
                        "DC02",
                        "corp.example.com",
                        "bob@corp.example.com",
                        "RDP-Tcp#3",
                        "ADMWS-007",
                        "10.1.2.7"),
                session(0x7C001, "svc_sql", "CORP", "Kerberos", 5, 0, DOMAIN + "-1201", MORNING, "DC01"),
                session(0x7C002, "carol", "CORP", "NTLM", 3, 0, DOMAIN + "-1107", NOON, "DC02"),
                session(0x7C003, "Søren Ærø", "WS-0042", "NTLM", 11, 3, MACHINE + "-1005", NOON, "WS-0042"),
                // an account LSA could not name: nothing to show
                session(0x7C004, "", "", "NTLM", 3, 0, DOMAIN + "-1300", NOON, null));
    }

    private static LogonSession session(
            long luid,
            String user,
            String domain,
            String auth,
            int type,
            int session,
            String sid,
            long time,
            String server) {
        String station = type == 2 ? "Console" : null;
        return new LogonSession(
                luid, user, domain, auth, type, session, sid, time, server, null, null, station, null, null);
    }

    private final List<ObjectNode> docs = LoggedOnUserDocs.documents(sessions());

    @Test
    void onlyPeoplesSessionsAreLoggedOnUsersAndLinkedTokensAreOneLogon() {
        assertThat(docs)
                .extracting(d -> text(d, "user.name"))
                .containsExactly("alice", "bob", "svc_sql", "carol", "Søren Ærø");
        Fields.assertConforms("logged_on_user", docs);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                // user | session | type | time | terminal | server | package | ip | address
                "alice | 1 | interactive | 2026-12-07T08:02:03.456Z | Console | DC01 | Kerberos | - | -",
                "bob | 2 | remote_interactive | 2026-12-07T12:00:00.000Z | RDP-Tcp#3 | DC02 | Kerberos | 10.1.2.7 | ADMWS-007",
                "svc_sql | 0 | service | 2026-12-07T08:02:03.456Z | - | DC01 | Kerberos | - | -",
                "carol | 0 | network | 2026-12-07T12:00:00.000Z | - | DC02 | NTLM | - | -",
                "Søren Ærø | 3 | cached | 2026-12-07T12:00:00.000Z | - | WS-0042 | NTLM | - | -"
            })
    void aSessionCarriesItsLogonFacts(
            String user,
            String session,
            String type,
            String time,
            String terminal,
            String server,
            String authPackage,
            String ip,
            String address) {
        ObjectNode doc = only(docs, "user.name", user);
        assertThat(text(doc, "logged_on_user.session_id")).isEqualTo(session);
        assertThat(text(doc, "logged_on_user.logon_type")).isEqualTo(type);
        assertThat(text(doc, "logged_on_user.logon_time")).isEqualTo(time);
        assertThat(text(doc, "logged_on_user.terminal")).isEqualTo(terminal);
        assertThat(text(doc, "logged_on_user.logon_server")).isEqualTo(server);
        assertThat(text(doc, "logged_on_user.auth_package")).isEqualTo(authPackage);
        assertThat(text(doc, "source.ip")).isEqualTo(ip);
        assertThat(text(doc, "source.address")).isEqualTo(address);
    }

    @Test
    void anAccountIsNamedWithItsSidAndDomain() {
        ObjectNode bob = only(docs, "user.name", "bob");

        assertThat(text(bob, "user.id")).isEqualTo(DOMAIN + "-1106");
        assertThat(text(bob, "user.domain")).isEqualTo("CORP");
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "2, interactive",
                "3, network",
                "4, batch",
                "5, service",
                "7, unlock",
                "8, network",
                "9, new_credentials",
                "10, remote_interactive",
                "11, cached",
                "12, cached",
                "13, unlock",
                "0, -",
                "99, -"
            })
    void logonTypesAreNamedInTheSchemasWords(int type, String name) {
        assertThat(LoggedOnUserDocs.logonType(type)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                // AF_INET: the address starts at byte 2, as WTS_CLIENT_ADDRESS is documented
                "2, 0000C0A800010000000000000000000000000000, 192.168.0.1",
                "23, FFFF0000000000000000000000000001000000000, ffff::1",
                "0, 0000000000000000000000000000000000000000, -",
                "6, 0000000000000000000000000000000000000000, -"
            })
    void clientAddressesAreReadAsTheirFamilyLaysThemOut(int family, String hex, String text) {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex.substring(0, 40));

        assertThat(ClientAddresses.text(family, bytes)).isEqualTo(text);
    }
}
