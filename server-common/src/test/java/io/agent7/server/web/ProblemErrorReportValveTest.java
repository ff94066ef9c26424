package io.agent7.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemErrorReportValveTest {

    @Test
    void anUnreadableRequestSaysHowToEncodeItAndKeepsTomcatsReason() {
        var body = ProblemErrorReportValve.body(400, "Invalid URI: [The hexadecimal encoding is invalid]");

        assertThat(body)
                .containsEntry("type", "about:blank")
                .containsEntry("title", "Bad Request")
                .containsEntry("status", 400);
        assertThat((String) body.get("detail"))
                .startsWith(ProblemErrorReportValve.UNREADABLE_REQUEST)
                .endsWith("(Invalid URI: [The hexadecimal encoding is invalid])");
    }

    @Test
    void otherStatusesCarryTomcatsMessageOrNoDetail() {
        assertThat(ProblemErrorReportValve.body(505, "HTTP/3.0 is not supported"))
                .containsEntry("title", "HTTP Version not supported")
                .containsEntry("detail", "HTTP/3.0 is not supported");
        assertThat(ProblemErrorReportValve.body(599, null))
                .containsEntry("title", "Error")
                .doesNotContainKey("detail");
    }
}
