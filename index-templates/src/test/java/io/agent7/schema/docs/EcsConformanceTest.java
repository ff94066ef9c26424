package io.agent7.schema.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.DataType;
import io.agent7.schema.FieldType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EcsConformanceTest {

    private static final Map<String, EcsFlat.EcsField> ECS = Map.of(
            "@timestamp", new EcsFlat.EcsField("@timestamp", "date", false),
            "labels", new EcsFlat.EcsField("labels", "object", false),
            "process.pid", new EcsFlat.EcsField("process.pid", "long", false),
            "process.command_line", new EcsFlat.EcsField("process.command_line", "wildcard", true),
            "process.name", new EcsFlat.EcsField("process.name", "keyword", true),
            "message", new EcsFlat.EcsField("message", "match_only_text", false),
            "host.os.type", new EcsFlat.EcsField("host.os.type", "keyword", false));

    @Test
    void acceptsEcsTypesAndTheListedFallbacks() {
        DataType type = DataType.builder("sample")
                .field("process.pid", FieldType.LONG, "")
                .longText("process.command_line", "")
                .keywordText("process.name", "")
                .field("message", FieldType.TEXT, "")
                .field("not_ecs", FieldType.DOUBLE, "")
                .build();

        assertThat(EcsConformance.mismatches(List.of(type), ECS)).isEmpty();
    }

    @Test
    void reportsEveryWrongTypeAndMissingTextFieldAtOnceNamingTheTypes() {
        DataType first = DataType.builder("first")
                .keyword("process.pid", "")
                .keyword("process.name", "")
                .build();
        DataType second = DataType.builder("second").keyword("process.name", "").build();

        assertThat(EcsConformance.mismatches(List.of(first, second), ECS))
                .containsExactly(
                        "process.pid: ours is keyword, ECS's is long (no fallback in EcsFallbacks allows it) [in first]",
                        "process.name: ours is keyword without .text, ECS's is keyword with a .text multi-field [in first, second]");
    }

    @Test
    void checksAnAliasThroughItsTarget() {
        DataType type = DataType.builder("sample")
                .keyword("pid", "")
                .fieldAlias("process.pid", "pid")
                .keyword("name", "")
                .fieldAlias("process.name", "name")
                .build();

        assertThat(EcsConformance.mismatches(List.of(type), ECS))
                .containsExactly(
                        "process.pid (alias of pid): ours is keyword, ECS's is long (no fallback in EcsFallbacks allows it) [in sample]",
                        "process.name (alias of name): ours is keyword without .text, ECS's is keyword with a .text multi-field"
                                + " [in sample]");
    }

    @Test
    void fallbackForLabelsAppliesToLabelsOnly() {
        assertThat(EcsFallbacks.allows("labels", "object", FieldType.FLATTENED)).isTrue();
        assertThat(EcsFallbacks.allows("process.env", "object", FieldType.FLATTENED))
                .isFalse();
        assertThat(EcsFallbacks.allows("url.original", "wildcard", FieldType.KEYWORD))
                .isTrue();
        assertThat(EcsFallbacks.allows("url.original", "wildcard", FieldType.TEXT))
                .isFalse();
    }
}
