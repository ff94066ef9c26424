package io.agent7.agent.respond;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The nonces of the commands this agent accepted, on disk until they expire: a command is
 * recorded, and flushed to the device, before it runs, so neither a replay nor a restart in
 * the middle of a command ever runs it twice. A nonce is forgotten once its command has
 * expired, since an expired command is refused anyway.
 */
public final class SeenCommands {

    static final String FILE = "commands-seen.log";

    private final Path file;
    private final Clock clock;
    private final Map<String, Instant> seen = new HashMap<>();

    private SeenCommands(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Reads the record in {@code stateDir}, keeping what has not expired. */
    public static SeenCommands open(Path stateDir, Clock clock) throws IOException {
        SeenCommands commands = new SeenCommands(stateDir.resolve(FILE), clock);
        commands.load();
        return commands;
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Instant now = clock.instant();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                continue; // a line cut by a crash while it was written: its command never started
            }
            try {
                Instant expires = Instant.ofEpochMilli(Long.parseLong(line.substring(space + 1)));
                if (!expires.isBefore(now)) {
                    seen.put(line.substring(0, space), expires);
                }
            } catch (NumberFormatException e) {
                // as above
            }
        }
        rewrite();
    }

    /**
     * Records {@code nonce} until {@code expiresAt}; false when it was recorded before.
     *
     * @throws UncheckedIOException when it cannot be recorded: the command must not run then
     */
    public synchronized boolean add(String nonce, Instant expiresAt) {
        if (seen.containsKey(nonce)) {
            return false;
        }
        if (nonce.isEmpty() || nonce.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("a nonce is one token, got '" + nonce + "'");
        }
        append(nonce + " " + expiresAt.toEpochMilli() + "\n");
        seen.put(nonce, expiresAt);
        return true;
    }

    public synchronized int size() {
        return seen.size();
    }

    private void append(String line) {
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the command in " + file, e);
        }
    }

    private void rewrite() throws IOException {
        StringBuilder text = new StringBuilder();
        seen.forEach((nonce, expires) ->
                text.append(nonce).append(' ').append(expires.toEpochMilli()).append('\n'));
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
