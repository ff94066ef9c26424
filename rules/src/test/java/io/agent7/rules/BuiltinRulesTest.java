package io.agent7.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every rule of the built-in pack reads, validates against the schema, and round-trips through YAML. */
class BuiltinRulesTest {

    static final Path SOURCE = Path.of("src/main/resources/io/agent7/rules/builtin");

    @Test
    void everyFileOfThePackIsListedAndEveryListedRuleIsValid() throws IOException {
        Map<String, Rule> rules = BuiltinRules.load();
        try (Stream<Path> files = Files.list(SOURCE)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")))
                    .as("pack.txt lists every .yml file")
                    .containsExactlyInAnyOrderElementsOf(BuiltinRules.files());
        }
        RuleValidator validator = new RuleValidator(Schema.standard(), Clock.systemUTC());
        for (Rule rule : rules.values()) {
            validator.check(rule);
            assertThat(rule.threat()).as("%s maps to ATT&CK", rule.id()).isNotEmpty();
            assertThat(RuleYaml.read(RuleYaml.write(rule), Rule.BUILTIN))
                    .as("%s round-trips", rule.id())
                    .isEqualTo(rule);
        }
        assertThat(rules).hasSizeGreaterThanOrEqualTo(25);
    }
}
