package io.agent7.protocol;

import java.time.Instant;
import java.util.Locale;

/**
 * An agent's word on one command ({@code POST /api/v1/agents/commands/{id}/report}): it
 * started, it ended, or the agent refused it and why. Output goes separately, in chunks, as it
 * is produced.
 *
 * @param state    what happened
 * @param at       when, on the agent's clock
 * @param exitCode the exit code, for {@code done}, {@code failed}, {@code timed_out} and
 *                 {@code cancelled}
 * @param truncated whether output was cut at the command's cap
 * @param bytes    the output bytes sent
 * @param sha256   of all the output sent: a fetched file's hash, the audit's result digest
 * @param reason   for {@code refused}: the {@link CommandRefusedException.Reason}, by its wire name
 * @param message  what the agent says about it, for people
 */
public record CommandReport(
        State state,
        Instant at,
        Long exitCode,
        boolean truncated,
        long bytes,
        String sha256,
        String reason,
        String message)
        implements ProtocolMessage {

    /** What an agent reports; the server adds queued, delivered, expired, and cancelled before delivery. */
    public enum State {
        /** It passed the agent's checks and runs now. */
        RUNNING,
        /** It ended and did what was asked (exit code 0). */
        DONE,
        /** It ended otherwise: a non-zero exit code, an action that could not be done, or an agent restart. */
        FAILED,
        /** It ran past its timeout and was killed with its process tree. */
        TIMED_OUT,
        /** The agent would not run it: see the reason. */
        REFUSED,
        /** A responder cancelled it while it ran: the agent killed its process tree. */
        CANCELLED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean finished() {
            return this != RUNNING;
        }

        /** @throws IllegalArgumentException naming the states there are */
        public static State fromWire(String name) {
            for (State state : values()) {
                if (state.wire().equals(name)) {
                    return state;
                }
            }
            throw new IllegalArgumentException(
                    "must be one of running, done, failed, timed_out, refused, cancelled; got '" + name + "'");
        }
    }

    public static CommandReport running(Instant at) {
        return new CommandReport(State.RUNNING, at, null, false, 0, null, null, null);
    }

    public static CommandReport refused(Instant at, CommandRefusedException refusal) {
        return new CommandReport(
                State.REFUSED, at, null, false, 0, null, refusal.reason().wire(), refusal.getMessage());
    }
}
