package io.agent7.agent.collect.linux;

import static io.agent7.agent.collect.Fields.has;
import static io.agent7.agent.collect.Fields.only;
import static io.agent7.agent.collect.Fields.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class UpdateCollectorTest {

    /** UTC+1 in winter: the fixture's log times are an hour ahead of UTC. */
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @RegisterExtension
    final FixtureRoot fixture = new FixtureRoot();

    List<ObjectNode> docs;

    @BeforeEach
    void collect() throws Exception {
        docs = new UpdateCollector(Schema.standard(), fixture.root(), BERLIN).collect();
    }

    @Test
    void installsUpgradesAndRemovalsOfEveryRotationAreRead() {
        assertThat(docs)
                .extracting(d -> text(d, "update.type") + " " + text(d, "update.id"))
                .containsExactly(
                        "package_install libc6@2.36-9",
                        "package_install held-pkg@3.0",
                        "package_install removed-pkg@1.0-1",
                        "package_install openssh-server@1:9.2p1-2+deb12u2",
                        "package_upgrade openssh-server@1:9.2p1-2+deb12u3",
                        "package_remove removed-pkg@1.0-1");
    }

    @Test
    void anUpgradeNamesThePreviousVersionAndWhoAskedForIt() {
        ObjectNode upgrade = only(docs, "update.type", "package_upgrade");
        assertThat(text(upgrade, "update.installed_at")).isEqualTo("2024-03-02T10:30:00.000Z");
        assertThat(text(upgrade, "update.previous_version")).isEqualTo("1:9.2p1-2+deb12u2");
        assertThat(text(upgrade, "package.name")).isEqualTo("openssh-server");
        assertThat(text(upgrade, "package.version")).isEqualTo("1:9.2p1-2+deb12u3");
        assertThat(text(upgrade, "update.installed_by")).isEqualTo("alice");
        assertThat(text(upgrade, "update.source")).isEqualTo("dpkg_log");
    }

    @Test
    void aRemovalIsKeyedByTheVersionItRemoved() {
        ObjectNode removal = only(docs, "update.type", "package_remove");
        assertThat(text(removal, "package.version")).isEqualTo("1.0-1");
        assertThat(text(removal, "update.installed_by")).isEqualTo("bob");
        assertThat(has(removal, "update.previous_version")).isFalse();
    }

    @Test
    void aTransactionWithoutRequestedByWasRoots() {
        ObjectNode held = only(docs, "update.id", "held-pkg@3.0");
        assertThat(text(held, "update.installed_by")).isEqualTo("root");
        assertThat(text(held, "update.installed_at")).isEqualTo("2024-02-01T08:00:00.000Z");
    }

    @Test
    void anInstallThatAptDidNotRecordHasNoInstaller() {
        ObjectNode first = only(docs, "update.id", "openssh-server@1:9.2p1-2+deb12u2");
        assertThat(has(first, "update.installed_by")).isFalse();
    }

    @Test
    void theGzipRotationIsReadAndOneUpdateAtOneTimeIsOneDocument() {
        ObjectNode libc = only(docs, "update.id", "libc6@2.36-9");
        assertThat(text(libc, "update.installed_at")).isEqualTo("2024-01-01T07:00:01.000Z");
    }

    @Test
    void rotatedGenerationsAreReadOldestFirst(@TempDir Path dir) throws Exception {
        for (String name :
                List.of("dpkg.log", "dpkg.log.1", "dpkg.log.2.gz", "dpkg.log.10.gz", "dpkg.log.old", "other.log.1")) {
            java.nio.file.Files.writeString(dir.resolve(name), "");
        }
        assertThat(RotatedLogs.oldestFirst(dir.resolve("dpkg.log")))
                .extracting(p -> p.getFileName().toString())
                .containsExactly("dpkg.log.10.gz", "dpkg.log.2.gz", "dpkg.log.1", "dpkg.log");
    }

    @Test
    void aHostWithoutDpkgLogsHasNoUpdates(@TempDir Path empty) {
        assertThat(new UpdateCollector(Schema.standard(), empty).collect()).isEmpty();
    }
}
