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
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class ServiceCollectorTest {

    private static final String SYSTEMCTL_SHOW = """
            Id=ssh.service
            LoadState=loaded
            ActiveState=active
            SubState=running
            MainPID=100

            Id=web.service
            LoadState=loaded
            ActiveState=failed
            SubState=failed
            MainPID=0

            Id=ghost.service
            LoadState=not-found
            ActiveState=inactive
            SubState=dead
            MainPID=0

            Id=run-transient.service
            LoadState=loaded
            ActiveState=active
            SubState=running
            MainPID=900
            """;

    @RegisterExtension
    final FixtureRoot fixture = new FixtureRoot();

    Path root;

    @BeforeEach
    void fixture() throws Exception {
        root = fixture.root();
    }

    private List<ObjectNode> collect() {
        return new ServiceCollector(Schema.standard(), root).collect();
    }

    @Test
    void everyServiceUnitAndEnabledInstanceIsAServiceButTemplatesAndAliasesAreNot() {
        assertThat(Fields.column(collect(), "service.name"))
                .containsExactlyInAnyOrder(
                        "backup-run.service",
                        "cleanup.service",
                        "disabled.service",
                        "dyn.service",
                        "masked.service",
                        "multi.service",
                        "ssh.service",
                        "web.service",
                        "getty@tty1.service");
    }

    @Test
    void anEnabledServiceDescribesWhatItRunsAndAsWhom() throws Exception {
        ObjectNode ssh = only(collect(), "service.name", "ssh.service");
        assertThat(text(ssh, "service.description")).isEqualTo("OpenBSD Secure Shell server");
        assertThat(text(ssh, "service.type")).isEqualTo("notify");
        assertThat(text(ssh, "service.start_type")).isEqualTo("enabled");
        assertThat(text(ssh, "service.unit_file")).isEqualTo("/usr/lib/systemd/system/ssh.service");
        assertThat(texts(ssh, "service.dependencies"))
                .containsExactly("sshd-keygen.target", "network.target", "auditd.service");
        assertThat(text(ssh, "process.command_line")).isEqualTo("/usr/sbin/sshd -D $SSHD_OPTS");
        assertThat(text(ssh, "process.executable")).isEqualTo("/usr/sbin/sshd");
        assertThat(texts(ssh, "process.args")).containsExactly("/usr/sbin/sshd", "-D", "$SSHD_OPTS");
        assertThat(number(ssh, "process.args_count")).isEqualTo(3);
        assertThat(text(ssh, "user.name")).isEqualTo("root");
        assertThat(text(ssh, "user.id")).isEqualTo("0");
        assertThat(bool(ssh, "service.privileged")).isTrue();
        assertThat(text(ssh, "process.hash.sha256")).isEqualTo(sha256(root.resolve("usr/sbin/sshd")));
        assertThat(has(ssh, "service.state")).as("no systemd in a fixture").isFalse();
    }

    @Test
    void everyExecStartLineIsInTheCommandLineWithoutItsPrefixes() {
        ObjectNode multi = only(collect(), "service.name", "multi.service");
        assertThat(text(multi, "process.command_line"))
                .isEqualTo("/usr/bin/first --flag \"quoted arg\" ; /usr/bin/second ; /usr/bin/third --continued");
        assertThat(texts(multi, "process.args")).containsExactly("/usr/bin/first", "--flag", "quoted arg");
        assertThat(text(multi, "process.executable")).isEqualTo("/usr/bin/first");
        assertThat(text(multi, "service.type")).isEqualTo("oneshot");
        assertThat(text(multi, "service.start_type")).as("no [Install] section").isEqualTo("static");
        assertThat(texts(multi, "service.dependencies")).containsExactly("network-online.target");
        assertThat(text(multi, "process.working_directory")).isEqualTo("/srv/app");
    }

    @Test
    void aServiceOfAnAccountOtherThanRootIsNotPrivilegedEvenWhenTheAccountMaySudo() {
        ObjectNode multi = only(collect(), "service.name", "multi.service");
        assertThat(text(multi, "user.name")).isEqualTo("alice");
        assertThat(text(multi, "user.id")).isEqualTo("1000");
        assertThat(text(multi, "user.domain")).isEqualTo("fixturehost");
        assertThat(bool(multi, "service.privileged")).isFalse();
    }

    @Test
    void theAtPrefixKeepsTheProgramAndADefaultTypeIsSimple() {
        ObjectNode web = only(collect(), "service.name", "web.service");
        assertThat(text(web, "process.executable")).isEqualTo("/usr/sbin/nginx");
        assertThat(text(web, "process.command_line")).isEqualTo("/usr/sbin/nginx nginx -g 'daemon off;'");
        assertThat(text(web, "service.type")).isEqualTo("simple");
        assertThat(text(web, "user.name")).isEqualTo("www-data");
        assertThat(bool(web, "service.privileged")).isFalse();
    }

    @Test
    void aMaskedUnitIsReportedAsMaskedWithoutItsVendorCommand() {
        ObjectNode masked = only(collect(), "service.name", "masked.service");
        assertThat(text(masked, "service.start_type")).isEqualTo("masked");
        assertThat(text(masked, "service.unit_file")).isEqualTo("/etc/systemd/system/masked.service");
        assertThat(has(masked, "process")).isFalse();
        assertThat(has(masked, "service.description")).isFalse();
    }

    @Test
    void aDropInReplacesExecStartAndAProgramWithoutPathIsFoundOnSystemdsPath() {
        ObjectNode disabled = only(collect(), "service.name", "disabled.service");
        assertThat(text(disabled, "service.start_type")).isEqualTo("disabled");
        assertThat(text(disabled, "process.command_line")).isEqualTo("disabled-daemon --from-drop-in");
        assertThat(text(disabled, "process.executable")).isEqualTo("/usr/bin/disabled-daemon");
    }

    @Test
    void anEnabledTemplateInstanceExpandsItsSpecifiers() {
        ObjectNode getty = only(collect(), "service.name", "getty@tty1.service");
        assertThat(text(getty, "service.description")).isEqualTo("Getty on tty1");
        assertThat(text(getty, "service.start_type")).isEqualTo("enabled");
        assertThat(text(getty, "service.unit_file")).isEqualTo("/usr/lib/systemd/system/getty@.service");
        assertThat(text(getty, "process.command_line")).isEqualTo("/sbin/agetty -o '-p -- \\\\u' --noclear - $TERM");
        assertThat(text(getty, "service.type")).isEqualTo("idle");
    }

    @Test
    void aDynamicUserIsNamedAfterTheUnitAndIsNoLocalAccount() {
        ObjectNode dyn = only(collect(), "service.name", "dyn.service");
        assertThat(text(dyn, "user.name")).isEqualTo("dyn");
        assertThat(has(dyn, "user.id")).isFalse();
        assertThat(bool(dyn, "service.privileged")).isFalse();
    }

    @Test
    void whereSystemdRunsSystemctlAddsStateAndMainPid() throws Exception {
        Files.createDirectories(root.resolve("run/systemd/system"));
        List<List<String>> commands = new ArrayList<>();
        List<ObjectNode> docs = new ServiceCollector(Schema.standard(), root, command -> {
                    commands.add(command);
                    return Optional.of(SYSTEMCTL_SHOW);
                })
                .collect();
        assertThat(commands).containsExactly(ServiceCollector.SYSTEMCTL_SHOW);
        ObjectNode ssh = only(docs, "service.name", "ssh.service");
        assertThat(text(ssh, "service.state")).isEqualTo("active");
        assertThat(number(ssh, "service.pid")).isEqualTo(100);
        ObjectNode web = only(docs, "service.name", "web.service");
        assertThat(text(web, "service.state")).isEqualTo("failed");
        assertThat(has(web, "service.pid")).isFalse();
        ObjectNode unitless = only(docs, "service.name", "run-transient.service");
        assertThat(number(unitless, "service.pid")).isEqualTo(900);
        assertThat(has(unitless, "service.unit_file")).isFalse();
        assertThat(Fields.column(docs, "service.name")).doesNotContain("ghost.service");
        Fields.assertConforms("service", docs);
    }

    @Test
    void withoutSystemdSystemctlIsNotAskedAndStateIsLeftOut() {
        List<ObjectNode> docs = new ServiceCollector(Schema.standard(), root, command -> {
                    throw new AssertionError("systemctl must not run without systemd: " + command);
                })
                .collect();
        assertThat(docs).hasSize(9).noneMatch(d -> has(d, "service.state") || has(d, "service.pid"));
    }

    @Test
    void aFailingSystemctlLeavesTheStateOut() throws Exception {
        Files.createDirectories(root.resolve("run/systemd/system"));
        List<ObjectNode> docs = new ServiceCollector(Schema.standard(), root, command -> Optional.empty()).collect();
        assertThat(docs).hasSize(9).noneMatch(d -> has(d, "service.state"));
    }

    @Test
    void aProgramIsHashedAgainOnlyWhenItChanges() throws Exception {
        ServiceCollector collector = new ServiceCollector(Schema.standard(), root);
        String first = text(only(collector.collect(), "service.name", "ssh.service"), "process.hash.sha256");
        String again = text(only(collector.collect(), "service.name", "ssh.service"), "process.hash.sha256");
        Files.writeString(root.resolve("usr/sbin/sshd"), "#!/bin/sh\n# a new build, longer than the old one\n");
        String changed = text(only(collector.collect(), "service.name", "ssh.service"), "process.hash.sha256");
        assertThat(again).isEqualTo(first);
        assertThat(changed).isNotEqualTo(first).isEqualTo(sha256(root.resolve("usr/sbin/sshd")));
    }

    @Test
    void aHostWithoutUnitFilesHasNoServices(@TempDir Path empty) {
        assertThat(new ServiceCollector(Schema.standard(), empty).collect()).isEmpty();
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
