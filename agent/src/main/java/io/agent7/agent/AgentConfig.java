package io.agent7.agent;

import io.agent7.protocol.SettingsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The agent's settings, in one file: {@code agent.properties} in the state folder. Options on
 * the command line win over the file; the file wins over the defaults.
 *
 * @param spoolMaxBytes how much unsent data may wait on disk (default 256 MB)
 * @param logLevel      java.util.logging level of the agent's own messages
 */
record AgentConfig(long spoolMaxBytes, String logLevel) {

    static final long DEFAULT_SPOOL = 256L * 1024 * 1024;

    static AgentConfig load(Path stateDir) throws IOException {
        Path file = stateDir.resolve("agent.properties");
        Properties p = Files.exists(file) ? SettingsFile.read(file) : new Properties();
        long spool = parseSize(p.getProperty("spool.max_bytes", Long.toString(DEFAULT_SPOOL)));
        return new AgentConfig(spool, p.getProperty("log.level", "INFO"));
    }

    static long parseSize(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        if (t.endsWith("KB")) {
            unit = 1024;
        } else if (t.endsWith("MB")) {
            unit = 1024 * 1024;
        } else if (t.endsWith("GB")) {
            unit = 1024L * 1024 * 1024;
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 2);
        try {
            return Long.parseLong(digits.trim()) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("spool.max_bytes must be a size such as 256MB, got '" + text + "'");
        }
    }
}
