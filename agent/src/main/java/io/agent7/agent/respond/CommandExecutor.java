package io.agent7.agent.respond;

import io.agent7.protocol.Command;
import io.agent7.schema.JsonTrees;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Runs a command the {@link CommandGate} admitted, within its timeout and output cap, and says
 * how it ended, with the SHA-256 of everything it handed over (a fetched file's hash, and the
 * result digest the audit keeps). {@code run} goes to {@link ArgvRunner}; in shell mode its one
 * argument is a command line for {@code /bin/sh -c} ({@code cmd.exe /d /c} on Windows).
 */
public final class CommandExecutor {

    /** What an executable that cannot start answers, as shells do. */
    static final int CANNOT_START = 127;

    /**
     * @param exitCode  0 when it did what it was asked; for {@code run}, the executable's exit
     *                  code; -1 when it ran out of time or was cancelled
     * @param cancelled it was told to stop before it ended
     * @param sha256    of the whole output handed over
     */
    public record Outcome(
            int exitCode,
            boolean timedOut,
            boolean cancelled,
            boolean truncated,
            long bytes,
            String sha256,
            long millis) {}

    private final BuiltInActions builtIns;

    public CommandExecutor(BuiltInActions builtIns) {
        this.builtIns = builtIns;
    }

    public Outcome execute(Command command, Consumer<byte[]> output) throws InterruptedException {
        return execute(command, output, started -> {}, () -> false);
    }

    /**
     * {@link #execute(Command, Consumer)}, telling {@code started} the process a {@code run}
     * starts, and ending the command (its process tree) as soon as {@code stop} says so.
     */
    public Outcome execute(
            Command command, Consumer<byte[]> output, Consumer<ProcessHandle> started, BooleanSupplier stop)
            throws InterruptedException {
        MessageDigest digest = sha256();
        CappedOutput capped = new CappedOutput(command.outputCap(), chunk -> {
            digest.update(chunk);
            output.accept(chunk);
        });
        long start = System.nanoTime();
        if (command.action() == Command.Action.RUN) {
            try {
                ArgvRunner.Outcome ran = ArgvRunner.run(
                        argv(command),
                        command.timeout(),
                        Long.MAX_VALUE,
                        chunk -> capped.write(chunk, chunk.length),
                        started,
                        stop);
                return new Outcome(
                        ran.exitCode(),
                        ran.timedOut(),
                        ran.cancelled(),
                        capped.truncated(),
                        capped.handed(),
                        hex(capped, digest),
                        ran.millis());
            } catch (IOException e) {
                capped.line(error("cannot start " + command.argv().get(0) + ": " + e.getMessage()));
                return new Outcome(
                        CANNOT_START,
                        false,
                        false,
                        capped.truncated(),
                        capped.handed(),
                        hex(capped, digest),
                        millis(start));
            }
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "agent7-command-" + command.action().wire());
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Integer> done = thread.submit(() -> builtIns.run(command, capped));
            int exit = -1;
            boolean timedOut = false;
            boolean cancelled = false;
            long deadline = start + command.timeout().toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    timedOut = true;
                    break;
                }
                if (stop.getAsBoolean()) {
                    cancelled = true;
                    break;
                }
                try {
                    exit = done.get(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 100), TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    // still running: look at the deadline and at stop again
                } catch (ExecutionException e) {
                    capped.line(error(
                            command.action().wire() + " failed: " + e.getCause().getMessage()));
                    exit = 1;
                    break;
                }
            }
            if (timedOut || cancelled) {
                done.cancel(true);
                exit = -1;
            }
            return new Outcome(
                    exit, timedOut, cancelled, capped.truncated(), capped.handed(), hex(capped, digest), millis(start));
        } finally {
            thread.shutdownNow();
        }
    }

    /** The argv to start: as given, or the system shell with the one command line of shell mode. */
    static List<String> argv(Command command) {
        if (!command.shell()) {
            return command.argv();
        }
        List<String> argv = new ArrayList<>();
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            argv.addAll(List.of(
                    System.getenv().getOrDefault("SystemRoot", "C:\\Windows") + "\\System32\\cmd.exe", "/d", "/c"));
        } else {
            argv.addAll(List.of("/bin/sh", "-c"));
        }
        argv.add(String.join(" ", command.argv()));
        return argv;
    }

    private static String error(String why) {
        return JsonTrees.string(JsonNodeFactory.instance.objectNode().put("error", why));
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The digest so far; a built-in cut off at its timeout may still be writing, under the output's lock. */
    private static String hex(CappedOutput output, MessageDigest digest) {
        synchronized (output) {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
