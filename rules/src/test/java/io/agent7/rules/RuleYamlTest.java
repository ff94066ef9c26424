package io.agent7.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.schema.Schema;
import java.time.Clock;
import java.time.Duration;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** The rule format: what it reads, its defaults, and the problems it names. */
class RuleYamlTest {

    static final String QUERY_RULE = """
            id: temp-task
            name: Task from a temp folder
            severity: high
            threat:
              - tactic: {id: TA0003, name: Persistence}
                techniques: [{id: T1053.005, name: Scheduled Task}]
            type: query
            query:
              types: [scheduled_task]
              text: process.executable,like,*\\Temp\\*
            """;

    static final RuleValidator VALIDATOR = new RuleValidator(Schema.standard(), Clock.systemUTC());

    @Test
    void aMinimalRuleGetsTheDocumentedDefaults() {
        Rule rule = RuleYaml.read(QUERY_RULE, Rule.CUSTOM);

        assertThat(rule.version()).isEqualTo(1);
        assertThat(rule.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(rule.overlap()).isEqualTo(Duration.ofMinutes(1));
        assertThat(rule.maxAlerts()).isEqualTo(100);
        assertThat(rule.riskScore()).isEqualTo(73);
        assertThat(rule.enabled()).isTrue();
        assertThat(rule.query().language()).isEqualTo("dsl");
        assertThat(rule.query().text()).isEqualTo("process.executable,like,*\\Temp\\*");
        VALIDATOR.check(rule);
        assertThat(RuleYaml.read(RuleYaml.write(rule), Rule.CUSTOM)).isEqualTo(rule);
    }

    @Test
    void anUnknownFieldIsNamedWithWhatWasExpected() {
        assertThatThrownBy(() -> RuleYaml.read(QUERY_RULE + "intervall: 5m\n", Rule.CUSTOM))
                .isInstanceOf(InvalidRuleException.class)
                .extracting(e -> ((InvalidRuleException) e).problems(), InstanceOfAssertFactories.LIST)
                .singleElement()
                .hasToString(
                        "intervall: unknown field; expected one of absence, author, description, enabled, false_positives,"
                                + " id, interval, max_alerts, name, new_terms, notify, overlap, query, references, risk_score,"
                                + " severity, suppression, tags, threat, threshold, type, version");
    }

    @Test
    void anUnknownFieldInsideABlockIsNamedByItsPath() {
        String yaml = QUERY_RULE.replace("  types: [scheduled_task]", "  types: [scheduled_task]\n  lang: dsl");
        assertThatThrownBy(() -> RuleYaml.read(yaml, Rule.CUSTOM))
                .hasMessageStartingWith("query.lang: unknown field; expected one of language, text, types");
    }

    @Test
    void malformedYamlIsAProblemOfTheWholeRule() {
        assertThatThrownBy(() -> RuleYaml.read("id: [unclosed\nname: x", Rule.CUSTOM))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith("not valid YAML");
        assertThatThrownBy(() -> RuleYaml.read("- a list", Rule.CUSTOM)).hasMessageContaining("a YAML mapping");
    }

    @Test
    void everyProblemOfShapeIsReportedAtOnce() {
        String yaml = """
                id: X
                severity: severe
                risk_score: 101
                interval: 5 minutes
                type: query
                """;
        assertThatThrownBy(() -> RuleYaml.read(yaml, Rule.CUSTOM))
                .isInstanceOf(InvalidRuleException.class)
                .extracting(e -> ((InvalidRuleException) e).problems(), InstanceOfAssertFactories.LIST)
                .extracting(Object::toString)
                .containsExactlyInAnyOrder(
                        "id: 'X' must be 3 to 100 of a-z, 0-9, '.', '_', '-', starting with a letter or digit",
                        "name: is required",
                        "severity: 'severe' is not one of low, medium, high, critical",
                        "risk_score: 101 is out of range: 0 to 100",
                        "interval: '5 minutes' is not a duration: write a whole number and s, m, h or d, e.g. 5m or 30d",
                        "query: is required");
    }

    @Test
    void anIntervalUnderTenSecondsIsRefused() {
        Rule rule = RuleYaml.read(QUERY_RULE + "interval: 5s\n", Rule.CUSTOM);
        assertThatThrownBy(() -> VALIDATOR.check(rule)).hasMessage("interval: 5s is under the minimum of 10s");
    }

    @Test
    void aThresholdOverMoreThanThreeFieldsIsRefused() {
        String yaml = QUERY_RULE.replace("type: query", "type: threshold")
                + "threshold: {group_by: [host.id, user.name, process.executable, scheduled_task.name], count: 5}\n";
        assertThatThrownBy(() -> VALIDATOR.check(RuleYaml.read(yaml, Rule.CUSTOM)))
                .hasMessage("threshold.group_by: 4 fields; at most 3");
    }

    @Test
    void aBlockOfAnotherTypeIsRefused() {
        String yaml = QUERY_RULE + "threshold: {group_by: [host.id], count: 5}\n";
        assertThatThrownBy(() -> RuleYaml.read(yaml, Rule.CUSTOM))
                .hasMessage("threshold: only a threshold rule has it; this one is a query");
    }

    @Test
    void aWebhookThatIsNotHttpIsRefused() {
        String yaml = QUERY_RULE + "notify:\n  - webhook: ftp://hooks.example.com/x\n  - email: soc@example.com\n";
        assertThatThrownBy(() -> VALIDATOR.check(RuleYaml.read(yaml, Rule.CUSTOM)))
                .hasMessage("notify[0].webhook: 'ftp://hooks.example.com/x' is not an http or https URL");
    }

    @Test
    void aQueryThatDoesNotCompileIsRefusedWithTheCompilersError() {
        String yaml = QUERY_RULE.replace("process.executable,like", "process.exe,like");
        assertThatThrownBy(() -> VALIDATOR.check(RuleYaml.read(yaml, Rule.CUSTOM)))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith("query.text: ")
                .hasMessageContaining("process.exe")
                .hasMessageContaining("(at 0-11)");
    }

    @Test
    void groupingOnAFieldTheTypeLacksIsRefused() {
        String yaml = QUERY_RULE + "suppression: {group_by: [host.id, share.name]}\n";
        assertThatThrownBy(() -> VALIDATOR.check(RuleYaml.read(yaml, Rule.CUSTOM)))
                .hasMessage("suppression.group_by: 'share.name' is not a field of scheduled_task");
    }
}
