package io.agent7.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The schema's checks of join keys, on small schemas, and the keys of the standard one. */
class JoinKeysTest {

    private static final DataType ACCOUNT = DataType.builder("account")
            .caseless("user.name", "")
            .caseless("user.domain", "")
            .keyword("user.id", "")
            .field("account.logons", FieldType.LONG, "")
            .field("account.since", FieldType.DATE, "")
            .identity("user.id")
            .build();
    private static final DataType TASK = DataType.builder("task")
            .caseless("user.name", "")
            .caseless("user.domain", "")
            .keyword("user.id", "")
            .keyword("task.path", "")
            .field("task.since", FieldType.DATE, "")
            .identity("task.path")
            .build();

    @Test
    void aRelationOnSeveralFieldsOrACaseInsensitiveOneNeedsAKey() {
        assertThatThrownBy(() ->
                        schema(Relation.of("r", "account", "task", "", "host.id", "host.id", "user.id", "user.id")))
                .hasMessageStartingWith("Relation 'r' joins on 2 fields and has no key");
        assertThatThrownBy(() -> schema(Relation.of("r", "account", "task", "", "user.name", "task.path")))
                .hasMessageStartingWith(
                        "Relation 'r' joins on account's user.name, which is case-insensitive, and has no key");
        assertThatThrownBy(() -> schema(Relation.of("r", "account", "task", "", "user.id", "user.name")))
                .hasMessageStartingWith(
                        "Relation 'r' joins on task's user.name, which is case-insensitive, and has no key");

        Schema single = schema(Relation.of("r", "account", "task", "", "user.id", "user.id"));
        assertThat(single.joinKeys(single.require("account"))).isEmpty();
        assertThat(single.relations().get(0).keyField()).isEmpty();
        assertThat(single.require("account").fields()).doesNotContainKey("agent7.join.r");
    }

    @Test
    void relationsSharingAKeyJoinOnAsManyFields() {
        assertThatThrownBy(() -> schema(
                        Relation.of("by_name", "account", "task", "", "host.id", "host.id", "user.name", "user.name")
                                .withKey("user"),
                        Relation.of("by_id", "account", "task", "", "user.id", "user.id")
                                .withKey("user")))
                .hasMessage("Relations sharing the key 'user' must join on as many fields: 'by_name' joins on 2,"
                        + " 'by_id' on 1");
    }

    @Test
    void aTypeMakesAKeyOfTheSameFieldsInEveryRelationThatSharesIt() {
        assertThatThrownBy(() -> schema(
                        Relation.of(
                                        "by_name",
                                        "account",
                                        "task",
                                        "",
                                        "user.domain",
                                        "user.domain",
                                        "user.name",
                                        "user.name")
                                .withKey("user"),
                        Relation.of("by_id", "task", "account", "", "user.domain", "user.domain", "user.id", "user.id")
                                .withKey("user")))
                .hasMessage("Type 'task' would make the key 'user' of [user.domain, user.name] for 'by_name' but of"
                        + " [user.domain, user.id] for 'by_id': a type holds one value per key");
    }

    @Test
    void aKeyIsMadeOfTheHostOrTheTypesOwnKeywordsAndWholeNumbers() {
        assertThatThrownBy(() -> schema(Relation.of("r", "account", "task", "", "account.since", "task.since")
                        .withKey("since")))
                .hasMessageStartingWith("Relation 'r': key 'since' cannot be made of account's account.since");
        assertThatThrownBy(() -> schema(Relation.of("r", "account", "task", "", "host.name", "user.name")
                        .withKey("host")))
                .hasMessageStartingWith("Relation 'r': key 'host' cannot be made of account's host.name");
        Schema numbers =
                schema(Relation.of("r", "account", "task", "", "host.id", "host.id", "account.logons", "user.id")
                        .withKey("logons"));
        assertThat(numbers.require("account").field("agent7.join.logons")).isNotNull();
        assertThatThrownBy(() -> Relation.of("r", "account", "task", "", "user.id", "user.id")
                        .withKey("Host-User"))
                .hasMessage("Relation 'r': a key name must match [a-z][a-z0-9_]*, got 'Host-User'");
    }

    @Test
    void bothTypesGetTheKeyAsAKeywordAndFoldAPartWhenEitherSideDoes() {
        Schema schema = schema(Relation.of("tasks", "account", "task", "", "host.id", "host.id", "user.id", "user.name")
                .withKey("host_user"));
        for (String type : List.of("account", "task")) {
            DataType keyed = schema.require(type);
            Field field = keyed.field("agent7.join.host_user");
            assertThat(field.type()).isEqualTo(FieldType.KEYWORD);
            assertThat(field.ignoreAbove()).isEqualTo(Field.LONG_IGNORE_ABOVE);
            assertThat(field.description()).startsWith("Join key host_user of tasks: host.id / ");
            assertThat(schema.joinKeys(keyed))
                    .singleElement()
                    .satisfies(k -> assertThat(k.parts())
                            .extracting(JoinKey.Part::foldsCase)
                            .containsExactly(false, true));
        }
        assertThat(schema.joinKeys(schema.require("task")).get(0).parts())
                .extracting(JoinKey.Part::field)
                .containsExactly("host.id", "user.name");
        assertThat(schema.require("account").fields().keySet())
                .as("after the type's own fields")
                .endsWith("agent7.join.host_user");
    }

    @Test
    void theStandardSchemasTypesCarryOneFieldPerKindOfThingTheyJoinOn() {
        Schema schema = Schema.standard();
        Map<String, List<String>> keysByType = schema.types().stream()
                .filter(t -> !schema.joinKeys(t).isEmpty())
                .collect(Collectors.toMap(
                        DataType::name,
                        t -> schema.joinKeys(t).stream().map(JoinKey::field).toList()));
        assertThat(keysByType)
                .containsOnly(
                        Map.entry("local_user", List.of("agent7.join.host_user")),
                        Map.entry("local_group", List.of("agent7.join.host_user")),
                        Map.entry("scheduled_task", List.of("agent7.join.host_user", "agent7.join.domain_user")),
                        Map.entry("startup_item", List.of("agent7.join.host_user", "agent7.join.domain_user")),
                        Map.entry("service", List.of("agent7.join.host_user", "agent7.join.domain_user")),
                        Map.entry("logged_on_user", List.of("agent7.join.host_user", "agent7.join.domain_user")),
                        Map.entry("process", List.of("agent7.join.host_user", "agent7.join.host_pid")),
                        Map.entry("network_connection", List.of("agent7.join.host_pid")),
                        Map.entry("ad_user", List.of("agent7.join.domain_user", "agent7.join.ad_dn")),
                        Map.entry("ad_group", List.of("agent7.join.ad_dn")),
                        Map.entry("gpo", List.of("agent7.join.gpo_guid")),
                        Map.entry("sysvol_file", List.of("agent7.join.gpo_guid")));
        for (DataType type : schema.types()) {
            for (JoinKey key : schema.joinKeys(type)) {
                assertThat(type.fields()).as(type.name()).containsKey(key.field());
            }
        }
        assertThat(schema.relations())
                .filteredOn(r -> r.keyField().isEmpty())
                .extracting(Relation::name)
                .containsExactly("ad_user_processes");
        Relation userProcesses = schema.relationsBetween(schema.require("process"), schema.require("local_user"))
                .get(0);
        assertThat(userProcesses.keyField()).contains("agent7.join.host_user");
        assertThat(userProcesses.leftFields()).containsExactly("host.id", "process.user.name");
        assertThat(schema.joinKeys(schema.require("process")).get(0).parts())
                .extracting(JoinKey.Part::field)
                .containsExactlyElementsOf(userProcesses.leftFields());
    }

    private static Schema schema(Relation... relations) {
        return new Schema(List.of(ACCOUNT, TASK), List.of(), List.of(relations));
    }
}
