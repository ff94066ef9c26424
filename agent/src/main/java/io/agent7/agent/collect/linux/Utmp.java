package io.agent7.agent.collect.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * glibc's {@code struct utmp} as x86_64 (and every 64-bit glibc with 32-bit time fields)
 * stores it in /var/run/utmp and /var/log/wtmp: 384 bytes, little-endian.
 *
 * <pre>
 *   0 short ut_type (+2 padding)   4 int ut_pid        8 char ut_line[32]   40 char ut_id[4]
 *  44 char ut_user[32]            76 char ut_host[256] 332 short ut_exit[2] 336 int ut_session
 * 340 int tv_sec                 344 int tv_usec     348 int ut_addr_v6[4] 364 char reserved[20]
 * </pre>
 */
final class Utmp {

    static final int RECORD_SIZE = 384;
    static final int USER_PROCESS = 7;
    static final int DEAD_PROCESS = 8;

    /**
     * One record.
     *
     * @param address ut_addr_v6: IPv4 in the first four bytes and zeros after, or IPv6; all zero when none
     */
    record Record(int type, int pid, String line, String user, String host, Instant time, byte[] address) {

        /** The address as text, or null when none is recorded. */
        String ip() {
            if (Addresses.isUnspecified(address)) {
                return null;
            }
            boolean v4 = true;
            for (int i = 4; i < 16; i++) {
                v4 &= address[i] == 0;
            }
            return Addresses.format(v4 ? Arrays.copyOf(address, 4) : address);
        }
    }

    private Utmp() {}

    /** Every whole record of the file, in order; nothing when it is missing. */
    static void forEach(Path file, Consumer<Record> visitor) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(RECORD_SIZE * 256).order(ByteOrder.LITTLE_ENDIAN);
            while (channel.read(buffer) > 0) {
                buffer.flip();
                while (buffer.remaining() >= RECORD_SIZE) {
                    visitor.accept(record(buffer));
                }
                buffer.compact(); // a torn record at the end of the file is left unread
            }
        } catch (IOException | RuntimeException e) {
            // missing, unreadable or truncated: what was read stands
        }
    }

    private static Record record(ByteBuffer b) {
        int start = b.position();
        int type = b.getShort(start);
        int pid = b.getInt(start + 4);
        String line = text(b, start + 8, 32);
        String user = text(b, start + 44, 32);
        String host = text(b, start + 76, 256);
        long seconds = Integer.toUnsignedLong(b.getInt(start + 340));
        int micros = b.getInt(start + 344);
        byte[] address = new byte[16];
        b.get(start + 348, address);
        b.position(start + RECORD_SIZE);
        Instant time = seconds == 0 ? null : Instant.ofEpochSecond(seconds, Math.max(0, micros) * 1000L);
        return new Record(type, pid, line, user, host, time, address);
    }

    /** A fixed-size char array: up to the first NUL, or all of it when full. */
    static String text(ByteBuffer b, int at, int length) {
        int end = 0;
        while (end < length && b.get(at + end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end];
        b.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8).strip();
    }
}
