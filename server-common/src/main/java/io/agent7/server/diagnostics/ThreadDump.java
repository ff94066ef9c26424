package io.agent7.server.diagnostics;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * Every thread's whole stack with the locks it holds and waits for, as {@code jstack} prints
 * them, and the threads the JVM finds deadlocked first. {@link ThreadInfo#toString()} stops
 * at eight frames, too few to see who called into a library.
 */
public final class ThreadDump {

    private ThreadDump() {}

    public static String now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder out = new StringBuilder(64 * 1024);
        long[] deadlocked = threads.findDeadlockedThreads();
        if (deadlocked != null) {
            out.append("Java-level deadlock among threads:");
            for (ThreadInfo info : threads.getThreadInfo(deadlocked)) {
                if (info != null) {
                    out.append(" \"").append(info.getThreadName()).append('"');
                }
            }
            out.append("\n\n");
        }
        for (ThreadInfo info : threads.dumpAllThreads(true, true)) {
            append(out, info);
        }
        return out.toString();
    }

    private static void append(StringBuilder out, ThreadInfo info) {
        out.append('"')
                .append(info.getThreadName())
                .append("\" #")
                .append(info.getThreadId())
                .append(info.isDaemon() ? " daemon" : "")
                .append(' ')
                .append(info.getThreadState());
        if (info.getLockName() != null) {
            out.append(" on ").append(info.getLockName());
        }
        if (info.getLockOwnerName() != null) {
            out.append(" owned by \"")
                    .append(info.getLockOwnerName())
                    .append("\" #")
                    .append(info.getLockOwnerId());
        }
        out.append('\n');
        StackTraceElement[] stack = info.getStackTrace();
        MonitorInfo[] monitors = info.getLockedMonitors();
        for (int depth = 0; depth < stack.length; depth++) {
            out.append("\tat ").append(stack[depth]).append('\n');
            for (MonitorInfo monitor : monitors) {
                if (monitor.getLockedStackDepth() == depth) {
                    out.append("\t- locked ").append(monitor).append('\n');
                }
            }
        }
        LockInfo[] synchronizers = info.getLockedSynchronizers();
        if (synchronizers.length > 0) {
            out.append("\tLocked synchronizers:\n");
            for (LockInfo lock : synchronizers) {
                out.append("\t- ").append(lock).append('\n');
            }
        }
        out.append('\n');
    }
}
