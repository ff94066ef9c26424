package io.agent7.agent.collect.windows.process;

import static io.agent7.agent.collect.Fields.has;
import static io.agent7.agent.collect.Fields.number;
import static io.agent7.agent.collect.Fields.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The socket tables of a small Windows server as GetExtendedTcpTable / GetExtendedUdpTable
 * fill them: IPv4 addresses as DWORDs whose memory bytes are in network order (10.0.0.15 reads
 * 0x0F00000A on x64), ports in network byte order in the low 16 bits (3389 = 0x0D3D reads
 * 0x3D0D), the TIME_WAIT socket owned by pid 0 as netstat -ano shows it.
 */
class NetworkConnectionsTest {

    private static final byte[] ANY6 = new byte[16];

    private static final byte[] LINK_LOCAL = {
        (byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x15, 0x5d, (byte) 0xff, (byte) 0xfe, 0x01, 0x02, 0x03
    };

    private static final byte[] MAPPED_10_0_0_15 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 15
    };

    static final ConnectionTables TABLES = new ConnectionTables(
            List.of(
                    new TcpRow(2, 0x00000000, 0x8700, 0, 0, 1012), // 0.0.0.0:135 listen, RPC endpoint mapper
                    new TcpRow(2, 0x00000000, 0x3D0D, 0, 0, 1100), // 0.0.0.0:3389 listen
                    new TcpRow(5, 0x0F00000A, 0x3D0D, 0x6400000A, 0xCBC3, 1100), // 10.0.0.100:50123 in to RDP
                    new TcpRow(5, 0x0F00000A, 0x50C3, 0x03020134, 0xBB01, 4242), // out to 52.1.2.3:443
                    new TcpRow(11, 0x0F00000A, 0x51C3, 0x03020134, 0xBB01, 0), // time_wait, no owner
                    new TcpRow(8, 0x0100007F, 0x1234FFFF, 0x0100007F, 0x8813, 4242)), // garbage above the port
            List.of(
                    new Tcp6Row(ANY6, 0, 0xBD01, ANY6, 0, 0, 2, 4), // [::]:445 listen, System
                    new Tcp6Row(MAPPED_10_0_0_15, 0, 0xBD01, ANY6, 0, 0, 2, 4)),
            List.of(new UdpRow(0x00000000, 0xE914, 2020)), // 0.0.0.0:5353 mDNS
            List.of(new Udp6Row(LINK_LOCAL, 12, 0x2202, 2020))); // [fe80::...%12]:546 DHCPv6

    static final Map<Integer, ProcessOwner> OWNERS = Map.of(
            1012,
                    new ProcessOwner(
                            "svchost.exe", "C:\\Windows\\System32\\svchost.exe", "NT AUTHORITY\\NETWORK SERVICE"),
            1100,
                    new ProcessOwner(
                            "svchost.exe", "C:\\Windows\\System32\\svchost.exe", "NT AUTHORITY\\NETWORK SERVICE"),
            4242,
                    new ProcessOwner(
                            "chrome.exe", "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "CORP\\jürgen"),
            4, new ProcessOwner("System", null, "NT AUTHORITY\\SYSTEM"));

    private final List<ObjectNode> docs = NetworkConnections.documents(TABLES, OWNERS);

    private ObjectNode socket(String transport, String ip, long port, String remoteIp) {
        return docs.stream()
                .filter(d -> transport.equals(text(d, "network.transport"))
                        && ip.equals(text(d, "source.ip"))
                        && port == number(d, "source.port")
                        && (remoteIp == null ? !has(d, "destination.ip") : remoteIp.equals(text(d, "destination.ip"))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + transport + " " + ip + ":" + port + " in " + docs));
    }

    @Test
    void everyRowOfTheFourTablesIsOneDocumentTheServerAccepts() {
        assertThat(docs).hasSize(10);
        Fields.assertConforms("network_connection", docs);
    }

    @Test
    void aListeningSocketHasNoDestinationAndNamesItsOwner() {
        ObjectNode rpc = socket("tcp", "0.0.0.0", 135, null);
        assertThat(text(rpc, "network.direction")).isEqualTo("listening");
        assertThat(text(rpc, "network_connection.state")).isEqualTo("listen");
        assertThat(text(rpc, "network.type")).isEqualTo("ipv4");
        assertThat(number(rpc, "process.pid")).isEqualTo(1012);
        assertThat(text(rpc, "process.name")).isEqualTo("svchost.exe");
        assertThat(text(rpc, "process.executable")).isEqualTo("C:\\Windows\\System32\\svchost.exe");
        assertThat(text(rpc, "user.name")).isEqualTo("NT AUTHORITY\\NETWORK SERVICE");
        assertThat(has(rpc, "destination")).isFalse();
    }

    @Test
    void aConnectionToAListeningPortIsInboundAndOneFromAnEphemeralPortOutbound() {
        ObjectNode rdp = socket("tcp", "10.0.0.15", 3389, "10.0.0.100");
        assertThat(text(rdp, "network.direction")).isEqualTo("inbound");
        assertThat(number(rdp, "destination.port")).isEqualTo(50123);
        assertThat(text(rdp, "network_connection.state")).isEqualTo("established");
        ObjectNode web = socket("tcp", "10.0.0.15", 50000, "52.1.2.3");
        assertThat(text(web, "network.direction")).isEqualTo("outbound");
        assertThat(number(web, "destination.port")).isEqualTo(443);
        assertThat(text(web, "user.name")).isEqualTo("CORP\\jürgen");
    }

    @Test
    void aTimeWaitSocketOfPidZeroHasNoProcess() {
        ObjectNode closing = socket("tcp", "10.0.0.15", 50001, "52.1.2.3");
        assertThat(text(closing, "network_connection.state")).isEqualTo("time_wait");
        assertThat(has(closing, "process")).isFalse();
    }

    @Test
    void onlyTheLowSixteenBitsOfAPortDwordAreThePort() {
        ObjectNode loopback = socket("tcp", "127.0.0.1", 65535, "127.0.0.1");
        assertThat(number(loopback, "destination.port")).isEqualTo(5000);
        assertThat(text(loopback, "network_connection.state")).isEqualTo("close_wait");
    }

    @Test
    void ipv6AddressesAreWrittenInTheirStoredFormAndV4MappedOnesAsIpv4() {
        ObjectNode smb = socket("tcp", "::", 445, null);
        assertThat(text(smb, "network.type")).isEqualTo("ipv6");
        assertThat(text(smb, "process.name")).isEqualTo("System");
        assertThat(has(smb, "process.executable")).isFalse();
        ObjectNode mapped = socket("tcp", "10.0.0.15", 445, null);
        assertThat(text(mapped, "network.type")).isEqualTo("ipv4");
        ObjectNode dhcp = socket("udp", "fe80::215:5dff:fe01:203", 546, null);
        assertThat(text(dhcp, "network.type")).isEqualTo("ipv6");
    }

    @Test
    void aUdpEndpointIsListeningWithoutAState() {
        ObjectNode mdns = socket("udp", "0.0.0.0", 5353, null);
        assertThat(text(mdns, "network.direction")).isEqualTo("listening");
        assertThat(has(mdns, "network_connection.state")).isFalse();
        assertThat(number(mdns, "process.pid")).isEqualTo(2020);
        assertThat(has(mdns, "process.name"))
                .as("pid 2020 exited before it was opened")
                .isFalse();
    }

    @Test
    void theSameSocketInTwoRowsIsOneDocument() {
        TcpRow row = new TcpRow(2, 0, 0x8700, 0, 0, 1012);
        ConnectionTables twice = new ConnectionTables(List.of(row, row), List.of(), List.of(), List.of());
        assertThat(NetworkConnections.documents(twice, OWNERS)).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({
        "1, close",
        "2, listen",
        "3, syn_sent",
        "4, syn_recv",
        "5, established",
        "6, fin_wait1",
        "7, fin_wait2",
        "8, close_wait",
        "9, closing",
        "10, last_ack",
        "11, time_wait",
        "12, delete_tcb"
    })
    void everyMibTcpStateHasTheLinuxCollectorsName(int state, String name) {
        assertThat(NetworkConnections.stateName(state)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({"0", "13", "-1"})
    void aStateTheApiDoesNotDefineHasNoName(int state) {
        assertThat(NetworkConnections.stateName(state)).isNull();
    }
}
