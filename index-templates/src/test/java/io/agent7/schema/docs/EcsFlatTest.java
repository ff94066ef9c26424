package io.agent7.schema.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EcsFlatTest {

    /** The shapes ecs_flat.ts uses: comments, bare and quoted keys, both quotes, escapes, trailing commas. */
    private static final String SAMPLE = """
            /*
             * Licensed to Elasticsearch B.V.
             */

            export const EcsFlat = {
              '@timestamp': {
                dashed_name: 'timestamp',
                description:
                  'Date/time when the event originated.\\nRequired field for all events.',
                flat_name: '@timestamp',
                type: 'date',
              },
              labels: {
                example: '{"application": "foo-bar", "env": "production"}',
                object_type: 'keyword',
                otel: [{ attribute: 'k8s.pod.label', relation: 'related' }],
                type: 'object',
              },
              'log.file.path': {
                description: "If the event wasn't read from a log file, do not populate this field.",
                example: 'C:\\\\Windows\\\\System32 isn\\'t here',
                ignore_above: 1024,
                type: 'keyword',
              },
              'process.command_line': {
                multi_fields: [
                  {
                    flat_name: 'process.command_line.text',
                    name: 'text',
                    type: 'match_only_text',
                  },
                ],
                type: 'wildcard',
              },
            };
            """;

    @Test
    void readsEveryFieldWithItsTypeAndTextMultiField() {
        Map<String, EcsFlat.EcsField> fields = EcsFlat.parse(SAMPLE);

        assertThat(fields).containsOnlyKeys("@timestamp", "labels", "log.file.path", "process.command_line");
        assertThat(fields.get("@timestamp")).isEqualTo(new EcsFlat.EcsField("@timestamp", "date", false));
        assertThat(fields.get("labels").type()).isEqualTo("object");
        assertThat(fields.get("log.file.path")).isEqualTo(new EcsFlat.EcsField("log.file.path", "keyword", false));
        assertThat(fields.get("process.command_line"))
                .isEqualTo(new EcsFlat.EcsField("process.command_line", "wildcard", true));
    }

    @Test
    void refusesAFileWithoutTheEcsFlatObject() {
        assertThatThrownBy(() -> EcsFlat.parse("export const Other = 1;"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EcsFlat");
    }
}
