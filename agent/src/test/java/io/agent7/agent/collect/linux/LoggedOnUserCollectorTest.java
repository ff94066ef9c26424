package io.agent7.agent.collect.linux;

import static io.agent7.agent.collect.Fields.has;
import static io.agent7.agent.collect.Fields.only;
import static io.agent7.agent.collect.Fields.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class LoggedOnUserCollectorTest {

    @RegisterExtension
    final FixtureRoot fixture = new FixtureRoot();

    Path root;
    List<ObjectNode> docs;

    @BeforeEach
    void collect() throws Exception {
        root = fixture.root();
        docs = new LoggedOnUserCollector(Schema.standard(), root).collect();
    }

    @Test
    void onlyUserProcessRecordsAreSessions() {
        assertThat(docs)
                .extracting(d -> text(d, "user.name") + "@" + text(d, "logged_on_user.terminal"))
                .containsExactly("alice@pts/0", "bob@tty1", "carol@pts/1", "bob@pts/3", "dave@pts/4");
    }

    @Test
    void aRemoteSessionHasItsHostAndAddress() {
        ObjectNode alice = only(docs, "logged_on_user.terminal", "pts/0");
        assertThat(text(alice, "logged_on_user.logon_type")).isEqualTo("remote_interactive");
        assertThat(text(alice, "logged_on_user.session_id")).isEqualTo("pts/0");
        assertThat(text(alice, "logged_on_user.logon_time")).isEqualTo("2023-11-14T22:15:00.250Z");
        assertThat(text(alice, "source.address")).isEqualTo("10.0.0.100");
        assertThat(text(alice, "source.ip")).isEqualTo("10.0.0.100");
        assertThat(text(alice, "user.id")).isEqualTo("1000");
        assertThat(text(alice, "user.domain")).isEqualTo("fixturehost");
    }

    @Test
    void anIpv6AddressIsReadFromAllFourWords() {
        ObjectNode bob = only(docs, "logged_on_user.terminal", "pts/3");
        assertThat(text(bob, "source.ip")).isEqualTo("2001:db8::2");
    }

    @Test
    void aConsoleSessionIsInteractiveWithoutASource() {
        ObjectNode console = only(docs, "logged_on_user.terminal", "tty1");
        assertThat(text(console, "logged_on_user.logon_type")).isEqualTo("interactive");
        assertThat(has(console, "source")).isFalse();
    }

    @Test
    void anXDisplayIsLocalAndAHostNameWithoutAddressHasNoIp() {
        assertThat(text(only(docs, "logged_on_user.terminal", "pts/1"), "logged_on_user.logon_type"))
                .isEqualTo("interactive");
        ObjectNode dave = only(docs, "logged_on_user.terminal", "pts/4");
        assertThat(text(dave, "logged_on_user.logon_type")).isEqualTo("remote_interactive");
        assertThat(text(dave, "source.address")).isEqualTo("workstation.example.com");
        assertThat(has(dave, "source.ip")).isFalse();
    }

    @Test
    void aTornLastRecordIsIgnored() throws Exception {
        Path utmp = root.resolve("run/utmp");
        byte[] bytes = Files.readAllBytes(utmp);
        Files.write(utmp, Arrays.copyOf(bytes, bytes.length - 100));
        assertThat(new LoggedOnUserCollector(Schema.standard(), root).collect()).hasSize(4);
    }

    @Test
    void aHostWithoutUtmpHasNoSessions(@TempDir Path empty) {
        assertThat(new LoggedOnUserCollector(Schema.standard(), empty).collect())
                .isEmpty();
    }
}
