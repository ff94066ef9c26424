package io.agent7.agent.collect.linux;

import java.time.Instant;

/** When a process started: its start ticks in /proc/&lt;pid&gt;/stat after the boot time in /proc/stat. */
final class ProcessStart {

    /** USER_HZ: the kernel reports process times to user space in hundredths of a second on every architecture Linux ships. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessStart() {}

    /** Seconds since the epoch at boot (the btime line of /proc/stat), or -1. */
    static long bootTime(Root root) {
        for (String line : Root.lines(root.at("/proc/stat"))) {
            if (line.startsWith("btime ")) {
                try {
                    return Long.parseLong(line.substring(6).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** The start of a process, or null when it is gone or the boot time is unknown. */
    static Instant of(Root root, int pid, long bootTime) {
        if (bootTime < 0) {
            return null;
        }
        String stat = Root.firstLine(root.at("/proc/" + pid + "/stat"));
        if (stat == null) {
            return null;
        }
        // The name in parentheses may hold spaces and parentheses; the fields after the last ')' are fixed.
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String[] fields = stat.substring(close + 1).trim().split(" ");
        // After the name come state (field 3) ... starttime (field 22): index 22 - 3 = 19.
        if (fields.length < 20) {
            return null;
        }
        try {
            long ticks = Long.parseLong(fields[19]);
            return Instant.ofEpochMilli(bootTime * 1000 + ticks * 1000 / TICKS_PER_SECOND);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
