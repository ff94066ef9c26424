package io.agent7.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JoinKeyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** As host_user: the host as it is, the account's name folded. */
    private static final JoinKey HOST_USER =
            new JoinKey("host_user", List.of(new JoinKey.Part("host.id", false), new JoinKey.Part("user.name", true)));

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "c0a8f460 | Administrator | c0a8f460/administrator",
                // Only the part that folds is lower-cased: host ids are compared as they are.
                "C0A8F460 | ALICE         | C0A8F460/alice",
                // No other two lists of parts make the same key: '/' and the escape itself are escaped.
                "h/x      | y             | h%2Fx/y",
                "h        | x/y           | h/x%2Fy",
                "h        | 100%          | h/100%25",
                "h        | a%2Fb         | h/a%252fb",
            })
    void foldsTheCaseOfPartsThatFoldAndEscapesTheSeparator(String host, String user, String key) {
        assertThat(HOST_USER.valueOf(List.of(host, user))).isEqualTo(key);
        assertThat(HOST_USER.valuesOf(nodes("\"" + host + "\"", "\"" + user + "\"")))
                .containsExactly(key);
    }

    @Test
    void aMultiValuedPartGivesOneKeyPerDistinctValueInItsOrder() {
        assertThat(HOST_USER.valuesOf(nodes("\"h\"", "[\"Bob\", \"alice\", \"BOB\", \"carol\"]")))
                .containsExactly("h/bob", "h/alice", "h/carol");
    }

    @Test
    void severalMultiValuedPartsGiveEveryCombination() {
        assertThat(HOST_USER.valuesOf(nodes("[\"h1\", \"h2\"]", "[\"a\", \"b\", \"c\"]")))
                .containsExactly("h1/a", "h1/b", "h1/c", "h2/a", "h2/b", "h2/c");
    }

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"h\" | null",
                "\"h\" | \"\"",
                "\"h\" | []",
                "\"h\" | [null, \"\"]",
                "null  | \"alice\"",
            })
    void aPartWithoutValueMeansNoKey(String host, String user) {
        List<JsonNode> parts = Arrays.asList(JSON.readTree(host), JSON.readTree(user));
        assertThat(HOST_USER.valuesOf(parts)).isEmpty();
        assertThat(HOST_USER.valuesOf(Arrays.asList(JSON.readTree(host), null)))
                .as("absent")
                .isEmpty();
    }

    @Test
    void wholeNumbersAreWrittenInDecimal() {
        JoinKey hostPid = new JoinKey(
                "host_pid", List.of(new JoinKey.Part("host.id", false), new JoinKey.Part("process.pid", false)));
        assertThat(hostPid.valuesOf(nodes("\"h\"", "4294967311"))).containsExactly("h/4294967311");
    }

    @Test
    void refusesADocumentWhosePartsMakeTooManyKeys() {
        String ninetySeven = JSON.writeValueAsString(java.util.stream.IntStream.range(0, 97)
                .mapToObj(Integer::toString)
                .toList());
        assertThat(HOST_USER.valuesOf(nodes(ninetySeven, ninetySeven)))
                .as("97 x 97 keys, within the limit")
                .hasSize(97 * 97)
                .doesNotHaveDuplicates();
        JoinKey three = new JoinKey(
                "three",
                List.of(new JoinKey.Part("a", false), new JoinKey.Part("b", false), new JoinKey.Part("c", false)));
        assertThatThrownBy(() -> three.valuesOf(nodes(ninetySeven, ninetySeven, ninetySeven)))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessage("field 'c': with the other parts of agent7.join.three its 97 values make more than "
                        + JoinKey.MAX_VALUES + " join keys");
    }

    @Test
    void theFieldIsUnderAgent7Join() {
        assertThat(HOST_USER.field()).isEqualTo("agent7.join.host_user");
        assertThatThrownBy(() -> HOST_USER.valueOf(List.of("h")))
                .hasMessage("Join key 'host_user' has 2 parts, got 1 values");
    }

    private static List<JsonNode> nodes(String... json) {
        return Arrays.stream(json).map(JSON::readTree).toList();
    }
}
