package io.agent7.agent.collect.linux;

import static io.agent7.agent.collect.Fields.bool;
import static io.agent7.agent.collect.Fields.has;
import static io.agent7.agent.collect.Fields.number;
import static io.agent7.agent.collect.Fields.only;
import static io.agent7.agent.collect.Fields.text;
import static io.agent7.agent.collect.Fields.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import io.agent7.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class LocalUserCollectorTest {

    /** Day 20100 since 1970: 2025-01-12. */
    private static final long TODAY = 20100;

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(TODAY * 86400 + 3600), ZoneOffset.UTC);

    @RegisterExtension
    final FixtureRoot fixture = new FixtureRoot();

    Path root;
    List<ObjectNode> docs;

    @BeforeEach
    void collect() throws Exception {
        root = fixture.root();
        docs = new LocalUserCollector(Schema.standard(), root, CLOCK).collect();
    }

    private ObjectNode user(String name) {
        return only(docs, "user.name", name);
    }

    @Test
    void everyPasswdEntryIsAnAccount() {
        assertThat(Fields.column(docs, "user.name"))
                .containsExactly("root", "daemon", "www-data", "sshd", "alice", "bob", "carol", "dave", "nobody");
    }

    @Test
    void anAccountCarriesItsPasswdFieldsAndGroups() {
        ObjectNode alice = user("alice");
        assertThat(text(alice, "user.id")).isEqualTo("1000");
        assertThat(text(alice, "user.domain")).isEqualTo("fixturehost");
        assertThat(text(alice, "user.full_name")).isEqualTo("Alice Liddell");
        assertThat(text(alice, "local_user.description")).isEqualTo("Alice Liddell");
        assertThat(text(alice, "local_user.shell")).isEqualTo("/bin/bash");
        assertThat(text(alice, "local_user.home")).isEqualTo("/home/alice");
        assertThat(texts(alice, "user.group.name")).containsExactly("alice", "adm", "sudo");
        assertThat(bool(alice, "user.privileged")).isTrue();
        assertThat(text(alice, "local_user.type")).isEqualTo("normal");
    }

    @Test
    void passwordAgeingComesFromShadow() {
        ObjectNode alice = user("alice");
        assertThat(text(alice, "user.password_last_set")).isEqualTo("2024-10-04T00:00:00.000Z");
        assertThat(number(alice, "local_user.password_age_days")).isEqualTo(100);
        assertThat(text(alice, "local_user.password_expires")).isEqualTo("2025-01-02T00:00:00.000Z");
        assertThat(bool(alice, "local_user.locked")).isFalse();
        assertThat(bool(alice, "user.enabled"))
                .as("an expired password without an inactive period still logs on")
                .isTrue();
    }

    @Test
    void lockedAndExpiredAccountsAreNotEnabled() {
        ObjectNode dave = user("dave");
        assertThat(bool(dave, "local_user.locked")).isTrue();
        assertThat(bool(dave, "user.enabled")).isFalse();
        ObjectNode bob = user("bob");
        assertThat(bool(bob, "local_user.locked")).isFalse();
        assertThat(bool(bob, "user.enabled")).as("account expired on day 19999").isFalse();
        assertThat(has(bob, "local_user.password_expires"))
                .as("max 99999 means never")
                .isFalse();
        ObjectNode carol = user("carol");
        assertThat(bool(carol, "user.enabled"))
                .as("password expired 70 days ago, 5 days of grace")
                .isFalse();
        assertThat(bool(user("root"), "local_user.locked")).isTrue();
        assertThat(bool(user("daemon"), "user.enabled")).isFalse();
    }

    @Test
    void rootIsBuiltinServiceAccountsAreSystemAndNobodyIsNoPerson() {
        assertThat(text(user("root"), "local_user.type")).isEqualTo("builtin");
        assertThat(bool(user("root"), "user.privileged")).isTrue();
        assertThat(text(user("www-data"), "local_user.type")).isEqualTo("system");
        assertThat(text(user("nobody"), "local_user.type")).isEqualTo("system");
        assertThat(bool(user("dave"), "user.privileged")).isFalse();
        assertThat(texts(user("dave"), "user.group.name")).containsExactly("users");
        assertThat(texts(user("carol"), "user.group.name")).containsExactly("carol", "wheel");
        assertThat(bool(user("carol"), "user.privileged")).isTrue();
    }

    @Test
    void lastLogonComesFromLastlogAndElseFromTheLatestWtmpSession() {
        assertThat(text(user("alice"), "user.last_logon")).isEqualTo("2023-11-14T22:15:00.000Z");
        assertThat(text(user("bob"), "user.last_logon")).isEqualTo("2023-11-14T22:21:40.250Z");
        assertThat(text(user("carol"), "user.last_logon")).isEqualTo("2023-11-14T21:56:40.250Z");
        assertThat(has(user("dave"), "user.last_logon")).isFalse();
    }

    @Test
    void theLastLogoffIsTheEndOfTheUsersLatestEndedSessionInWtmp() {
        assertThat(text(user("bob"), "local_user.last_logoff")).isEqualTo("2023-11-14T22:23:20.250Z");
        assertThat(has(user("carol"), "local_user.last_logoff"))
                .as("her session has not ended")
                .isFalse();
    }

    @Test
    void failedLogonsCountOnlyAfterTheLastSuccessfulOne() throws Exception {
        assertThat(number(user("alice"), "local_user.bad_password_count")).isEqualTo(2);
        assertThat(number(user("bob"), "local_user.bad_password_count")).isZero();
        Files.delete(root.resolve("var/log/btmp"));
        List<ObjectNode> withoutBtmp = new LocalUserCollector(Schema.standard(), root, CLOCK).collect();
        assertThat(has(only(withoutBtmp, "user.name", "alice"), "local_user.bad_password_count"))
                .isFalse();
    }

    @Test
    void withoutReadableShadowOnlyTheShellDecidesAndOnlyAgainstLogons() throws Exception {
        Files.delete(root.resolve("etc/shadow"));
        List<ObjectNode> withoutShadow = new LocalUserCollector(Schema.standard(), root, CLOCK).collect();
        ObjectNode alice = only(withoutShadow, "user.name", "alice");
        assertThat(has(alice, "user.enabled")).isFalse();
        assertThat(has(alice, "local_user.locked")).isFalse();
        assertThat(has(alice, "user.password_last_set")).isFalse();
        assertThat(bool(only(withoutShadow, "user.name", "daemon"), "user.enabled"))
                .isFalse();
    }

    @Test
    void loginDefsMovesTheRangeOfPeoplesAccounts() throws Exception {
        Files.writeString(root.resolve("etc/login.defs"), "# ranges\nUID_MIN\t\t\t  500\nUID_MAX\t\t\t 2000\n");
        List<ObjectNode> docs = new LocalUserCollector(Schema.standard(), root, CLOCK).collect();
        assertThat(text(only(docs, "user.name", "www-data"), "local_user.type")).isEqualTo("system");
        assertThat(text(only(docs, "user.name", "alice"), "local_user.type")).isEqualTo("normal");
    }

    @Test
    void aHostWithoutPasswdHasNoAccounts(@TempDir Path empty) {
        assertThat(new LocalUserCollector(Schema.standard(), empty).collect()).isEmpty();
    }
}
