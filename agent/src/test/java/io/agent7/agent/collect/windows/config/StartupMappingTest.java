package io.agent7.agent.collect.windows.config;

import static io.agent7.agent.collect.Fields.assertConforms;
import static io.agent7.agent.collect.windows.config.ServiceMappingTest.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class StartupMappingTest {

    static final String RUN = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run";
    static final String RUN32 = "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Run";
    static final String HKCU_RUN = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    static final String WINLOGON = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon";
    static final String COMMON_STARTUP = "C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp";
    static final String USER_SID = "S-1-5-21-1004336348-1177238915-682003330-1001";

    static final StartupMapping MAPPING = new StartupMapping(
            Map.of("windir", "C:\\Windows", "SystemRoot", "C:\\Windows"),
            Set.of("C:\\Windows\\explorer.exe")::contains);

    static StartupValue registry(String location, String name, String source, String data, Integer approved) {
        return new StartupValue(location, name, source, data, null, approved, null, null, null, null);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                arguments(
                        "an HKLM Run value of REG_EXPAND_SZ, expanded for the program only",
                        registry(
                                RUN,
                                "SecurityHealth",
                                "registry_run",
                                "%windir%\\system32\\SecurityHealthSystray.exe",
                                null),
                        List.of("""
                        {"startup_item": {"name": "SecurityHealth", "location": "%s", "source": "registry_run",
                          "scope": "machine", "enabled": true, "privileged": false},
                         "process": {"command_line": "%%windir%%\\\\system32\\\\SecurityHealthSystray.exe",
                          "executable": "C:\\\\Windows\\\\system32\\\\SecurityHealthSystray.exe",
                          "args": ["C:\\\\Windows\\\\system32\\\\SecurityHealthSystray.exe"], "args_count": 1}}
                        """.formatted(json(RUN)))),
                arguments(
                        "a 32-bit view Run value disabled in Task Manager (StartupApproved 03)",
                        registry(
                                RUN32,
                                "Cisco Secure Client - AnyConnect VPN",
                                "registry_run",
                                "\"C:\\Program Files (x86)\\Cisco\\Cisco Secure Client\\UI\\csc_ui.exe\" -minimized",
                                0x03),
                        List.of("""
                        {"startup_item": {"name": "Cisco Secure Client - AnyConnect VPN", "location": "%s",
                          "source": "registry_run", "scope": "machine", "enabled": false, "privileged": false},
                         "process": {"command_line": "\\"C:\\\\Program Files (x86)\\\\Cisco\\\\Cisco Secure Client\\\\UI\\\\csc_ui.exe\\" -minimized",
                          "executable": "C:\\\\Program Files (x86)\\\\Cisco\\\\Cisco Secure Client\\\\UI\\\\csc_ui.exe",
                          "args": ["C:\\\\Program Files (x86)\\\\Cisco\\\\Cisco Secure Client\\\\UI\\\\csc_ui.exe", "-minimized"],
                          "args_count": 2}}
                        """.formatted(json(RUN32)))),
                arguments(
                        "a user hive's Run value with an unquoted path with spaces, for a non-ASCII user",
                        new StartupValue(
                                HKCU_RUN,
                                "Sync Tool",
                                "registry_run",
                                "C:\\Users\\Zoë\\AppData\\Roaming\\Sync Tool\\sync.exe --autorun",
                                null,
                                0x02,
                                null,
                                USER_SID,
                                "Zoë",
                                "WS-0042"),
                        List.of("""
                        {"startup_item": {"name": "Sync Tool", "location": "%s", "source": "registry_run",
                          "scope": "user", "enabled": true, "privileged": false},
                         "process": {"command_line": "C:\\\\Users\\\\Zoë\\\\AppData\\\\Roaming\\\\Sync Tool\\\\sync.exe --autorun",
                          "executable": "C:\\\\Users\\\\Zoë\\\\AppData\\\\Roaming\\\\Sync Tool\\\\sync.exe",
                          "args": ["C:\\\\Users\\\\Zoë\\\\AppData\\\\Roaming\\\\Sync Tool\\\\sync.exe", "--autorun"],
                          "args_count": 2},
                         "user": {"name": "Zoë", "id": "%s", "domain": "WS-0042"}}
                        """.formatted(json(HKCU_RUN), USER_SID))),
                arguments(
                        "a user hive whose account no longer resolves keeps its SID",
                        new StartupValue(
                                HKCU_RUN + "Once",
                                "cleanup",
                                "registry_runonce",
                                "C:\\Temp\\c.cmd",
                                null,
                                null,
                                null,
                                USER_SID,
                                null,
                                null),
                        List.of("""
                        {"startup_item": {"name": "cleanup", "location": "%sOnce", "source": "registry_runonce",
                          "scope": "user", "enabled": true, "privileged": false},
                         "process": {"command_line": "C:\\\\Temp\\\\c.cmd", "executable": "C:\\\\Temp\\\\c.cmd",
                          "args": ["C:\\\\Temp\\\\c.cmd"], "args_count": 1},
                         "user": {"id": "%s"}}
                        """.formatted(json(HKCU_RUN), USER_SID))),
                arguments(
                        "Winlogon Userinit with a program appended: one item per program",
                        registry(
                                WINLOGON,
                                "Userinit",
                                "winlogon",
                                "C:\\Windows\\system32\\userinit.exe,C:\\ProgramData\\upd.exe,",
                                null),
                        List.of("""
                        {"startup_item": {"name": "Userinit", "location": "%s", "source": "winlogon",
                          "scope": "machine", "enabled": true, "privileged": false},
                         "process": {"command_line": "C:\\\\Windows\\\\system32\\\\userinit.exe",
                          "executable": "C:\\\\Windows\\\\system32\\\\userinit.exe",
                          "args": ["C:\\\\Windows\\\\system32\\\\userinit.exe"], "args_count": 1}}
                        """.formatted(json(WINLOGON)), """
                        {"startup_item": {"name": "Userinit", "location": "%s", "source": "winlogon",
                          "scope": "machine", "enabled": true, "privileged": false},
                         "process": {"command_line": "C:\\\\ProgramData\\\\upd.exe",
                          "executable": "C:\\\\ProgramData\\\\upd.exe",
                          "args": ["C:\\\\ProgramData\\\\upd.exe"], "args_count": 1}}
                        """.formatted(json(WINLOGON)))),
                arguments(
                        "Winlogon Shell as a bare name, found in the Windows folder",
                        registry(WINLOGON, "Shell", "winlogon", "explorer.exe", null),
                        List.of("""
                        {"startup_item": {"name": "Shell", "location": "%s", "source": "winlogon",
                          "scope": "machine", "enabled": true, "privileged": false},
                         "process": {"command_line": "explorer.exe", "executable": "C:\\\\Windows\\\\explorer.exe",
                          "args": ["explorer.exe"], "args_count": 1}}
                        """.formatted(json(WINLOGON)))),
                arguments(
                        "a shortcut in the all-users Startup folder",
                        new StartupValue(
                                COMMON_STARTUP,
                                "Map Network Drives.lnk",
                                "startup_folder",
                                null,
                                new ShellLink(
                                        "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                                        null,
                                        null,
                                        null,
                                        "%windir%",
                                        "-NoProfile -File \\\\corp.example\\NETLOGON\\map-drives.ps1",
                                        null),
                                null,
                                null,
                                null,
                                null,
                                null),
                        List.of("""
                        {"startup_item": {"name": "Map Network Drives.lnk", "location": "%s", "source": "startup_folder",
                          "scope": "machine", "enabled": true, "privileged": false},
                         "process": {"command_line": "\\"C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe\\" -NoProfile -File \\\\\\\\corp.example\\\\NETLOGON\\\\map-drives.ps1",
                          "executable": "C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe",
                          "args": ["C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe", "-NoProfile", "-File",
                            "\\\\\\\\corp.example\\\\NETLOGON\\\\map-drives.ps1"],
                          "args_count": 4, "working_directory": "C:\\\\Windows"}}
                        """.formatted(json(COMMON_STARTUP)))),
                arguments(
                        "an Active Setup component not yet run for users is disabled",
                        new StartupValue(
                                "HKLM\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components\\{6BF52A52-394A-11d3-B153-00C04F79FAA6}",
                                "Microsoft Windows Media Player",
                                "active_setup",
                                "%SystemRoot%\\system32\\unregmp2.exe /FirstLogon",
                                null,
                                null,
                                0,
                                null,
                                null,
                                null),
                        List.of("""
                        {"startup_item": {"name": "Microsoft Windows Media Player",
                          "location": "HKLM\\\\SOFTWARE\\\\Microsoft\\\\Active Setup\\\\Installed Components\\\\{6BF52A52-394A-11d3-B153-00C04F79FAA6}",
                          "source": "active_setup", "scope": "machine", "enabled": false, "privileged": false},
                         "process": {"command_line": "%SystemRoot%\\\\system32\\\\unregmp2.exe /FirstLogon",
                          "executable": "C:\\\\Windows\\\\system32\\\\unregmp2.exe",
                          "args": ["C:\\\\Windows\\\\system32\\\\unregmp2.exe", "/FirstLogon"], "args_count": 2}}
                        """)),
                arguments(
                        "an empty Run value is an item without a command",
                        registry(RUN, "Empty", "registry_run", "", null),
                        List.of("""
                        {"startup_item": {"name": "Empty", "location": "%s", "source": "registry_run",
                          "scope": "machine", "enabled": true, "privileged": false}}
                        """.formatted(json(RUN)))));
    }

    /** A Windows path written inside a JSON string. */
    static String json(String path) {
        return path.replace("\\", "\\\\");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void mapsWhatStartsWithWindows(String why, StartupValue value, List<String> expected) {
        List<ObjectNode> docs = MAPPING.documents(value);

        assertThat(docs.stream().map(ServiceMappingTest::parsed).toList())
                .containsExactlyElementsOf(expected.stream()
                        .map(JSON::readTree)
                        .map(JsonNode.class::cast)
                        .toList());
        docs.forEach(doc -> assertConforms("startup_item", doc));
    }
}
