package io.agent7.agent.respond;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The commands this agent started and has not reported ended, on disk: after a restart they
 * are reported failed, since the process that ran them is gone, and they never run again
 * ({@link SeenCommands} holds their nonces).
 */
final class RunningCommands {

    static final String FILE = "commands-running.txt";

    private final Path file;
    private final Set<String> ids = new LinkedHashSet<>();

    private RunningCommands(Path file) {
        this.file = file;
    }

    static RunningCommands open(Path stateDir) throws IOException {
        RunningCommands running = new RunningCommands(stateDir.resolve(FILE));
        if (Files.exists(running.file)) {
            for (String line : Files.readAllLines(running.file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    running.ids.add(line.strip());
                }
            }
        }
        return running;
    }

    /** The commands a previous run of the agent left unfinished. */
    synchronized List<String> leftOver() {
        return List.copyOf(ids);
    }

    synchronized void started(String id) {
        ids.add(id);
        write();
    }

    synchronized void ended(String id) {
        if (ids.remove(id)) {
            write();
        }
    }

    private void write() {
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, String.join("\n", ids) + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the running commands in " + file, e);
        }
    }
}
