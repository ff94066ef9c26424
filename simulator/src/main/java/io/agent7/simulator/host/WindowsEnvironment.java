package io.agent7.simulator.host;

import java.util.Map;

/** The system environment every simulated Windows host has, for the agent's mappings to expand %VAR% with. */
final class WindowsEnvironment {

    static final Map<String, String> VARIABLES = Map.of(
            "SystemRoot", "C:\\Windows",
            "windir", "C:\\Windows",
            "ProgramFiles", "C:\\Program Files",
            "ProgramFiles(x86)", "C:\\Program Files (x86)",
            "ProgramData", "C:\\ProgramData");

    private WindowsEnvironment() {}
}
