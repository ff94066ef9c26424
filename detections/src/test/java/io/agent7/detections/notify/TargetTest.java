package io.agent7.detections.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.agent7.detections.notify.Target.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A target's address is checked when it is made, and a bad one is named with what is wrong. */
class TargetTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            webhook | ftp://x                       | webhook URL 'ftp://x' must be http or https
            slack   | file:///etc/passwd            | Slack webhook URL 'file:///etc/passwd' must be http or https
            teams   | hooks.example.org/x           | Teams webhook URL 'hooks.example.org/x' must be http or https
            webhook | http:///no-host               | webhook URL 'http:///no-host' has no host
            webhook | 'http://exa mple.org/'        | webhook URL 'http://exa mple.org/' is not a URL: Illegal character in authority
            webhook | ''                            | webhook URL is empty
            email   | foo                           | email address 'foo' is not an address: Missing final '@domain'
            email   | soc@                          | email address 'soc@' is not an address: Missing domain
            email   | 'a@example.org, b@example.org' | email address 'a@example.org, b@example.org' is not an address: Illegal address
            email   | 'soc: a@example.org;'         | email address 'soc: a@example.org;' is a group: give one address
            email   | '  '                          | email address is empty
            pager   | http://example.org            | notification kind 'pager' is not one of webhook, slack, teams, email
            """)
    void namesWhatIsWrong(String kind, String address, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Target.parse(kind, address))
                .withMessage(message);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            webhook | https://siem.example.org/hooks/agent7?token=s3cret
            SLACK   | https://hooks.slack.com/services/T0/B0/XXXX
            Teams   | HTTP://10.0.0.7:8080/teams
            email   | soc@example.org
            email   | Security Team <soc@example.org>
            """)
    void takesWhatIsRight(String kind, String address) {
        Target target = Target.parse(kind, address);

        assertThat(target.kind().yaml()).isEqualToIgnoringCase(kind);
        assertThat(target.address()).isEqualTo(address);
    }

    @Test
    void trimsTheAddressAndABlankName() {
        Target target = new Target(Kind.EMAIL, "  soc@example.org ", " ");

        assertThat(target.address()).isEqualTo("soc@example.org");
        assertThat(target.name()).isNull();
    }

    @Test
    void showsAWebhookWithoutItsSecretPath() {
        Target slack = new Target(Kind.SLACK, "https://hooks.slack.com/services/T0/B0/XXXX", "soc-chat");
        Target bare = new Target(Kind.WEBHOOK, "http://127.0.0.1:8080", null);

        assertThat(slack.describe()).isEqualTo("soc-chat (slack https://hooks.slack.com/…)");
        assertThat(slack.toString()).doesNotContain("XXXX");
        assertThat(bare.describe()).isEqualTo("webhook http://127.0.0.1:8080");
        assertThat(new Target(Kind.EMAIL, "soc@example.org", null).describe()).isEqualTo("soc@example.org");
    }
}
