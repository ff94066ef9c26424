package io.agent7.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

class SchemaTest {

    static final Schema SCHEMA = Schema.standard();

    static Stream<DataType> allTypes() {
        return Stream.concat(SCHEMA.types().stream(), SCHEMA.serverTypes().stream());
    }

    @Test
    void hasEveryDataTypeTheProductCollects() {
        assertThat(SCHEMA.types())
                .extracting(DataType::name)
                .containsExactlyInAnyOrder(
                        "host",
                        "process",
                        "service",
                        "scheduled_task",
                        "startup_item",
                        "software",
                        "update",
                        "logged_on_user",
                        "network_connection",
                        "share",
                        "local_user",
                        "local_group",
                        "system_metric",
                        "disk",
                        "printer",
                        "pipe",
                        "net_session",
                        "registry_value",
                        "ad_user",
                        "ad_group",
                        "ad_computer",
                        "ad_domain",
                        "sysvol_file",
                        "gpo");
        assertThat(SCHEMA.serverTypes())
                .extracting(DataType::name)
                .contains("alert", "rule", "command", "audit", "enrollment", "site_key");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allTypes")
    void sampleSurvivesNormalisationUnchanged(DataType type) {
        var sample = Samples.of(type);
        assertThat(SCHEMA.normalizer(type).normalize(sample).toString()).isEqualTo(sample.toString());
        assertThat(DocumentIds.of("h", type, sample)).hasSize(43);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allTypes")
    void aliasesPointAtRealFieldsOfTheSameType(DataType type) {
        for (Field field : type.fields().values()) {
            if (field.isAlias()) {
                Field target = type.field(field.aliasOf());
                assertThat(target).as("%s.%s", type.name(), field.name()).isNotNull();
                assertThat(target.isAlias())
                        .as("alias of an alias: %s", field.name())
                        .isFalse();
            }
        }
    }

    @Test
    void agentsCollectEveryTypeButTheHostDocumentThatCheckinsKeep() {
        assertThat(SCHEMA.collectedTypes())
                .hasSize(SCHEMA.types().size() - 1)
                .extracting(DataType::name)
                .doesNotContain("host")
                .contains("process", "registry_value", "gpo");
    }

    @Test
    void originalAgent7NamesStillWork() {
        assertThat(SCHEMA.require("users").name()).isEqualTo("local_user");
        assertThat(SCHEMA.require("schtasks").name()).isEqualTo("scheduled_task");
        assertThat(SCHEMA.require("tasks").name()).isEqualTo("startup_item");
        assertThat(SCHEMA.require("startup").name()).isEqualTo("startup_item");
        assertThat(SCHEMA.require("net").name()).isEqualTo("network_connection");
        assertThat(SCHEMA.require("SOFTWARE").name()).isEqualTo("software");
        for (String type : List.of("local_user", "ad_user")) {
            DataType users = SCHEMA.require(type);
            assertThat(users.field("is_priv").aliasOf()).isEqualTo("user.privileged");
            assertThat(users.field("active").aliasOf()).isEqualTo("user.enabled");
            assertThat(users.field("last_logon").aliasOf()).isEqualTo("user.last_logon");
            assertThat(users.field("username").aliasOf()).isEqualTo("user.name");
        }
        for (String type : List.of("process", "scheduled_task", "startup_item", "service")) {
            assertThat(SCHEMA.require(type).field("cmd_line").aliasOf())
                    .as(type)
                    .isEqualTo("process.command_line");
            assertThat(SCHEMA.require(type).field("image").aliasOf()).as(type).isEqualTo("process.executable");
        }
    }

    @Test
    void relationsJoinTheSeedQuestionsTypes() {
        var user = SCHEMA.require("local_user");
        assertThat(SCHEMA.relationsBetween(user, SCHEMA.require("scheduled_task")))
                .singleElement()
                .satisfies(r ->
                        assertThat(r.on()).extracting(Relation.On::rightField).containsExactly("host.id", "user.name"));
        assertThat(SCHEMA.relationsBetween(SCHEMA.require("startup_item"), user))
                .singleElement()
                .satisfies(r -> assertThat(r.left()).isEqualTo("startup_item"));
        assertThat(SCHEMA.relationsBetween(SCHEMA.require("ad_user"), SCHEMA.require("scheduled_task")))
                .hasSize(1);
        assertThat(SCHEMA.relationsBetween(SCHEMA.require("process"), SCHEMA.require("network_connection")))
                .singleElement()
                .satisfies(r -> assertThat(r.on())
                        .extracting(Relation.On::leftField)
                        .containsExactly("host.id", "process.pid"));
    }

    @Test
    void nestedValuesAreCheckedElementByElement() {
        var sysvol = SCHEMA.normalizer(SCHEMA.require("sysvol_file"));
        var json = JsonMapper.builder().build();
        var ok = sysvol.normalize(
                json.readTree("{\"file\":{\"path\":\"x\"},\"sysvol_file\":{\"domain\":\"a.test\",\"aces\":["
                        + "{\"principal\":\"AGENT7\\\\bob\",\"access_mask\":1179817,\"inherited\":false}]}}"));
        assertThat(ok.path("sysvol_file")
                        .path("aces")
                        .get(0)
                        .path("access_mask")
                        .asLong())
                .isEqualTo(1179817);
        assertThatThrownBy(() -> sysvol.normalize(json.readTree(
                        "{\"file\":{\"path\":\"x\"},\"sysvol_file\":{\"aces\":[{\"principal\":\"a\",\"colour\":1}]}}")))
                .hasMessage("field 'sysvol_file.aces.colour': is not a field of 'sysvol_file'");
        assertThatThrownBy(() -> sysvol.normalize(json.readTree(
                        "{\"file\":{\"path\":\"x\"},\"sysvol_file\":{\"aces\":[{\"inherited\":\"yes\"}]}}")))
                .hasMessageStartingWith("field 'sysvol_file.aces.inherited': expected true or false");
    }

    @Test
    void ipAddressesAreStoredInOneForm() {
        Field ip = SCHEMA.require("network_connection").field("source.ip");
        var nodes = Documents.object();
        assertThat(Values.normalize(ip, nodes.stringNode("2001:0DB8:0:0:0:0:0:1"))
                        .asString())
                .isEqualTo("2001:db8::1");
        assertThat(Values.normalize(ip, nodes.stringNode("fe80:0:0:0:1:0:0:1%eth0"))
                        .asString())
                .isEqualTo("fe80::1:0:0:1");
        assertThat(Values.normalize(ip, nodes.stringNode("::ffff:10.0.0.1")).asString())
                .isEqualTo("10.0.0.1");
        assertThat(Values.normalize(ip, nodes.stringNode("1:0:0:2:0:0:0:3")).asString())
                .isEqualTo("1:0:0:2::3");
        assertThatThrownBy(() -> Values.normalize(ip, nodes.stringNode("example.com")))
                .hasMessageContaining("expected an IPv4 or IPv6 address");
        assertThatThrownBy(() -> Values.normalize(ip, nodes.stringNode("256.1.1.1")))
                .hasMessageContaining("expected an IPv4 or IPv6 address");
    }

    @Test
    void seriesTypesAreMarked() {
        assertThat(SCHEMA.types())
                .filteredOn(DataType::series)
                .extracting(DataType::name)
                .containsExactly("system_metric");
    }
}
