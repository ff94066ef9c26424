package io.agent7.agent.collect.windows.config;

import static io.agent7.agent.collect.Fields.assertConforms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ServiceMappingTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final ServiceMapping MAPPING = new ServiceMapping(
            "WS-0042",
            Map.of("SystemRoot", "C:\\Windows", "ProgramFiles", "C:\\Program Files"),
            path -> path.equalsIgnoreCase("C:\\Windows\\System32\\svchost.exe"));

    private static WindowsService service(
            String name,
            String display,
            int type,
            int state,
            int pid,
            int start,
            String image,
            List<String> dependencies,
            String account,
            String description,
            Boolean delayed,
            String dll,
            String sid) {
        return new WindowsService(
                new ServiceEntry(name, display, type, state, pid, 0),
                new ServiceConfig(type, start, image, null, dependencies, account),
                description,
                delayed,
                dll,
                sid);
    }

    /** Services as EnumServicesStatusEx, QueryServiceConfig(2) and the registry give them, and their documents. */
    static Stream<Arguments> rows() {
        return Stream.of(
                arguments(
                        "a svchost-hosted service, delayed auto start, its ServiceDll expanded",
                        service(
                                "DPS",
                                "Diagnostic Policy Service",
                                0x20,
                                4,
                                1234,
                                2,
                                "%SystemRoot%\\System32\\svchost.exe -k LocalServiceNoNetwork -p",
                                List.of("RpcSs"),
                                "NT AUTHORITY\\LocalService",
                                "The Diagnostic Policy Service enables problem detection.",
                                true,
                                "%SystemRoot%\\system32\\dps.dll",
                                "S-1-5-19"),
                        """
                        {"service": {"name": "DPS", "display_name": "Diagnostic Policy Service",
                          "description": "The Diagnostic Policy Service enables problem detection.",
                          "state": "running", "start_type": "delayed_auto", "type": "share_process",
                          "dependencies": ["RpcSs"], "pid": 1234,
                          "unit_file": "HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\DPS",
                          "service_dll": "C:\\\\Windows\\\\system32\\\\dps.dll", "privileged": false},
                         "process": {"command_line": "%SystemRoot%\\\\System32\\\\svchost.exe -k LocalServiceNoNetwork -p",
                          "executable": "C:\\\\Windows\\\\System32\\\\svchost.exe",
                          "args": ["C:\\\\Windows\\\\System32\\\\svchost.exe", "-k", "LocalServiceNoNetwork", "-p"],
                          "args_count": 4},
                         "user": {"name": "LocalService", "id": "S-1-5-19", "domain": "NT AUTHORITY"}}
                        """),
                arguments(
                        "an unquoted ImagePath with spaces, as LocalSystem",
                        service(
                                "VendorAgent",
                                "Vendor Agent",
                                0x10,
                                4,
                                4242,
                                2,
                                "C:\\Program Files\\Vendor App\\agent.exe -service",
                                List.of(),
                                "LocalSystem",
                                null,
                                false,
                                null,
                                null),
                        """
                        {"service": {"name": "VendorAgent", "display_name": "Vendor Agent", "state": "running",
                          "start_type": "auto", "type": "own_process", "pid": 4242,
                          "unit_file": "HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\VendorAgent",
                          "privileged": true},
                         "process": {"command_line": "C:\\\\Program Files\\\\Vendor App\\\\agent.exe -service",
                          "executable": "C:\\\\Program Files\\\\Vendor App\\\\agent.exe",
                          "args": ["C:\\\\Program Files\\\\Vendor App\\\\agent.exe", "-service"], "args_count": 2},
                         "user": {"name": "LocalSystem", "id": "S-1-5-18"}}
                        """),
                arguments(
                        "a boot kernel driver under \\SystemRoot\\, whose start name is no account",
                        service(
                                "ACPI",
                                "Microsoft ACPI Driver",
                                0x1,
                                4,
                                0,
                                0,
                                "\\SystemRoot\\System32\\drivers\\ACPI.sys",
                                List.of(),
                                "\\Driver\\ACPI",
                                null,
                                false,
                                null,
                                null),
                        """
                        {"service": {"name": "ACPI", "display_name": "Microsoft ACPI Driver", "state": "running",
                          "start_type": "boot", "type": "kernel_driver",
                          "unit_file": "HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\ACPI"},
                         "process": {"command_line": "\\\\SystemRoot\\\\System32\\\\drivers\\\\ACPI.sys",
                          "executable": "C:\\\\Windows\\\\System32\\\\drivers\\\\ACPI.sys",
                          "args": ["\\\\SystemRoot\\\\System32\\\\drivers\\\\ACPI.sys"], "args_count": 1}}
                        """),
                arguments(
                        "a file system driver with a path relative to the system root and a load order group dependency",
                        service(
                                "FltMgr",
                                "FltMgr",
                                0x2,
                                4,
                                0,
                                0,
                                "system32\\drivers\\fltmgr.sys",
                                List.of("+FSFilter Infrastructure", "Mup"),
                                "",
                                null,
                                null,
                                null,
                                null),
                        """
                        {"service": {"name": "FltMgr", "display_name": "FltMgr", "state": "running",
                          "start_type": "boot", "type": "file_system_driver",
                          "dependencies": ["+FSFilter Infrastructure", "Mup"],
                          "unit_file": "HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\FltMgr"},
                         "process": {"command_line": "system32\\\\drivers\\\\fltmgr.sys",
                          "executable": "C:\\\\Windows\\\\system32\\\\drivers\\\\fltmgr.sys",
                          "args": ["system32\\\\drivers\\\\fltmgr.sys"], "args_count": 1}}
                        """),
                arguments(
                        "a local account written .\\name, a \\??\\ path, a non-ASCII display name, stopped and manual",
                        service(
                                "Sauvegarde",
                                "Sauvegarde planifiée",
                                0x10,
                                1,
                                0,
                                3,
                                "\\??\\C:\\Outils\\sauvegarde.exe /nuit",
                                List.of(),
                                ".\\sauvegardeur",
                                "Copie les données chaque nuit.",
                                true,
                                null,
                                "S-1-5-21-1004336348-1177238915-682003330-1013"),
                        """
                        {"service": {"name": "Sauvegarde", "display_name": "Sauvegarde planifiée",
                          "description": "Copie les données chaque nuit.", "state": "stopped",
                          "start_type": "manual", "type": "own_process",
                          "unit_file": "HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\Sauvegarde"},
                         "process": {"command_line": "\\\\??\\\\C:\\\\Outils\\\\sauvegarde.exe /nuit",
                          "executable": "C:\\\\Outils\\\\sauvegarde.exe",
                          "args": ["\\\\??\\\\C:\\\\Outils\\\\sauvegarde.exe", "/nuit"], "args_count": 2},
                         "user": {"name": "sauvegardeur", "id": "S-1-5-21-1004336348-1177238915-682003330-1013",
                          "domain": "WS-0042"}}
                        """),
                arguments(
                        "a virtual account whose lookup failed, its SID computed from the service name",
                        service(
                                "MSSQLSERVER",
                                "SQL Server (MSSQLSERVER)",
                                0x10,
                                7,
                                3100,
                                2,
                                "\"C:\\Program Files\\Microsoft SQL Server\\MSSQL16.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe\" -sMSSQLSERVER",
                                List.of(),
                                "NT Service\\MSSQLSERVER",
                                null,
                                false,
                                null,
                                null),
                        """
                        {"service": {"name": "MSSQLSERVER", "display_name": "SQL Server (MSSQLSERVER)",
                          "state": "paused", "start_type": "auto", "type": "own_process", "pid": 3100,
                          "unit_file": "HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\MSSQLSERVER",
                          "privileged": false},
                         "process": {"command_line": "\\"C:\\\\Program Files\\\\Microsoft SQL Server\\\\MSSQL16.MSSQLSERVER\\\\MSSQL\\\\Binn\\\\sqlservr.exe\\" -sMSSQLSERVER",
                          "executable": "C:\\\\Program Files\\\\Microsoft SQL Server\\\\MSSQL16.MSSQLSERVER\\\\MSSQL\\\\Binn\\\\sqlservr.exe",
                          "args": ["C:\\\\Program Files\\\\Microsoft SQL Server\\\\MSSQL16.MSSQLSERVER\\\\MSSQL\\\\Binn\\\\sqlservr.exe", "-sMSSQLSERVER"],
                          "args_count": 2},
                         "user": {"name": "MSSQLSERVER", "domain": "NT Service",
                          "id": "S-1-5-80-3880718306-3832830129-1677859214-2598158968-1052248003"}}
                        """),
                arguments(
                        "a domain account that no longer resolves: no id, and no guess at its privilege",
                        service(
                                "Reporting",
                                "Reporting",
                                0x10,
                                1,
                                0,
                                4,
                                "C:\\Apps\\report.exe",
                                List.of("Tcpip", "Afd"),
                                "CORP\\svc-report",
                                null,
                                false,
                                null,
                                null),
                        """
                        {"service": {"name": "Reporting", "display_name": "Reporting", "state": "stopped",
                          "start_type": "disabled", "type": "own_process", "dependencies": ["Tcpip", "Afd"],
                          "unit_file": "HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\Reporting"},
                         "process": {"command_line": "C:\\\\Apps\\\\report.exe", "executable": "C:\\\\Apps\\\\report.exe",
                          "args": ["C:\\\\Apps\\\\report.exe"], "args_count": 1},
                         "user": {"name": "svc-report", "domain": "CORP"}}
                        """),
                arguments(
                        "a per-user service instance (SERVICE_USER_OWN_PROCESS | SERVICE_USERSERVICE_INSTANCE)",
                        service(
                                "OneSyncSvc_4f1a2",
                                "Sync Host_4f1a2",
                                0xE0,
                                2,
                                0,
                                2,
                                "C:\\Windows\\system32\\svchost.exe -k UnistackSvcGroup",
                                List.of(),
                                "",
                                null,
                                true,
                                null,
                                null),
                        """
                        {"service": {"name": "OneSyncSvc_4f1a2", "display_name": "Sync Host_4f1a2",
                          "state": "start_pending", "start_type": "delayed_auto", "type": "share_process",
                          "unit_file": "HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\OneSyncSvc_4f1a2"},
                         "process": {"command_line": "C:\\\\Windows\\\\system32\\\\svchost.exe -k UnistackSvcGroup",
                          "executable": "C:\\\\Windows\\\\system32\\\\svchost.exe",
                          "args": ["C:\\\\Windows\\\\system32\\\\svchost.exe", "-k", "UnistackSvcGroup"],
                          "args_count": 3}}
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void mapsWhatTheServiceControlManagerReturns(String why, WindowsService service, String expected) {
        ObjectNode doc = MAPPING.document(service);

        assertThat(parsed(doc)).isEqualTo(JSON.readTree(expected));
        assertConforms("service", doc);
    }

    @Test
    void mapsOnlyTheListingOfAServiceThatRefusesItsConfiguration() {
        WindowsService refused = new WindowsService(
                new ServiceEntry(
                        "WdNisSvc", "Microsoft Defender Antivirus Network Inspection Service", 0x10, 4, 880, 0),
                null,
                null,
                null,
                null,
                null);

        assertThat(parsed(MAPPING.document(refused))).isEqualTo(JSON.readTree("""
                {"service": {"name": "WdNisSvc",
                  "display_name": "Microsoft Defender Antivirus Network Inspection Service",
                  "state": "running", "type": "own_process", "pid": 880,
                  "unit_file": "HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\WdNisSvc"}}
                """));
    }

    /** The document as the server reads it: numbers compare by value, not by the node type that built them. */
    static JsonNode parsed(ObjectNode doc) {
        return JSON.readTree(doc.toString());
    }

    @Test
    void leavesOutStatesAndStartTypesWindowsDoesNotDocument() {
        assertThat(ServiceMapping.state(0)).isNull();
        assertThat(ServiceMapping.state(8)).isNull();
        assertThat(ServiceMapping.startType(5, null)).isNull();
        assertThat(ServiceMapping.startType(3, true)).isEqualTo("manual");
        assertThat(ServiceMapping.type(0x8)).isNull();
    }
}
