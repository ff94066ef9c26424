package io.agent7.agent.collect.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who logged on and off when: lastlog (the last logon per uid), wtmp (every session start
 * and end since its last rotation) and btmp (failed logons).
 */
final class LogonHistory {

    /** struct lastlog: int32 ll_time, char ll_line[32], char ll_host[256]; one per uid, at uid * 292. */
    static final int LASTLOG_SIZE = 292;

    private final Map<String, Instant> lastLogon = new HashMap<>();
    private final Map<String, Instant> lastLogoff = new HashMap<>();
    private final Map<String, Long> failuresSinceLogon = new HashMap<>();

    static LogonHistory read(Root root, List<Accounts.User> users) {
        LogonHistory history = new LogonHistory();
        history.lastlog(root, users);
        history.wtmp(root);
        history.btmp(root, users);
        return history;
    }

    Instant lastLogon(String user) {
        return lastLogon.get(user);
    }

    Instant lastLogoff(String user) {
        return lastLogoff.get(user);
    }

    /** Failed logons recorded after the last logon; null when btmp cannot be read. */
    Long failuresSinceLastLogon(String user) {
        return failuresSinceLogon.get(user);
    }

    private void lastlog(Root root, List<Accounts.User> users) {
        try (FileChannel lastlog = FileChannel.open(root.at("/var/log/lastlog"), StandardOpenOption.READ)) {
            ByteBuffer time = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            long size = lastlog.size();
            for (Accounts.User user : users) {
                long at = user.uid() * LASTLOG_SIZE;
                time.clear();
                if (at + 4 <= size && lastlog.read(time, at) == 4) {
                    long seconds = Integer.toUnsignedLong(time.getInt(0));
                    if (seconds != 0) {
                        lastLogon.putIfAbsent(user.name(), Instant.ofEpochSecond(seconds));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no lastlog: wtmp answers alone
        }
    }

    /**
     * The latest session start per user fills in where lastlog has nothing; a DEAD_PROCESS
     * record on a terminal ends the session of whoever logged on there last.
     */
    private void wtmp(Root root) {
        Map<String, Instant> latestStart = new HashMap<>();
        Map<String, String> userOnLine = new HashMap<>();
        Utmp.forEach(root.at("/var/log/wtmp"), record -> {
            if (record.time() == null) {
                return;
            }
            if (record.type() == Utmp.USER_PROCESS && !record.user().isEmpty()) {
                latestStart.merge(record.user(), record.time(), LogonHistory::later);
                userOnLine.put(record.line(), record.user());
            } else if (record.type() == Utmp.DEAD_PROCESS) {
                String user = userOnLine.remove(record.line());
                if (user != null) {
                    lastLogoff.merge(user, record.time(), LogonHistory::later);
                }
            }
        });
        latestStart.forEach(lastLogon::putIfAbsent);
    }

    /** With btmp readable, every account has a count, zero included; without it, none has. */
    private void btmp(Root root, List<Accounts.User> users) {
        Path btmp = root.at("/var/log/btmp");
        if (!Files.isRegularFile(btmp) || !Files.isReadable(btmp)) {
            return;
        }
        for (Accounts.User user : users) {
            failuresSinceLogon.put(user.name(), 0L);
        }
        Utmp.forEach(btmp, record -> {
            Instant lastSuccess = lastLogon.get(record.user());
            if (failuresSinceLogon.containsKey(record.user())
                    && record.time() != null
                    && (lastSuccess == null || record.time().isAfter(lastSuccess))) {
                failuresSinceLogon.merge(record.user(), 1L, Long::sum);
            }
        });
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
