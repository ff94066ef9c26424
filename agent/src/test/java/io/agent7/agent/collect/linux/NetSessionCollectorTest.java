package io.agent7.agent.collect.linux;

import static io.agent7.agent.collect.Fields.has;
import static io.agent7.agent.collect.Fields.number;
import static io.agent7.agent.collect.Fields.only;
import static io.agent7.agent.collect.Fields.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class NetSessionCollectorTest {

    private static final Clock AN_HOUR_AFTER_BOOT =
            Clock.fixed(Instant.ofEpochSecond(FixtureRoot.BOOT_TIME + 3600), ZoneOffset.UTC);

    @RegisterExtension
    final FixtureRoot fixture = new FixtureRoot();

    private List<ObjectNode> collect() throws Exception {
        return new NetSessionCollector(Schema.standard(), fixture.root(), AN_HOUR_AFTER_BOOT).collect();
    }

    @Test
    void onlyEstablishedConnectionsToSshAndSmbPortsAreSessions() throws Exception {
        List<ObjectNode> sessions = collect();
        assertThat(Fields.column(sessions, "source.ip"))
                .containsExactlyInAnyOrder("10.0.0.100", "10.0.0.101", "2001:db8::2");
    }

    @Test
    void anSshSessionNamesTheUserFromSshdsProcessTitle() throws Exception {
        ObjectNode ssh = only(collect(), "source.ip", "10.0.0.100");
        assertThat(text(ssh, "network.protocol")).isEqualTo("ssh");
        assertThat(number(ssh, "source.port")).isEqualTo(50000);
        assertThat(number(ssh, "destination.port")).isEqualTo(22);
        assertThat(number(ssh, "process.pid")).isEqualTo(200);
        assertThat(text(ssh, "user.name")).isEqualTo("alice");
        assertThat(text(ssh, "user.id")).isEqualTo("1000");
        assertThat(text(ssh, "user.domain")).isEqualTo("fixturehost");
        assertThat(number(ssh, "net_session.active_time"))
                .as("started 120 s after boot, now 3600 s")
                .isEqualTo(3480);
    }

    @Test
    void anIpv6SshSessionOfOpenSsh98NamesItsUserToo() throws Exception {
        ObjectNode ssh = only(collect(), "source.ip", "2001:db8::2");
        assertThat(text(ssh, "user.name")).isEqualTo("bob");
        assertThat(number(ssh, "process.pid")).isEqualTo(210);
        assertThat(has(ssh, "net_session.active_time"))
                .as("its process has no stat file")
                .isFalse();
    }

    @Test
    void anSmbSessionHasNoUser() throws Exception {
        ObjectNode smb = only(collect(), "source.ip", "10.0.0.101");
        assertThat(text(smb, "network.protocol")).isEqualTo("smb");
        assertThat(number(smb, "destination.port")).isEqualTo(445);
        assertThat(number(smb, "process.pid")).isEqualTo(500);
        assertThat(number(smb, "net_session.active_time")).isZero();
        assertThat(has(smb, "user")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            value = {
                "sshd: alice@pts/0, alice",
                "sshd: alice [priv], alice",
                "sshd: svc-backup@notty, svc-backup",
                "sshd-session: bob@pts/3, bob",
                "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups, null",
                "sshd: unknown [net], null",
                "sshd: [accepted], null",
                "sshd: alice [preauth], null",
                "/usr/sbin/sshd -D, null",
            },
            nullValues = "null")
    void theAccountIsReadFromSshdTitlesOnly(String title, String user) {
        assertThat(NetSessionCollector.sshUserOf(title)).isEqualTo(user);
    }

    @Test
    void aHostWithoutSessionsHasNone(@TempDir Path empty) {
        assertThat(new NetSessionCollector(Schema.standard(), empty).collect()).isEmpty();
    }
}
