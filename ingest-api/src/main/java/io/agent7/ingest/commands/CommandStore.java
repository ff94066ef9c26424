package io.agent7.ingest.commands;

import io.agent7.protocol.CommandReport;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Commands as the ingest API sees them: the queued ones to deliver, their state as agents
 * report it, and their output. Changes of state that two instances could race (delivering,
 * expiring) succeed for one of them only.
 */
public interface CommandStore {

    /** A command waiting for its host, with what a conditional update needs. */
    record Pending(String id, String hostId, String signed, long seqNo, long primaryTerm) {}

    /**
     * A command's owner and state, to check what an agent says about it; {@code cancelRequested}
     * when a responder cancelled it after its host took it.
     */
    record Stored(String id, String hostId, String state, String action, String requestedBy, boolean cancelRequested) {}

    /** The queued, unexpired commands of {@code hostIds}, oldest first. */
    List<Pending> queuedFor(Collection<String> hostIds, Instant now);

    /**
     * Marks {@code pending} delivered; answers those marked, leaving out any another instance
     * delivered, or that changed, first.
     */
    List<Pending> markDelivered(List<Pending> pending, Instant now);

    /**
     * A delivered command whose poll ended before it could take it: queued again, or cancelled
     * (at {@code now}) when a responder cancelled it meanwhile.
     */
    void requeue(String id, Instant now);

    Optional<Stored> find(String id);

    /** Records what the agent reported: the new state, and for an ended command how it ended. */
    void report(String id, CommandReport report);

    /** One chunk of output; a chunk sent again (a retry) replaces itself. */
    void appendOutput(String id, String hostId, long seq, byte[] chunk, Instant now);

    /** Queued or unapproved commands past their expiry: they will never run. Answers how many were marked expired. */
    int expire(Instant now);
}
