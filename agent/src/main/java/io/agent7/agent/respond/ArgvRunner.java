package io.agent7.agent.respond;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one executable with its arguments as an argv (each argument handed over as is: no
 * shell sees it), streams its output as it comes, and ends its whole process tree.
 *
 * <p>The tree: on Linux the executable starts in a session and process group of its own
 * ({@code setsid}, which then execs it), and the group is killed at the end, children that
 * outlived their parent included. Elsewhere, the descendants seen while it ran are killed.
 * Output (stdout and stderr together) is capped: past the cap it is read and dropped, so the
 * process never blocks on a full pipe, and the outcome says it was cut.
 */
public final class ArgvRunner {

    /**
     * How long output may still come once the executable exited and its tree was ended. The
     * reader is done as soon as the pipe ends, which is at once unless a process outside the
     * tree holds it (a daemon that left the group): then what came in this time is what there
     * is. Generous, because on a loaded host the reader thread may not run for a while, and
     * what the executable wrote before it exited must not be lost.
     */
    static final Duration DRAIN = Duration.ofSeconds(10);

    private static final int CHUNK = 64 * 1024;
    private static final Path SETSID = findSetsid();

    /**
     * @param exitCode  the executable's exit code; -1 when it was killed at its timeout or cancelled
     * @param timedOut  it ran past the timeout and its tree was killed
     * @param cancelled it was told to stop before it ended, and its tree was killed
     * @param truncated more output came than the cap; what is past it was dropped
     * @param bytes     the output bytes handed over (at most the cap)
     */
    public record Outcome(
            int exitCode, boolean timedOut, boolean cancelled, boolean truncated, long bytes, long millis) {}

    private ArgvRunner() {}

    /**
     * Runs {@code argv}; each chunk of output goes to {@code output} as it is read, on another
     * thread, and the last one before this returns.
     *
     * @throws IOException when the executable cannot be started (not found, not executable)
     */
    public static Outcome run(List<String> argv, Duration timeout, long outputCap, Consumer<byte[]> output)
            throws IOException, InterruptedException {
        return run(argv, timeout, outputCap, output, started -> {}, () -> false);
    }

    /**
     * {@link #run(List, Duration, long, Consumer)}, telling {@code started} the process as soon
     * as it runs: what an agent records so that, were it killed meanwhile, it can end the
     * command's process group when it starts again ({@link #endLeftOver}). When {@code stop}
     * says so (it is asked ten times a second), the process tree is killed as at the timeout.
     */
    public static Outcome run(
            List<String> argv,
            Duration timeout,
            long outputCap,
            Consumer<byte[]> output,
            Consumer<ProcessHandle> started,
            BooleanSupplier stop)
            throws IOException, InterruptedException {
        Path executable = Path.of(argv.get(0));
        if (executable.isAbsolute() && !Files.isExecutable(executable)) {
            throw new IOException(argv.get(0) + " is not an executable file on this host");
        }
        List<String> command = new ArrayList<>();
        boolean ownGroup = SETSID != null;
        if (ownGroup) {
            command.add(SETSID.toString());
        }
        command.addAll(argv);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .start();
        started.accept(process.toHandle());
        CappedOutput capped = new CappedOutput(outputCap, output);
        Reader reader = new Reader(process.getInputStream(), capped);
        Thread readerThread = new Thread(reader, "agent7-command-output");
        readerThread.setDaemon(true);
        readerThread.start();

        Set<ProcessHandle> seen = new HashSet<>();
        long deadline = start + timeout.toNanos();
        boolean exited = false;
        boolean stopped = false;
        while (!exited) {
            process.descendants().forEach(seen::add);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            if (stop.getAsBoolean()) {
                stopped = true;
                break;
            }
            exited = process.waitFor(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 100), TimeUnit.MILLISECONDS);
        }
        boolean timedOut = !exited && !stopped;
        // The end of the command is the end of its tree, whether it finished or ran out of time.
        process.descendants().forEach(seen::add);
        if (ownGroup) {
            killGroup(process.pid());
        }
        seen.forEach(ProcessHandle::destroyForcibly);
        // Through its handle: Process.destroyForcibly also closes the output pipe, and what the
        // reader had not read yet (all of it, for a command that printed and exited at once) would be lost.
        process.toHandle().destroyForcibly();
        process.waitFor();
        readerThread.join(DRAIN.toMillis());
        if (readerThread.isAlive()) {
            process.getInputStream().close();
        }
        return new Outcome(
                exited ? process.exitValue() : -1,
                timedOut,
                stopped,
                capped.truncated(),
                capped.handed(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Reads the output to its end, dropping what is past the cap, so the process never blocks on a full pipe. */
    private record Reader(InputStream in, CappedOutput output) implements Runnable {
        @Override
        public void run() {
            byte[] buffer = new byte[CHUNK];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    output.write(buffer, n);
                }
            } catch (IOException e) {
                // the stream was closed after the tree ended: what was read is what there is
            }
        }
    }

    /** libc's kill(2), for a process group. */
    private interface Signals extends Library {
        int kill(int pid, int signal);
    }

    private static final int SIGKILL = 9;

    /**
     * Ends what is left of a command an agent that was killed had started as {@code pid} at
     * {@code start}: its process and its process group (Linux: the group {@code setsid} made).
     * A pid now held by another process (another start time) is left alone; with the leader
     * gone, the group can still be the command's orphans (Linux does not give a pid out while
     * it names a group) and is killed. Answers whether anything was signalled.
     */
    static boolean endLeftOver(long pid, Instant start) {
        var leader = ProcessHandle.of(pid);
        if (leader.isPresent()) {
            Instant started = leader.get().info().startInstant().orElse(null);
            if (started == null || Duration.between(started, start).abs().compareTo(Duration.ofSeconds(1)) > 0) {
                return false;
            }
        }
        if (SETSID != null) {
            killGroup(pid);
        }
        leader.ifPresent(ProcessHandle::destroyForcibly);
        return true;
    }

    private static void killGroup(long pid) {
        try {
            Signals libc = Native.load("c", Signals.class);
            libc.kill((int) -pid, SIGKILL);
        } catch (UnsatisfiedLinkError e) {
            // no libc to call: the descendants seen are still killed
        }
    }

    private static Path findSetsid() {
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return null;
        }
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        return null;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
