package io.agent7.agent.respond;

import io.agent7.protocol.Command;
import io.agent7.protocol.CommandAllowlist;
import io.agent7.protocol.CommandRefusedException;
import io.agent7.protocol.CommandRefusedException.Reason;
import io.agent7.protocol.CommandSignature;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What a command must pass before this agent runs it, whatever delivered it: the signature of
 * the command key pinned at enrollment, this host as the target, not expired, not issued in
 * the future, allowed by the host owner's own list, and never seen before. A command written
 * straight into the server's store, or replayed, or copied from another host, stops here.
 */
public final class CommandGate {

    /** How far ahead of this host's clock the server's may be. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final PublicKey pinned;
    private final String hostId;
    private final CommandAllowlist local;
    private final SeenCommands seen;
    private final Clock clock;

    /** @param pinned the key pinned at enrollment, or null when the server gave none: then every command is refused */
    public CommandGate(PublicKey pinned, String hostId, CommandAllowlist local, SeenCommands seen, Clock clock) {
        this.pinned = pinned;
        this.hostId = hostId;
        this.local = local;
        this.seen = seen;
        this.clock = clock;
    }

    /**
     * The command, recorded as run: call it only to run the command at once.
     *
     * @throws CommandRefusedException with the reason to report; nothing is run or recorded
     */
    public Command admit(String signed) {
        if (pinned == null) {
            throw new CommandRefusedException(
                    Reason.BAD_SIGNATURE,
                    "this agent pinned no command key at enrollment, so it runs no command: enroll it again with a"
                            + " server that has one (agent7.commands.public-key)");
        }
        Command command = CommandSignature.verify(signed, pinned);
        if (!command.hostId().equals(hostId)) {
            throw new CommandRefusedException(
                    Reason.OTHER_HOST,
                    "command " + command.id() + " is for host " + command.hostId() + ", not this one");
        }
        Instant now = clock.instant();
        if (now.isAfter(command.expiresAt())) {
            throw new CommandRefusedException(
                    Reason.EXPIRED, "command " + command.id() + " expired at " + command.expiresAt());
        }
        if (command.issuedAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw new CommandRefusedException(
                    Reason.NOT_YET_VALID,
                    "command " + command.id() + " was issued at " + command.issuedAt() + ", ahead of this host's "
                            + now);
        }
        local.check(command).ifPresent(why -> {
            throw new CommandRefusedException(
                    Reason.NOT_ALLOWED_ON_HOST, "command " + command.id() + ": " + why + " on this host");
        });
        if (!seen.add(command.nonce(), command.expiresAt())) {
            throw new CommandRefusedException(
                    Reason.REPLAYED, "command " + command.id() + " was run before (nonce " + command.nonce() + ")");
        }
        return command;
    }
}
