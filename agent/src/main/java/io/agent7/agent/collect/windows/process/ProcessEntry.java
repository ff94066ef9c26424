package io.agent7.agent.collect.windows.process;

/**
 * One {@code PROCESSENTRY32W} of a Toolhelp32 snapshot: what Windows tells about every
 * process, even one that cannot be opened.
 *
 * @param exeFile the image file name only ({@code szExeFile}), e.g. svchost.exe; "[System Process]" for pid 0
 */
public record ProcessEntry(int pid, int parentPid, int threads, String exeFile) {}
