package io.agent7.agent.collect.windows.process;

/**
 * One entry of the named pipe file system's directory, as FindFirstFileW / FindNextFileW on
 * {@code \\.\pipe\*} return it in WIN32_FIND_DATAW.
 *
 * @param fileName the pipe's name ({@code cFileName}); it may hold backslashes (Winsock2\CatalogChangeListener-...)
 * @param fileSize {@code nFileSizeHigh:nFileSizeLow}: the named pipe file system reports the
 *                 pipe's current instance count as its end of file
 */
public record PipeEntry(String fileName, long fileSize) {}
