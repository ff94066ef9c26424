package io.agent7.agent.collect.linux;

import static io.agent7.agent.collect.Fields.has;
import static io.agent7.agent.collect.Fields.number;
import static io.agent7.agent.collect.Fields.only;
import static io.agent7.agent.collect.Fields.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import io.agent7.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class SoftwareCollectorTest {

    @RegisterExtension
    final FixtureRoot fixture = new FixtureRoot();

    Path root;

    @BeforeEach
    void fixture() throws Exception {
        root = fixture.root();
    }

    private List<ObjectNode> collect() {
        return new SoftwareCollector(Schema.standard(), root, command -> {
                    throw new AssertionError("no rpm database in this root, so rpm must not run: " + command);
                })
                .collect();
    }

    @Test
    void installedAndHeldPackagesCountButRemovedAndHalfInstalledOnesDoNot() {
        List<ObjectNode> docs = collect();
        assertThat(docs)
                .extracting(d -> text(d, "package.name") + " " + text(d, "package.architecture"))
                .containsExactlyInAnyOrder("openssh-server amd64", "libc6 amd64", "libc6 i386", "held-pkg all");
    }

    @Test
    void aPackageCarriesItsDpkgFields() {
        ObjectNode ssh = only(collect(), "package.name", "openssh-server");
        assertThat(text(ssh, "package.version")).isEqualTo("1:9.2p1-2+deb12u3");
        assertThat(text(ssh, "package.type")).isEqualTo("deb");
        assertThat(text(ssh, "package.description"))
                .isEqualTo("secure shell (SSH) server, for secure access from remote machines");
        assertThat(number(ssh, "package.size")).isEqualTo(1500 * 1024);
        assertThat(text(ssh, "software.vendor")).isEqualTo("Debian OpenSSH Maintainers <debian-ssh@lists.debian.org>");
        assertThat(text(ssh, "software.source")).isEqualTo("dpkg");
        assertThat(text(ssh, "package.reference")).isEqualTo("https://www.openssh.com/");
        assertThat(text(ssh, "package.install_scope")).isEqualTo("global");
        assertThat(text(ssh, "package.installed")).isEqualTo("2024-03-02T10:30:00.000Z");
    }

    @Test
    void multiArchPackagesTakeTheirInstallTimeFromTheirArchitecturesFileList() {
        List<ObjectNode> libc = Fields.all(collect(), "package.name", "libc6");
        assertThat(libc).allMatch(d -> has(d, "package.installed"));
        ObjectNode held = only(collect(), "package.name", "held-pkg");
        assertThat(has(held, "package.installed")).as("no file list, no date").isFalse();
        assertThat(has(held, "package.size")).isFalse();
    }

    @Test
    void rpmRunsOnlyWhereItsDatabaseIsAndItsOutputBecomesPackages() throws Exception {
        Files.createDirectories(root.resolve("var/lib/rpm"));
        List<List<String>> commands = new ArrayList<>();
        List<ObjectNode> docs = new SoftwareCollector(Schema.standard(), root, command -> {
                    commands.add(command);
                    return Optional.of(
                            "bash\t5.1.8-9.el9\tx86_64\t1700000000\t7738634\tRocky Enterprise Software Foundation"
                                    + "\tThe GNU Bourne Again shell\thttps://www.gnu.org/software/bash\tGPLv3+\n"
                                    + "gpg-pubkey\t1.0-1\t(none)\t1700000000\t0\t(none)\tgpg(key)\t(none)\tpubkey\n"
                                    + "tzdata\t2:2024a-1.el9\tnoarch\t1700000100\t1800000\t(none)\tTimezone data\t(none)\tPublic Domain\n");
                })
                .collect();
        assertThat(commands).hasSize(1);
        assertThat(commands.get(0))
                .contains("-qa", "--queryformat", SoftwareCollector.RPM_FORMAT)
                .anyMatch(arg -> arg.startsWith("--root="));
        ObjectNode bash = only(docs, "package.name", "bash");
        assertThat(text(bash, "package.type")).isEqualTo("rpm");
        assertThat(text(bash, "package.version")).isEqualTo("5.1.8-9.el9");
        assertThat(text(bash, "package.installed")).isEqualTo("2023-11-14T22:13:20.000Z");
        assertThat(number(bash, "package.size")).isEqualTo(7738634);
        assertThat(text(bash, "package.license")).isEqualTo("GPLv3+");
        assertThat(text(bash, "software.source")).isEqualTo("rpm");
        ObjectNode tzdata = only(docs, "package.name", "tzdata");
        assertThat(has(tzdata, "software.vendor")).as("(none) is no vendor").isFalse();
        assertThat(Fields.all(docs, "package.name", "gpg-pubkey")).isEmpty();
        assertThat(docs).hasSize(6);
    }

    @Test
    void aHostWithoutPackageDatabasesHasNoSoftware(@TempDir Path empty) {
        assertThat(new SoftwareCollector(Schema.standard(), empty).collect()).isEmpty();
    }
}
