package io.agent7.protocol;

import java.util.Locale;

/** Why an agent will not run a command; the agent reports the reason and never runs it. */
public final class CommandRefusedException extends RuntimeException {

    /** The refusals an agent reports, by name on the wire ({@code bad_signature}, ...). */
    public enum Reason {
        /** Not a signed command in the expected form, or a payload that is not a command. */
        MALFORMED,
        /** Signed with another algorithm than ES256, or not signed at all. */
        UNSIGNED,
        /** The signature does not verify with the key this agent pinned at enrollment. */
        BAD_SIGNATURE,
        /** Past its expiry. */
        EXPIRED,
        /** Issued further in the future than clocks drift. */
        NOT_YET_VALID,
        /** For another host. */
        OTHER_HOST,
        /** Its nonce was seen before: the same command sent again. */
        REPLAYED,
        /** The host's own allowlist does not allow it; no server can widen that list. */
        NOT_ALLOWED_ON_HOST;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public CommandRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
