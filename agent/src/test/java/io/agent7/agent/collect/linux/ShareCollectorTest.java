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
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class ShareCollectorTest {

    @RegisterExtension
    final FixtureRoot fixture = new FixtureRoot();

    List<ObjectNode> docs;

    @BeforeEach
    void collect() throws Exception {
        docs = new ShareCollector(Schema.standard(), fixture.root()).collect();
    }

    private ObjectNode share(String name) {
        return only(docs, "share.name", name);
    }

    @Test
    void nfsExportsAndSambaSharesAreShares() {
        assertThat(Fields.column(docs, "share.name"))
                .containsExactly(
                        "/srv/nfs/public",
                        "/srv/nfs/team",
                        "/srv/nfs/with space",
                        "/srv/nfs/open",
                        "/srv/nfs/extra",
                        "homes",
                        "Public",
                        "team",
                        "printers");
    }

    @Test
    void anExportListsEveryClientWithItsOptionsAcrossContinuationLines() {
        ObjectNode team = share("/srv/nfs/team");
        assertThat(text(team, "share.type")).isEqualTo("nfs");
        assertThat(text(team, "share.path")).isEqualTo("/srv/nfs/team");
        assertThat(texts(team, "share.permissions"))
                .containsExactly(
                        "192.168.1.0/24(rw,sync,no_subtree_check)",
                        "10.0.0.5(ro)",
                        "backup.example.com(rw,no_root_squash)");
        assertThat(bool(team, "share.everyone_access")).isFalse();
    }

    @Test
    void anyHostMayMountAWildcardExportOrOneWithoutClients() {
        assertThat(bool(share("/srv/nfs/public"), "share.everyone_access")).isTrue();
        assertThat(texts(share("/srv/nfs/public"), "share.permissions")).containsExactly("*(ro,sync,all_squash)");
        assertThat(bool(share("/srv/nfs/open"), "share.everyone_access")).isTrue();
        assertThat(texts(share("/srv/nfs/open"), "share.permissions")).containsExactly("*()");
    }

    @Test
    void aQuotedPathAndDefaultOptionsApplyToClientsWithoutTheirOwn() {
        assertThat(texts(share("/srv/nfs/with space"), "share.permissions"))
                .containsExactly("trusted.example.com(ro,async)", "untrusted(rw)");
        assertThat(texts(share("/srv/nfs/extra"), "share.permissions")).containsExactly("@netgroup(rw)");
    }

    @Test
    void aGuestSambaShareIsOpenToEveryone() {
        ObjectNode pub = share("Public");
        assertThat(text(pub, "share.type")).isEqualTo("samba");
        assertThat(text(pub, "share.path")).isEqualTo("/srv/samba/public");
        assertThat(text(pub, "share.description")).isEqualTo("Everyone's files");
        assertThat(texts(pub, "share.permissions")).containsExactly("everyone:read");
        assertThat(bool(pub, "share.everyone_access")).isTrue();
    }

    @Test
    void sambaAccessComesFromValidUsersWriteListAndWritable() {
        ObjectNode team = share("team");
        assertThat(texts(team, "share.permissions")).containsExactly("alice:write", "@staff:write", "bob:write");
        assertThat(bool(team, "share.everyone_access")).isFalse();
        assertThat(number(team, "share.max_users")).isEqualTo(5);
        assertThat(texts(share("homes"), "share.permissions")).containsExactly("%S:write");
        assertThat(has(share("homes"), "share.path")).isFalse();
    }

    @Test
    void thePrintersSectionSharesPrintersAndAnUnavailableShareIsNotShared() {
        ObjectNode printers = share("printers");
        assertThat(text(printers, "share.type")).isEqualTo("print");
        assertThat(texts(printers, "share.permissions")).containsExactly("authenticated_users:read");
        assertThat(Fields.all(docs, "share.name", "old")).isEmpty();
        assertThat(Fields.all(docs, "share.name", "global")).isEmpty();
    }

    @Test
    void aHostThatSharesNothingHasNoShares(@TempDir Path empty) {
        assertThat(new ShareCollector(Schema.standard(), empty).collect()).isEmpty();
    }
}
