package io.agent7.schema.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official ECS field definitions, read from {@code generated/ecs_flat.ts} of the npm
 * package {@code @elastic/ecs} ({@link EcsPackage}). The file is a TypeScript object literal; Jackson reads it once
 * it is cut down to the braces of the object and told to accept what JavaScript allows.
 */
final class EcsFlat {

    static final String PROPERTY = "agent7.ecs.flat";
    static final String ENVIRONMENT = "AGENT7_ECS_FLAT";
    static final String VERSION_PROPERTY = "agent7.ecs.version";

    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(
                    JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    /** One ECS field: its type, and whether ECS gives it a {@code .text} multi-field. */
    record EcsField(String name, String type, boolean textMultiField) {}

    private EcsFlat() {}

    /**
     * The file from {@value #PROPERTY} or {@value #ENVIRONMENT}; otherwise the npm package of
     * the ECS release {@code -Dagent7.ecs.version} names (the root pom's {@code ecs.version}),
     * downloaded once per machine with npm. Fails, never skips, when there is none.
     */
    static Path location() {
        String path = System.getProperty(PROPERTY);
        if (!set(path)) {
            path = System.getenv(ENVIRONMENT);
        }
        if (!set(path)) {
            String version = System.getProperty(VERSION_PROPERTY);
            if (!set(version)) {
                throw new IllegalStateException("No ECS field definitions for the ECS conformance test: pass -D"
                        + PROPERTY + "=<ecs_flat.ts> or -D" + VERSION_PROPERTY
                        + "=<ECS release> (mvn verify passes the root pom's ecs.version)");
            }
            return EcsPackage.flat(version);
        }
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(
                    "The ECS field definitions " + file.toAbsolutePath() + " (from " + PROPERTY + ") do not exist.");
        }
        return file;
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank() && !value.startsWith("${");
    }

    static Map<String, EcsField> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The fields of {@code export const EcsFlat = { ... };}, by flat name. */
    static Map<String, EcsField> parse(String typescript) {
        int declaration = typescript.indexOf("EcsFlat");
        int start = declaration < 0 ? -1 : typescript.indexOf('{', declaration);
        int end = typescript.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("Not an ecs_flat.ts: no 'EcsFlat = { ... }' object in it");
        }
        JsonNode fields = LENIENT.readTree(typescript.substring(start, end + 1));
        Map<String, EcsField> byName = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : fields.properties()) {
            JsonNode definition = entry.getValue();
            boolean text = false;
            for (JsonNode multi : definition.path("multi_fields")) {
                text |= multi.path("name").asString("").equals("text");
            }
            byName.put(
                    entry.getKey(),
                    new EcsField(entry.getKey(), definition.path("type").asString(""), text));
        }
        return byName;
    }
}
