package io.agent7.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One number from a Linux process's {@code /proc/<pid>/status} (the {@code Vm} fields are in kB). */
final class ProcStatus {

    private ProcStatus() {}

    /** The field {@code name} ({@code VmRSS}, {@code VmHWM}, {@code Threads}, ...); 0 where the process has none. */
    static long field(long pid, String name) throws IOException {
        String prefix = name + ":";
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(prefix)) {
                return Long.parseLong(line.substring(prefix.length()).replaceAll("\\D", ""));
            }
        }
        return 0;
    }
}
