package io.agent7.ingest.ingest;

import io.agent7.ingest.security.AgentPrincipal;
import java.time.Duration;

/** Where the server keeps what a host's batches showed of its clock: on the host's document. */
public interface HostClocks {

    /**
     * What the host's latest batch showed: its clock is {@code ahead} of the server's, past
     * the tolerance, or {@link Duration#ZERO} when the batch came on time. Called for every
     * batch, so it must be cheap when nothing changed, and must not wait for a write.
     */
    void observed(AgentPrincipal agent, Duration ahead);
}
