package io.agent7.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One response command for one host, as the server signs it and the agent runs it
 * ({@link CommandSignature}). Everything the agent acts on is in here and under the
 * signature: the target host, the action and its arguments, the limits, the expiry and a
 * nonce, so a command copied to another host, run late or sent twice is refused.
 *
 * @param id        this host's execution of the command; a fleet-wide command has one per host
 * @param hostId    the only host that may run it
 * @param action    what to do
 * @param argv      for {@link Action#RUN}: the executable and its arguments, each passed as
 *                  is, never through a shell unless {@code shell}; empty for the built-in actions
 * @param params    the built-in action's parameters ({@code pid}, {@code start}, {@code path},
 *                  {@code type}); names and values are text
 * @param shell     {@link Action#RUN} only: argv[0] is a command line for the system shell,
 *                  which only a role allowed shell mode can ask for and a host's owner can refuse
 * @param timeout   the process tree is killed at the end of it
 * @param outputCap output bytes kept; more is cut and the result says it was
 * @param issuedAt  when the server signed it
 * @param expiresAt after it, an undelivered command is never run
 * @param nonce     unique per command: the agent runs a nonce once
 */
public record Command(
        String id,
        String hostId,
        Action action,
        List<String> argv,
        Map<String, String> params,
        boolean shell,
        Duration timeout,
        long outputCap,
        Instant issuedAt,
        Instant expiresAt,
        String nonce) {

    /** A command's default timeout: 60 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** A command's default output cap: 1 MB. */
    public static final long DEFAULT_OUTPUT_CAP = 1024 * 1024;

    public Command {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(nonce, "nonce");
        argv = List.copyOf(argv);
        params = Map.copyOf(params);
        if (action == Action.RUN && argv.isEmpty()) {
            throw new IllegalArgumentException("run needs an executable in argv");
        }
        if (action != Action.RUN && (!argv.isEmpty() || shell)) {
            throw new IllegalArgumentException(action.wire() + " takes params, not argv or shell mode");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (outputCap <= 0) {
            throw new IllegalArgumentException("outputCap must be positive, got " + outputCap);
        }
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** What a command does: the built-in actions need no shell and no executable. */
    public enum Action {
        /** The processes running now. */
        PROCESS_LIST,
        /** Kill one process: params {@code pid} and {@code start}, so a reused pid is never killed. */
        KILL_PROCESS,
        /** Size, times, owner and SHA-256 of {@code path}. */
        FILE_INFO,
        /** The file at {@code path}, bounded in size, with its SHA-256, for the server to keep. */
        GET_FILE,
        /** The entries of the directory at {@code path}. */
        LIST_DIRECTORY,
        /** Collect the data type {@code type} now. */
        COLLECT_NOW,
        /** Run an executable with arguments. */
        RUN;

        /** The name on the wire and in allowlists: {@code process_list}, {@code run}, ... */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException naming the actions there are */
        public static Action fromWire(String name) {
            for (Action action : values()) {
                if (action.wire().equals(name)) {
                    return action;
                }
            }
            throw new IllegalArgumentException("unknown action '" + name + "'; the actions are "
                    + String.join(
                            ", ",
                            java.util.Arrays.stream(values()).map(Action::wire).toList()));
        }

        /** Every action but {@code run}: what an agent allows unless its owner says otherwise. */
        public boolean builtIn() {
            return this != RUN;
        }
    }
}
