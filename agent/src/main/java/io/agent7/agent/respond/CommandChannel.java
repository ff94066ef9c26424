package io.agent7.agent.respond;

import io.agent7.agent.transport.ServerClient;
import io.agent7.agent.transport.ServerException;
import io.agent7.protocol.Command;
import io.agent7.protocol.CommandRefusedException;
import io.agent7.protocol.CommandReport;
import io.agent7.protocol.CommandStatus;
import io.agent7.protocol.CommandsAnswer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * How commands reach this agent: a long poll on the ingest API, held up to {@link #WAIT} and
 * answered at once when a command arrives. Each command passes the {@link CommandGate}, runs
 * in the {@link CommandExecutor}, and its output goes back in chunks as it is produced, so a
 * responder sees it live; then the agent reports how it ended. Refusals are reported too.
 * Commands run one at a time, in the order they came.
 *
 * <p>Where something between agent and server cuts requests held open (a proxy's idle
 * timeout), long polls fail after being held a while, or come back empty at once: after
 * {@link #CUTS_TO_FALL_BACK} of those in a row the agent falls back to asking, without
 * waiting, after each check-in ({@link #checkedIn}), and tries a long poll again
 * {@link #FALLBACK} later.
 */
public final class CommandChannel implements Runnable {

    private static final Logger log = Logger.getLogger(CommandChannel.class.getName());

    /** How long the server may hold a poll. */
    static final Duration WAIT = Duration.ofSeconds(30);
    /** Output is sent when this much is waiting, or {@link #FLUSH} after the last send. */
    static final int CHUNK = 64 * 1024;

    static final Duration FLUSH = Duration.ofMillis(500);
    /** How often the agent asks, while a command runs, whether a responder cancelled it. */
    static final Duration CANCEL_CHECK = Duration.ofSeconds(5);

    /**
     * A long poll that failed after being held this long was cut on the way (a server that is
     * down fails at once); one that came back empty sooner was not held (the server holds an
     * empty one for {@link #WAIT}).
     */
    static final Duration CUT_AFTER = Duration.ofSeconds(5);
    /** Long polls cut in a row before the agent falls back to asking after its check-ins. */
    static final int CUTS_TO_FALL_BACK = 3;
    /** How long the fallback lasts before a long poll is tried again. */
    static final Duration FALLBACK = Duration.ofMinutes(15);
    /** In the fallback, the longest time between two asks when no check-in comes. */
    static final Duration FALLBACK_MAX_GAP = Duration.ofMinutes(5);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    /** The calls the channel makes to the server: {@link ServerClient}'s, or a fake in tests. */
    public interface Server {

        CommandsAnswer commands(Duration wait) throws ServerException;

        void commandOutput(String commandId, long seq, byte[] chunk) throws ServerException;

        void commandReport(String commandId, CommandReport report) throws ServerException;

        CommandStatus commandStatus(String commandId) throws ServerException;

        static Server of(ServerClient client) {
            return new Server() {
                @Override
                public CommandStatus commandStatus(String commandId) throws ServerException {
                    return client.commandStatus(commandId);
                }

                @Override
                public CommandsAnswer commands(Duration wait) throws ServerException {
                    return client.commands(wait);
                }

                @Override
                public void commandOutput(String commandId, long seq, byte[] chunk) throws ServerException {
                    client.commandOutput(commandId, seq, chunk);
                }

                @Override
                public void commandReport(String commandId, CommandReport report) throws ServerException {
                    client.commandReport(commandId, report);
                }
            };
        }
    }

    private final Server server;
    private final CommandGate gate;
    private final CommandExecutor executor;
    private final RunningCommands running;
    private final Clock clock;
    private final BooleanSupplier keepGoing;
    private final Semaphore checkins = new Semaphore(0);

    public CommandChannel(
            Server server,
            CommandGate gate,
            CommandExecutor executor,
            Path stateDir,
            Clock clock,
            BooleanSupplier keepGoing)
            throws IOException {
        this.server = server;
        this.gate = gate;
        this.executor = executor;
        this.running = RunningCommands.open(stateDir);
        this.clock = clock;
        this.keepGoing = keepGoing;
    }

    /** The agent checked in: in the fallback, the moment to ask for commands. */
    public void checkedIn() {
        if (checkins.availablePermits() == 0) {
            checkins.release();
        }
    }

    @Override
    public void run() {
        reportLeftOvers();
        Duration backoff = Duration.ofSeconds(1);
        int cuts = 0;
        Instant fallbackUntil = Instant.MIN;
        while (keepGoing.getAsBoolean()) {
            boolean longPoll = clock.instant().isAfter(fallbackUntil);
            Instant asked = clock.instant();
            try {
                if (!longPoll) {
                    checkins.tryAcquire(FALLBACK_MAX_GAP.toMillis(), TimeUnit.MILLISECONDS);
                    if (!keepGoing.getAsBoolean()) {
                        return;
                    }
                }
                CommandsAnswer answer = server.commands(longPoll ? WAIT : Duration.ZERO);
                backoff = Duration.ofSeconds(1);
                if (longPoll) {
                    boolean cutShort = answer.commands().isEmpty()
                            && Duration.between(asked, clock.instant()).compareTo(CUT_AFTER) < 0;
                    cuts = cutShort ? cuts + 1 : 0;
                }
                for (CommandsAnswer.Delivery delivery : answer.commands()) {
                    handle(delivery);
                }
            } catch (ServerException e) {
                if (e.unauthorized()) {
                    log.warning("The server refused this agent's credentials while polling for commands");
                }
                if (longPoll && Duration.between(asked, clock.instant()).compareTo(CUT_AFTER) >= 0) {
                    cuts++;
                } else {
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofMinutes(1)) > 0
                            ? Duration.ofMinutes(1)
                            : backoff.multipliedBy(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "The command channel failed; it polls again", e);
                sleep(backoff);
            }
            if (cuts >= CUTS_TO_FALL_BACK) {
                cuts = 0;
                fallbackUntil = clock.instant().plus(FALLBACK);
                checkins.drainPermits();
                log.warning("Requests held open for commands are cut on the way to the server (a proxy's"
                        + " timeout?); asking for commands after each check-in instead, and trying again at "
                        + fallbackUntil);
            }
        }
    }

    /** Runs or refuses one delivered command, and says so to the server. */
    void handle(CommandsAnswer.Delivery delivery) throws InterruptedException {
        if (delivery.id() == null || !ID.matcher(delivery.id()).matches()) {
            log.warning("A delivered command has no usable id; ignored");
            return;
        }
        Command command;
        try {
            command = gate.admit(delivery.signed());
            if (!command.id().equals(delivery.id())) {
                throw new CommandRefusedException(
                        CommandRefusedException.Reason.MALFORMED,
                        "delivered as " + delivery.id() + " but signed as " + command.id());
            }
        } catch (CommandRefusedException e) {
            log.warning("Refused command " + delivery.id() + " (" + e.reason().wire() + "): " + e.getMessage());
            report(delivery.id(), CommandReport.refused(clock.instant(), e));
            return;
        }
        running.started(command.id());
        report(command.id(), CommandReport.running(clock.instant()));
        log.info("Running command " + command.id() + ": " + command.action().wire());
        Chunks chunks = new Chunks(command.id());
        AtomicBoolean cancelled = new AtomicBoolean();
        // Output that trickles in is sent within FLUSH of its arrival, not held for the next
        // chunk; every CANCEL_CHECK the server is asked whether a responder cancelled it.
        Thread flusher = new Thread(
                () -> {
                    long nextCheck = System.nanoTime() + CANCEL_CHECK.toNanos();
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            Thread.sleep(FLUSH.toMillis());
                        } catch (InterruptedException e) {
                            return;
                        }
                        chunks.flushIfStale();
                        if (System.nanoTime() - nextCheck >= 0) {
                            nextCheck = System.nanoTime() + CANCEL_CHECK.toNanos();
                            if (cancelRequested(command.id())) {
                                log.info("Command " + command.id() + " was cancelled by a responder; stopping it");
                                cancelled.set(true);
                            }
                        }
                    }
                },
                "agent7-command-flush");
        flusher.setDaemon(true);
        flusher.start();
        Instant started = clock.instant();
        CommandExecutor.Outcome outcome;
        try {
            outcome = executor.execute(
                    command, chunks::add, process -> running.process(command.id(), process), cancelled::get);
        } finally {
            flusher.interrupt();
            flusher.join();
        }
        chunks.flush();
        CommandReport.State state = outcome.cancelled()
                ? CommandReport.State.CANCELLED
                : outcome.timedOut()
                        ? CommandReport.State.TIMED_OUT
                        : outcome.exitCode() == 0 ? CommandReport.State.DONE : CommandReport.State.FAILED;
        report(
                command.id(),
                new CommandReport(
                        state,
                        clock.instant(),
                        (long) outcome.exitCode(),
                        outcome.truncated(),
                        outcome.bytes(),
                        outcome.sha256(),
                        null,
                        outcome.cancelled()
                                ? "cancelled by a responder after "
                                        + Duration.between(started, clock.instant())
                                                .toSeconds()
                                        + " s; its process tree was killed"
                                : outcome.timedOut()
                                        ? "ran past its " + command.timeout().toSeconds()
                                                + " s timeout; its process tree was killed"
                                        : "exited with " + outcome.exitCode()));
        running.ended(command.id());
    }

    /** Whether a responder cancelled the running command; false when the server cannot say now. */
    private boolean cancelRequested(String id) {
        try {
            return server.commandStatus(id).cancel();
        } catch (ServerException | RuntimeException e) {
            log.fine("Could not ask whether command " + id + " was cancelled: " + e.getMessage());
            return false;
        }
    }

    private void reportLeftOvers() {
        for (String id : running.leftOver()) {
            running.process(id).ifPresent(p -> {
                if (ArgvRunner.endLeftOver(p.pid(), p.start())) {
                    log.info("Ended what was left of command " + id + "'s processes (pid " + p.pid() + ")");
                }
            });
            report(
                    id,
                    new CommandReport(
                            CommandReport.State.FAILED,
                            clock.instant(),
                            null,
                            false,
                            0,
                            null,
                            null,
                            "the agent restarted while the command ran; it is not run again"));
            running.ended(id);
        }
    }

    /** Reports, retrying a while: a report lost is a command that looks stuck. */
    private void report(String id, CommandReport report) {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                server.commandReport(id, report);
                return;
            } catch (ServerException e) {
                if (!e.retryable()) {
                    log.warning("The server refused the report of command " + id + ": " + e.getMessage());
                    return;
                }
                sleep(Duration.ofSeconds(1L << attempt));
            }
        }
        log.warning("Could not report command " + id + " " + report.state().wire());
    }

    /** Output on its way to the server: sent in chunks as it comes, in order. */
    private final class Chunks {
        private final String id;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private long seq;
        private long lastSent = System.nanoTime();

        Chunks(String id) {
            this.id = id;
        }

        synchronized void add(byte[] bytes) {
            pending.writeBytes(bytes);
            if (pending.size() >= CHUNK || System.nanoTime() - lastSent > FLUSH.toNanos()) {
                flush();
            }
        }

        synchronized void flushIfStale() {
            if (System.nanoTime() - lastSent > FLUSH.toNanos()) {
                flush();
            }
        }

        synchronized void flush() {
            if (pending.size() == 0) {
                return;
            }
            byte[] chunk = pending.toByteArray();
            pending.reset();
            lastSent = System.nanoTime();
            for (int attempt = 0; attempt < 5; attempt++) {
                try {
                    server.commandOutput(id, seq, chunk);
                    seq++;
                    return;
                } catch (ServerException e) {
                    if (!e.retryable()) {
                        log.warning("The server refused output of command " + id + ": " + e.getMessage());
                        return;
                    }
                    sleep(Duration.ofSeconds(1L << attempt));
                }
            }
            log.warning("Output chunk " + seq + " of command " + id + " could not be sent");
            seq++;
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
