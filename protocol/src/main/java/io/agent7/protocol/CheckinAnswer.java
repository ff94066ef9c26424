package io.agent7.protocol;

import java.time.Instant;
import java.util.List;

/**
 * The ingest API's answer to a check-in.
 *
 * @param forced collections an admin asked for: the agent runs each once and reports it in
 *               {@link CheckinReport#forcedDone()} at its next check-in
 */
public record CheckinAnswer(Policy policy, List<String> forced, Instant serverTime) implements ProtocolMessage {

    public CheckinAnswer {
        forced = forced == null ? List.of() : List.copyOf(forced);
    }
}
