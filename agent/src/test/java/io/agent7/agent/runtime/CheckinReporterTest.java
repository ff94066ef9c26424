package io.agent7.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.protocol.CheckinReport;
import io.agent7.protocol.CollectorError;
import io.agent7.protocol.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckinReporterTest {

    static final CollectorError OVER_BUDGET =
            new CollectorError("software", CollectorError.Kind.OVER_BUDGET, "ran over its 300s budget and was stopped");
    static final CollectorError REFUSED =
            new CollectorError("process", CollectorError.Kind.BATCH_REFUSED, "batch refused: HTTP 400");
    static final CheckinReport.Spool SPOOL = new CheckinReport.Spool(4096, 2);

    final CheckinReporter reporter = new CheckinReporter("1.2.3", () -> CheckinReport.Host.named("web-01"));

    @Test
    void reportsTheAgentItsHostSpoolAndForcedRuns() {
        Policy policy = new Policy("g", 7, null, null, null, null);

        CheckinReport report = reporter.report(policy, SPOOL, List.of("process"));

        assertThat(report)
                .isEqualTo(new CheckinReport(
                        "1.2.3", 7L, CheckinReport.Host.named("web-01"), SPOOL, List.of("process"), List.of()));
        assertThat(reporter.report(null, SPOOL, List.of()).policyVersion()).isNull();
    }

    @Test
    void keepsReportingAnErrorUntilACheckinThatCarriedItWentThrough() {
        reporter.failed(OVER_BUDGET);
        CheckinReport failedToSend = reporter.report(null, SPOOL, List.of());
        CheckinReport sent = reporter.report(null, SPOOL, List.of());
        reporter.failed(REFUSED);

        reporter.delivered(sent);

        assertThat(failedToSend.collectorErrors()).containsExactly(OVER_BUDGET);
        assertThat(sent.collectorErrors()).containsExactly(OVER_BUDGET);
        assertThat(reporter.undelivered()).containsExactly(REFUSED);
    }

    @Test
    void anErrorThatHappensAgainIsReportedAgain() {
        reporter.failed(OVER_BUDGET);
        CheckinReport sent = reporter.report(null, SPOOL, List.of());
        reporter.failed(OVER_BUDGET);

        reporter.delivered(sent);

        assertThat(reporter.undelivered()).containsExactly(OVER_BUDGET);
    }
}
