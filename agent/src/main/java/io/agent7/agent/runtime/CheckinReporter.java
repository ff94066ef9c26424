package io.agent7.agent.runtime;

import io.agent7.protocol.CheckinReport;
import io.agent7.protocol.CollectorError;
import io.agent7.protocol.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the check-in report (docs/AGENT-PROTOCOL.md) and keeps the collector errors it has
 * yet to deliver. Errors come from the collecting thread and from the sending one (a batch the
 * server refused), so the list is guarded; an error leaves it only once a check-in that
 * carried it went through.
 */
public final class CheckinReporter {

    // configuration
    private final String agentVersion;
    private final Supplier<CheckinReport.Host> host;

    // state, guarded by this
    private final List<CollectorError> undelivered = new ArrayList<>();

    /** @param host what the host looks like now, asked at every check-in */
    public CheckinReporter(String agentVersion, Supplier<CheckinReport.Host> host) {
        this.agentVersion = agentVersion;
        this.host = host;
    }

    public synchronized void failed(CollectorError error) {
        undelivered.add(error);
    }

    /**
     * @param policy     the policy the agent runs, null before it has one
     * @param forcedDone forced collections run since the last check-in
     */
    public CheckinReport report(Policy policy, CheckinReport.Spool spool, List<String> forcedDone) {
        List<CollectorError> errors;
        synchronized (this) {
            errors = List.copyOf(undelivered);
        }
        return new CheckinReport(
                agentVersion, policy == null ? null : policy.version(), host.get(), spool, forcedDone, errors);
    }

    /** The server has {@code report}: its errors need not be sent again. Errors since then stay. */
    public synchronized void delivered(CheckinReport report) {
        // Errors are only ever appended, so the delivered ones are the oldest.
        undelivered
                .subList(0, Math.min(report.collectorErrors().size(), undelivered.size()))
                .clear();
    }

    public synchronized List<CollectorError> undelivered() {
        return List.copyOf(undelivered);
    }
}
