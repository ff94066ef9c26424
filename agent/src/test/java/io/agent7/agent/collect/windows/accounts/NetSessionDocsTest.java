package io.agent7.agent.collect.windows.accounts;

import static io.agent7.agent.collect.Fields.bool;
import static io.agent7.agent.collect.Fields.number;
import static io.agent7.agent.collect.Fields.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class NetSessionDocsTest {

    /** What NetSessionEnum level 502 gives on a file server. */
    static List<SmbSession> sessions() {
        return List.of(
                new SmbSession(502, "\\\\10.1.2.7", "alice", 3, 5400, 12, 0, "", "\\Device\\NetbiosSmb", null),
                new SmbSession(502, "\\\\[fe80::1c2b:3a4d:5e6f:7081]", "bob", 0, 60, 60, 0, "", null, null),
                new SmbSession(502, "\\\\10.1.2.9", "Guest", 1, 30, 2, 1, "Windows 5.1", null, null),
                new SmbSession(502, "\\\\10.1.2.10", "", 0, 4, 4, 0, null, null, null),
                new SmbSession(502, "\\\\10.1.2.11", "Jürgen", 4, -1, 0, 0, "", null, null));
    }

    private final List<ObjectNode> docs = NetSessionDocs.documents(sessions());

    @Test
    void everySessionIsADocumentThatTheServerAccepts() {
        Fields.assertConforms("net_session", docs);
        Fields.assertConforms(
                "net_session", NetSessionDocs.documents(List.of(SmbSession.level10("\\\\10.9.9.9", "carol", 7, 1))));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                // index | ip | user | open files | active | idle | guest
                "0 | 10.1.2.7 | alice | 3 | 5400 | 12 | false",
                "1 | fe80::1c2b:3a4d:5e6f:7081 | bob | 0 | 60 | 60 | false",
                "2 | 10.1.2.9 | Guest | 1 | 30 | 2 | true",
                // a null session: no user
                "3 | 10.1.2.10 | - | 0 | 4 | 4 | false",
                // sesi502_time is an unsigned DWORD
                "4 | 10.1.2.11 | Jürgen | 4 | 4294967295 | 0 | false"
            })
    void aSessionCarriesItsClientUserAndTimes(
            int index, String ip, String user, long openFiles, long active, long idle, boolean guest) {
        ObjectNode doc = docs.get(index);
        assertThat(text(doc, "source.ip")).isEqualTo(ip);
        assertThat(text(doc, "user.name")).isEqualTo(user);
        assertThat(number(doc, "net_session.open_files")).isEqualTo(openFiles);
        assertThat(number(doc, "net_session.active_time")).isEqualTo(active);
        assertThat(number(doc, "net_session.idle_time")).isEqualTo(idle);
        assertThat(bool(doc, "net_session.guest")).isEqualTo(guest);
        assertThat(text(doc, "network.protocol")).isEqualTo("smb");
        assertThat(number(doc, "destination.port")).isEqualTo(445);
    }

    @Test
    void aLevelTenSessionHasNoGuessedOpenFilesOrGuestFlag() {
        ObjectNode doc = NetSessionDocs.documents(List.of(SmbSession.level10("\\\\10.9.9.9", "carol", 7, 1)))
                .get(0);

        assertThat(text(doc, "source.ip")).isEqualTo("10.9.9.9");
        assertThat(doc.toString()).doesNotContain("open_files", "guest", "client_type");
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {"\\\\10.1.2.7, 10.1.2.7", "\\\\[::1], ::1", "\\\\WS-0042, -", "\\\\1.2.3.4.5, -", "\\\\1234, -"})
    void aClientIsAnAddressOnlyWhenItIsALiteralOne(String clientName, String ip) {
        assertThat(NetSessionDocs.ip(NetSessionDocs.client(clientName))).isEqualTo(ip);
    }

    @Test
    void aClientKnownByNameIsTheSourceAddressWithTheIpItResolvedTo() {
        SmbSession byName = new SmbSession(502, "\\\\WS-0042", "dave", 0, 1, 1, 0, "", null, null);

        List<ObjectNode> docs = NetSessionDocs.documents(List.of(byName.withResolvedIp("10.1.2.42")));

        assertThat(text(docs.get(0), "source.address")).isEqualTo("WS-0042");
        assertThat(text(docs.get(0), "source.ip")).isEqualTo("10.1.2.42");
        Fields.assertConforms("net_session", docs);
        assertThat(NetSessionDocs.documents(List.of(byName)))
                .as("without an IP the server cannot store it")
                .isEmpty();
    }
}
