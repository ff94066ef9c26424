package io.agent7.agent.respond;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The commands this agent started and has not reported ended, on disk, one per line with the
 * process a {@code run} started ({@code id pid start-epoch-ms}): after a restart they are
 * reported failed and never run again ({@link SeenCommands} holds their nonces), and what is
 * left of their processes is ended ({@link ArgvRunner#endLeftOver}).
 */
final class RunningCommands {

    static final String FILE = "commands-running.txt";

    private final Path file;
    private final Set<String> ids = new LinkedHashSet<>();
    /** The process each {@code run} started: pid and start time. */
    private final Map<String, Started> processes = new LinkedHashMap<>();

    /** A process as recorded: its pid and when it started, which tells it from a later holder of the pid. */
    record Started(long pid, Instant start) {}

    private RunningCommands(Path file) {
        this.file = file;
    }

    static RunningCommands open(Path stateDir) throws IOException {
        RunningCommands running = new RunningCommands(stateDir.resolve(FILE));
        if (Files.exists(running.file)) {
            for (String line : Files.readAllLines(running.file, StandardCharsets.UTF_8)) {
                String[] parts = line.strip().split(" ");
                if (parts[0].isEmpty()) {
                    continue;
                }
                running.ids.add(parts[0]);
                if (parts.length == 3 && parts[1].matches("\\d{1,10}") && parts[2].matches("\\d{1,19}")) {
                    running.processes.put(
                            parts[0],
                            new Started(Long.parseLong(parts[1]), Instant.ofEpochMilli(Long.parseLong(parts[2]))));
                }
            }
        }
        return running;
    }

    /** The commands a previous run of the agent left unfinished. */
    synchronized List<String> leftOver() {
        return List.copyOf(ids);
    }

    /** The process a previous run left for {@code id}, if it recorded one. */
    synchronized Optional<Started> process(String id) {
        return Optional.ofNullable(processes.get(id));
    }

    synchronized void started(String id) {
        ids.add(id);
        write();
    }

    /** {@code id}'s command started {@code process}: recorded before its first output can matter. */
    synchronized void process(String id, ProcessHandle process) {
        Instant start = process.info().startInstant().orElse(null);
        if (start != null && ids.contains(id)) {
            processes.put(id, new Started(process.pid(), start));
            write();
        }
    }

    synchronized void ended(String id) {
        processes.remove(id);
        if (ids.remove(id)) {
            write();
        }
    }

    private void write() {
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            StringBuilder text = new StringBuilder();
            for (String id : ids) {
                Started p = processes.get(id);
                text.append(id);
                if (p != null) {
                    text.append(' ')
                            .append(p.pid())
                            .append(' ')
                            .append(p.start().toEpochMilli());
                }
                text.append('\n');
            }
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the running commands in " + file, e);
        }
    }
}
