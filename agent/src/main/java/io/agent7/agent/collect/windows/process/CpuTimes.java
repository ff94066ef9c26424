package io.agent7.agent.collect.windows.process;

/**
 * GetSystemTimes: 100-ns ticks summed over all processors since boot. Kernel time includes
 * idle time.
 */
public record CpuTimes(long idleTime, long kernelTime, long userTime) {}
