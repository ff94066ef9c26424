package io.agent7.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DocumentNormalizerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final DocumentNormalizer normalizer =
            Schema.standard().normalizer(Schema.standard().require("process"));

    @Test
    void nestsDottedKeysAndNormalisesDates() {
        JsonNode out = normalizer.normalize(JSON.readTree(
                "{\"process.pid\": 12, \"process\": {\"start\": \"2026-11-28T13:00:00+01:00\", \"name\": \"sshd\"}}"));
        assertThat(out.toString())
                .isEqualTo("{\"process\":{\"pid\":12,\"start\":\"2026-11-28T12:00:00.000Z\",\"name\":\"sshd\"}}");
    }

    @Test
    void dropsServerOwnedFieldsAndNulls() {
        JsonNode out = normalizer.normalize(
                JSON.readTree(
                        "{\"host\":{\"id\":\"x\",\"name\":\"y\"},\"agent7\":{\"present\":false},\"process\":{\"pid\":1,\"start\":0,\"name\":null}}"));
        assertThat(out.toString()).isEqualTo("{\"process\":{\"pid\":1,\"start\":\"1970-01-01T00:00:00.000Z\"}}");
    }

    @Test
    void keepsKeywordArrays() {
        JsonNode out = normalizer.normalize(
                JSON.readTree("{\"process\":{\"pid\":1,\"start\":0,\"args\":[\"/bin/sh\",\"-c\",\"true\"]}}"));
        assertThat(out.path("process").path("args")).hasSize(3);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"process\":{\"pid\":1,\"start\":0,\"colour\":\"red\"}}                 | field 'process.colour': is not a field of 'process'",
                "{\"proc\":{\"pid\":1}}                                                  | field 'proc': is not a field of 'process'",
                "{\"process\":{\"pid\":\"1\",\"start\":0}}                               | field 'process.pid': expected a whole number, got \"1\"",
                "{\"process\":{\"pid\":1,\"start\":\"yesterday\"}}                       | field 'process.start': expected an ISO-8601 date",
                "{\"process\":{\"pid\":1,\"start\":0,\"name\":5}}                        | field 'process.name': expected a string, got 5",
                "{\"process\":{\"start\":0}}                                             | field 'process.pid': is an identity field of 'process' and must be set",
                "{\"process\":{\"pid\":[1,2],\"start\":0}}                               | field 'process.pid': is an identity field of 'process' and takes one value",
                "{\"process\":{\"pid\":99999999999999999999,\"start\":0}}                | field 'process.pid': value 99999999999999999999 is outside the long range",
                "[1,2]                                                                   | a document must be a JSON object",
            })
    void rejectsWithTheFieldAndReason(String document, String message) {
        assertThatThrownBy(() -> normalizer.normalize(JSON.readTree(document)))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void dottedKeysMayStartAtAnyLevel() {
        JsonNode out = normalizer.normalize(JSON.readTree(
                "{\"process\": {\"pid\": 7, \"start\": 0, \"parent.pid\": 1, \"code_signature\": {\"subject_name\": \"x\"}},"
                        + " \"process.parent\": {\"name\": \"init\"}}"));
        assertThat(out.toString())
                .isEqualTo("{\"process\":{\"pid\":7,\"start\":\"1970-01-01T00:00:00.000Z\","
                        + "\"parent\":{\"pid\":1,\"name\":\"init\"},\"code_signature\":{\"subject_name\":\"x\"}}}");
        assertThatThrownBy(() -> normalizer.normalize(
                        JSON.readTree("{\"process\": {\"pid\": 7, \"start\": 0, \"parent.colour\": 1}}")))
                .hasMessageStartingWith("field 'process.parent.colour': is not a field of 'process'");
        assertThatThrownBy(() ->
                        normalizer.normalize(JSON.readTree("{\"process\": {\"pid\": 7, \"start\": 0, \"parent\": 1}}")))
                .hasMessageStartingWith("field 'process.parent': is not a field of 'process'");
    }

    @Test
    void aDomainTypeDocumentMustNameItsDomain() {
        DocumentNormalizer users =
                Schema.standard().normalizer(Schema.standard().require("ad_user"));
        assertThatThrownBy(() -> users.normalize(JSON.readTree("{\"user\": {\"id\": \"S-1-5-21-1-2-3-1100\"}}")))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessage(
                        "field 'ad_user.domain_dns': names the domain a 'ad_user' document belongs to and must be set");
        assertThat(users.normalize(
                                JSON.readTree(
                                        "{\"user\": {\"id\": \"S-1-5-21-1-2-3-1100\"}, \"ad_user\": {\"domain_dns\": \"corp.example\"}}"))
                        .at("/ad_user/domain_dns")
                        .asString())
                .isEqualTo("corp.example");
    }

    @Test
    void nestedArraysKeepOnlyTheirDeclaredSubFields() {
        DocumentNormalizer files =
                Schema.standard().normalizer(Schema.standard().require("sysvol_file"));
        JsonNode out = files.normalize(JSON.readTree("{\"file\": {\"path\": \"p\"}, \"sysvol_file\": {\"aces\": ["
                + "{\"principal\": \"A\\\\b\", \"access_mask\": 3}, {\"type\": \"allow\"}], \"domain\": \"a.test\"}}"));
        assertThat(out.toString())
                .isEqualTo("{\"file\":{\"path\":\"p\"},\"sysvol_file\":{\"aces\":["
                        + "{\"principal\":\"A\\\\b\",\"access_mask\":3},{\"type\":\"allow\"}],\"domain\":\"a.test\"}}");
        assertThatThrownBy(() -> files.normalize(
                        JSON.readTree("{\"file\": {\"path\": \"p\"}, \"sysvol_file\": {\"aces\": [{\"colour\": 1}]}}")))
                .hasMessageStartingWith("field 'sysvol_file.aces.colour': is not a field of 'sysvol_file'");
        assertThatThrownBy(() -> files.normalize(
                        JSON.readTree("{\"file\": {\"path\": \"p\"}, \"sysvol_file\": {\"aces\": [1]}}")))
                .hasMessageStartingWith("field 'sysvol_file.aces': expected an array of objects");
    }

    @Test
    void theIngestFormHasTheJoinKeysOfTheDocumentsOwnFieldsAndTheHost() {
        JsonNode out = normalizer.normalize(
                JSON.readTree("{\"process\":{\"pid\":42,\"start\":0,\"user\":{\"name\":\"Alice\"}}}"), "host-1");
        assertThat(out.path("agent7").path("join"))
                .isEqualTo(JSON.readTree("{\"host_user\":\"host-1/alice\",\"host_pid\":\"host-1/42\"}"));
        assertThat(normalizer
                        .normalize(
                                JSON.readTree("{\"process\":{\"pid\":42,\"start\":0,\"user\":{\"name\":\"Alice\"}}}"))
                        .has("agent7"))
                .as("without the host, no keys")
                .isFalse();
    }

    @Test
    void aLocalAccountAndWhatRunsAsItShareTheKeyWhateverTheCase() {
        Schema schema = Schema.standard();
        JsonNode user = schema.normalizer(schema.require("local_user"))
                .normalize(JSON.readTree("{\"user\":{\"name\":\"Administrator\"}}"), "h");
        JsonNode task = schema.normalizer(schema.require("scheduled_task"))
                .normalize(
                        JSON.readTree("{\"scheduled_task\":{\"path\":\"\\\\Backup\"},"
                                + "\"user\":{\"name\":\"ADMINISTRATOR\",\"domain\":\"WS-01\"}}"),
                        "h");
        JsonNode process = normalizer.normalize(
                JSON.readTree("{\"process\":{\"pid\":7,\"start\":0,\"user\":{\"name\":\"administrator\"}}}"), "h");
        assertThat(user.path("agent7").path("join").path("host_user").asString())
                .isEqualTo("h/administrator")
                .isEqualTo(task.path("agent7").path("join").path("host_user").asString())
                .isEqualTo(process.path("agent7").path("join").path("host_user").asString());
        assertThat(task.path("agent7").path("join").path("domain_user").asString())
                .isEqualTo("ws-01/administrator");
    }

    @Test
    void aGroupsMembersMakeAMultiValuedKey() {
        JsonNode group = Schema.standard()
                .normalizer(Schema.standard().require("local_group"))
                .normalize(
                        JSON.readTree("{\"group\":{\"name\":\"Administrators\"},\"local_group\":{\"members\":"
                                + "[\"Administrator\",\"CORP\\\\Domain Admins\",\"administrator\"]}}"),
                        "h");
        assertThat(group.path("agent7").path("join").path("host_user"))
                .isEqualTo(JSON.readTree("[\"h/administrator\",\"h/corp\\\\domain admins\"]"));
    }

    @Test
    void aMissingPartMeansNoKeyOfThatKindOnly() {
        JsonNode task = Schema.standard()
                .normalizer(Schema.standard().require("scheduled_task"))
                .normalize(
                        JSON.readTree(
                                "{\"scheduled_task\":{\"path\":\"/etc/cron.d/x:1\"},\"user\":{\"name\":\"root\"}}"),
                        "h");
        assertThat(task.path("agent7").path("join")).isEqualTo(JSON.readTree("{\"host_user\":\"h/root\"}"));
        JsonNode nobody = normalizer.normalize(JSON.readTree("{\"process\":{\"pid\":7,\"start\":0}}"), "h");
        assertThat(nobody.path("agent7").path("join")).isEqualTo(JSON.readTree("{\"host_pid\":\"h/7\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // nested, dotted, dotted at a lower level: each the agent's claim to another host's account
                "{\"agent7\":{\"join\":{\"host_user\":\"victim/administrator\",\"host_pid\":\"victim/4\"}}}",
                "{\"agent7.join.host_user\":\"victim/administrator\",\"agent7.join.host_pid\":\"victim/4\"}",
                "{\"agent7\":{\"join.host_user\":[\"victim/administrator\"],\"join\":{\"host_pid\":\"victim/4\"}}}",
            })
    void anAgentsJoinKeysAreReplacedByTheServers(String forged) {
        String document = forged.substring(0, forged.length() - 1) + ",\"process\":{\"pid\":7,\"start\":0}}";
        assertThat(normalizer.normalize(JSON.readTree(document), "h").path("agent7"))
                .as("no user name: the server computes no host_user, and the agent's is gone")
                .isEqualTo(JSON.readTree("{\"join\":{\"host_pid\":\"h/7\"}}"));
        assertThat(normalizer.normalize(JSON.readTree(document)).has("agent7")).isFalse();
    }

    /** A type, a document as sent, and whether the stream and the tree both accept it (and alike) or both refuse it. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "process       | {\"process.pid\": 12, \"process\": {\"start\": \"2026-11-28T13:00:00+01:00\", \"name\": \"sshd\"}}",
                "process       | {\"host\":{\"id\":\"h\",\"name\":\"y\"},\"agent7\":{\"present\":false},\"process\":{\"pid\":1,\"start\":0,\"name\":null}}",
                "process       | {\"host\":{\"id\":null},\"process\":{\"pid\":1,\"start\":0,\"args\":[\"/bin/sh\",\"-c\",\"true\"]}}",
                "process       | {\"process\": {\"pid\": 7, \"start\": 0, \"parent.pid\": 1, \"code_signature\": {\"subject_name\": \"x\"}}, \"process.parent\": {\"name\": \"init\"}}",
                "process       | {\"process\":{\"pid\":42,\"start\":0,\"user\":{\"name\":\"Alice\"},\"cpu\":{\"pct\":1.5}}}",
                "process       | {\"agent7\":{\"join.host_user\":[\"victim/administrator\"]},\"process\":{\"pid\":7,\"start\":0,\"pe\":null}}",
                "process       | {\"process\":{\"pid\":1,\"start\":0,\"colour\":\"red\"}}",
                "process       | {\"process\":{\"pid\":\"1\",\"start\":0}}",
                "process       | {\"process\":{\"pid\":[1,2],\"start\":0}}",
                "process       | {\"process\":{\"pid\":99999999999999999999,\"start\":0}}",
                "process       | {\"process\":{\"start\":0}}",
                "process       | {\"process\": {\"pid\": 7, \"start\": 0, \"parent\": 1}}",
                "local_group   | {\"group\":{\"name\":\"Administrators\"},\"local_group\":{\"members\":[\"Administrator\",\"CORP\\\\Domain Admins\"]}}",
                "scheduled_task | {\"scheduled_task\":{\"path\":\"/etc/cron.d/x:1\"},\"user\":{\"name\":\"root\"}}",
                "ad_user       | {\"user\": {\"id\": \"S-1-5-21-1-2-3-1100\"}, \"ad_user\": {\"domain_dns\": \"corp.example\"}}",
                "ad_user       | {\"user\": {\"id\": \"S-1-5-21-1-2-3-1100\"}}",
                "sysvol_file   | {\"file\": {\"path\": \"p\"}, \"sysvol_file\": {\"aces\": [{\"principal\": \"A\\\\b\", \"access_mask\": 3}, {\"type\": \"allow\"}], \"domain\": \"a.test\"}}",
                "sysvol_file   | {\"file\": {\"path\": \"p\"}, \"sysvol_file\": {\"aces\": [{\"colour\": 1}], \"domain\": \"a.test\"}}",
                "sysvol_file   | {\"file\": {\"path\": \"p\"}, \"sysvol_file\": {\"aces\": [1], \"domain\": \"a.test\"}}",
            })
    void readsAStreamAsItReadsATree(String typeName, String document) {
        DocumentNormalizer normalizer =
                Schema.standard().normalizer(Schema.standard().require(typeName));
        for (boolean joinKeys : new boolean[] {true, false}) {
            Object fromTree;
            Object fromStream;
            try {
                fromTree = joinKeys
                        ? normalizer.normalize(JSON.readTree(document), "h")
                        : normalizer.normalize(JSON.readTree(document));
            } catch (InvalidDocumentException e) {
                fromTree = e.getMessage();
            }
            try (JsonParser parser = JsonTrees.strictParser(document.getBytes(StandardCharsets.UTF_8))) {
                parser.nextToken();
                fromStream = normalizer.read(parser, "h", joinKeys);
                assertThat(parser.nextToken()).as("left on the document's end").isNull();
            } catch (InvalidDocumentException e) {
                fromStream = e.getMessage();
            }
            assertThat(fromStream).isEqualTo(fromTree);
        }
    }

    @Test
    void aStreamRefusesAnotherHostsIdWhichTheTreeFormDrops() {
        String document = "{\"host\":{\"id\":\"other\"},\"process\":{\"pid\":1,\"start\":0}}";
        try (JsonParser parser = JsonTrees.strictParser(document.getBytes(StandardCharsets.UTF_8))) {
            parser.nextToken();
            assertThatThrownBy(() -> normalizer.read(parser, "h", true))
                    .isInstanceOf(InvalidDocumentException.class)
                    .hasMessageStartingWith("field 'host.id'");
        }
        assertThat(normalizer.normalize(JSON.readTree(document), "h").has("host"))
                .isFalse();
    }
}
