package io.agent7.schema.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MappingDiffTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void namesTheFieldsANewObjectBringsNotTheObject() {
        JsonNode installed = template("{\"process\":{\"properties\":{\"pid\":{\"type\":\"long\"}}}}");
        JsonNode wanted = template("{\"process\":{\"properties\":{\"pid\":{\"type\":\"long\"}}},"
                + "\"agent7\":{\"properties\":{\"join\":{\"properties\":{"
                + "\"host_user\":{\"type\":\"keyword\"},\"host_pid\":{\"type\":\"keyword\"}}}}},"
                + "\"labels\":{\"type\":\"object\"}}");

        assertThat(MappingDiff.describe(installed, wanted))
                .isEqualTo("added 3 fields (agent7.join.host_pid, agent7.join.host_user, labels)");
    }

    @Test
    void namesChangedAndRemovedFields() {
        JsonNode installed = template("{\"process\":{\"properties\":{\"pid\":{\"type\":\"keyword\"},"
                + "\"colour\":{\"type\":\"keyword\"}}}}");
        JsonNode wanted = template("{\"process\":{\"properties\":{\"pid\":{\"type\":\"long\"}}}}");

        assertThat(MappingDiff.describe(installed, wanted))
                .isEqualTo("removed 1 field (process.colour); changed 1 field (process.pid keyword->long)");
    }

    private static JsonNode template(String properties) {
        return JSON.readTree("{\"template\":{\"mappings\":{\"properties\":" + properties + "}}}");
    }
}
