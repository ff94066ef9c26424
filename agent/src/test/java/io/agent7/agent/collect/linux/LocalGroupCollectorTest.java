package io.agent7.agent.collect.linux;

import static io.agent7.agent.collect.Fields.bool;
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

class LocalGroupCollectorTest {

    @RegisterExtension
    final FixtureRoot fixture = new FixtureRoot();

    List<ObjectNode> docs;

    @BeforeEach
    void collect() throws Exception {
        docs = new LocalGroupCollector(Schema.standard(), fixture.root()).collect();
    }

    @Test
    void everyGroupLineIsAGroup() {
        assertThat(Fields.column(docs, "group.name"))
                .containsExactly(
                        "root",
                        "daemon",
                        "adm",
                        "wheel",
                        "sudo",
                        "www-data",
                        "users",
                        "alice",
                        "bob",
                        "carol",
                        "nogroup");
    }

    @Test
    void listedMembersComeWithTheirUids() {
        ObjectNode sudo = only(docs, "group.name", "sudo");
        assertThat(text(sudo, "group.id")).isEqualTo("27");
        assertThat(text(sudo, "group.domain")).isEqualTo("fixturehost");
        assertThat(texts(sudo, "local_group.members")).containsExactly("alice", "bob");
        assertThat(texts(sudo, "local_group.member_ids")).containsExactly("1000", "1001");
        assertThat(number(sudo, "local_group.member_count")).isEqualTo(2);
        assertThat(bool(sudo, "local_group.privileged")).isTrue();
    }

    @Test
    void accountsWhosePrimaryGroupItIsAreMembersToo() {
        assertThat(texts(only(docs, "group.name", "users"), "local_group.members"))
                .containsExactly("dave");
        assertThat(texts(only(docs, "group.name", "nogroup"), "local_group.member_ids"))
                .containsExactly("105", "65534");
        assertThat(texts(only(docs, "group.name", "wheel"), "local_group.members"))
                .containsExactly("carol");
    }

    @Test
    void onlyRootSudoWheelAndAdminArePrivileged() {
        assertThat(docs)
                .filteredOn(d -> bool(d, "local_group.privileged"))
                .extracting(d -> text(d, "group.name"))
                .containsExactlyInAnyOrder("root", "wheel", "sudo");
        assertThat(number(only(docs, "group.name", "daemon"), "local_group.member_count"))
                .isEqualTo(1);
    }

    @Test
    void aHostWithoutGroupFileHasNoGroups(@TempDir Path empty) {
        assertThat(new LocalGroupCollector(Schema.standard(), empty).collect()).isEmpty();
    }
}
