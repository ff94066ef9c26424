package io.agent7.agent.respond;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/** A command's output on its way out: handed over as it comes, up to the cap, and counted. */
final class CappedOutput {

    private final long cap;
    private final Consumer<byte[]> sink;
    private long handed;
    private boolean truncated;

    CappedOutput(long cap, Consumer<byte[]> sink) {
        this.cap = cap;
        this.sink = sink;
    }

    synchronized void write(byte[] bytes, int length) {
        long room = cap - handed;
        if (length > room) {
            truncated = true;
        }
        int keep = (int) Math.min(length, Math.max(room, 0));
        if (keep > 0) {
            sink.accept(Arrays.copyOf(bytes, keep));
            handed += keep;
        }
    }

    void line(String text) {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        write(bytes, bytes.length);
    }

    synchronized long handed() {
        return handed;
    }

    synchronized boolean truncated() {
        return truncated;
    }
}
