package io.agent7.agent.collect.linux;

import static io.agent7.agent.collect.Fields.has;
import static io.agent7.agent.collect.Fields.number;
import static io.agent7.agent.collect.Fields.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class NetworkConnectionCollectorTest {

    @RegisterExtension
    final FixtureRoot fixture = new FixtureRoot();

    List<ObjectNode> docs;

    @BeforeEach
    void collect() throws Exception {
        docs = new NetworkConnectionCollector(Schema.standard(), fixture.root()).collect();
    }

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
    void everySocketOfTheFourTablesIsReported() {
        assertThat(docs).hasSize(16);
    }

    @Test
    void aListeningSocketHasNoDestinationAndNamesItsOwner() {
        ObjectNode ssh = socket("tcp", "0.0.0.0", 22, null);
        assertThat(text(ssh, "network.direction")).isEqualTo("listening");
        assertThat(text(ssh, "network_connection.state")).isEqualTo("listen");
        assertThat(text(ssh, "network.type")).isEqualTo("ipv4");
        assertThat(number(ssh, "process.pid")).isEqualTo(100);
        assertThat(text(ssh, "process.name")).isEqualTo("sshd");
        assertThat(text(ssh, "process.executable")).isEqualTo("/usr/sbin/sshd");
        assertThat(text(ssh, "user.name")).isEqualTo("root");
        assertThat(has(ssh, "destination")).isFalse();
    }

    @Test
    void aConnectionToAListeningPortIsInbound() {
        ObjectNode session = socket("tcp", "10.0.0.15", 22, "10.0.0.100");
        assertThat(text(session, "network.direction")).isEqualTo("inbound");
        assertThat(text(session, "network_connection.state")).isEqualTo("established");
        assertThat(number(session, "destination.port")).isEqualTo(50000);
        assertThat(number(session, "process.pid"))
                .as("the lowest of the pids sharing the socket")
                .isEqualTo(200);
    }

    @Test
    void aConnectionFromAnEphemeralPortIsOutboundAndOwnedByItsUser() {
        ObjectNode curl = socket("tcp", "10.0.0.15", 54321, "8.8.8.8");
        assertThat(text(curl, "network.direction")).isEqualTo("outbound");
        assertThat(number(curl, "destination.port")).isEqualTo(443);
        assertThat(text(curl, "user.name")).isEqualTo("alice");
        assertThat(text(curl, "process.name")).isEqualTo("curl");
    }

    @Test
    void aTimeWaitSocketHasNoOwner() {
        ObjectNode closing = socket("tcp", "10.0.0.15", 22, "10.0.0.102");
        assertThat(text(closing, "network_connection.state")).isEqualTo("time_wait");
        assertThat(text(closing, "network.direction")).isEqualTo("inbound");
        assertThat(has(closing, "process.pid")).isFalse();
        assertThat(has(closing, "user.name")).isFalse();
    }

    @Test
    void ipv6AddressesAreWrittenInRfc5952Form() {
        ObjectNode any = socket("tcp", "::", 80, null);
        assertThat(text(any, "network.type")).isEqualTo("ipv6");
        assertThat(number(any, "process.pid")).isEqualTo(300);
        assertThat(text(any, "process.executable"))
                .as("a deleted program keeps its path")
                .isEqualTo("/usr/sbin/nginx");
        ObjectNode session = socket("tcp", "2001:db8::1", 22, "2001:db8::2");
        assertThat(number(session, "destination.port")).isEqualTo(40022);
        ObjectNode linkLocal = socket("tcp", "fe80::1:0:0:1", 7000, null);
        assertThat(text(linkLocal, "network.type")).isEqualTo("ipv6");
    }

    @Test
    void v4MappedAddressesOfIpv6SocketsAreIpv4() {
        ObjectNode loopback = socket("tcp", "127.0.0.1", 9200, null);
        assertThat(text(loopback, "network.type")).isEqualTo("ipv4");
        assertThat(text(loopback, "user.name")).isEqualTo("alice");
        ObjectNode mapped = socket("tcp", "10.0.0.15", 9200, "10.0.0.7");
        assertThat(text(mapped, "network.direction")).isEqualTo("inbound");
        assertThat(number(mapped, "process.pid")).isEqualTo(700);
    }

    @Test
    void udpSocketsWithoutARemoteListenAndConnectedOnesHaveADestination() {
        ObjectNode dhcp = socket("udp", "0.0.0.0", 68, null);
        assertThat(text(dhcp, "network.direction")).isEqualTo("listening");
        assertThat(text(dhcp, "network_connection.state")).isEqualTo("listen");
        ObjectNode dns = socket("udp", "10.0.0.15", 40960, "8.8.8.8");
        assertThat(text(dns, "network.direction")).isEqualTo("outbound");
        assertThat(number(dns, "destination.port")).isEqualTo(53);
        ObjectNode mdns = socket("udp", "::", 5353, null);
        assertThat(text(mdns, "user.name")).isEqualTo("sshd");
    }

    @Test
    void aHostWithoutProcNetHasNoConnections(@TempDir Path empty) {
        assertThat(new NetworkConnectionCollector(Schema.standard(), empty).collect())
                .isEmpty();
    }

    @Test
    void procNetLinesThatAreCutShortAreSkipped() {
        List<InetSocket> sockets = new java.util.ArrayList<>();
        InetSocket.parse(
                "  sl  local_address ...\n   0: 0100007F:0016 00000000:0000 0A 00000000:00000000\n"
                        + "   1: 0100007F:0017 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 77 1\n",
                "tcp",
                sockets);
        assertThat(sockets).extracting(InetSocket::localPort).containsExactly(23);
    }
}
