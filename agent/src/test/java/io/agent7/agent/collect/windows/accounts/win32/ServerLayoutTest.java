package io.agent7.agent.collect.windows.accounts.win32;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Structure;
import java.lang.reflect.Method;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The x64 layouts of lmshare.h's share and session structures and winspool.h's PRINTER_INFO_2, with MSVC's natural alignment. */
class ServerLayoutTest {

    @ParameterizedTest
    @CsvSource({
        // SHARE_INFO_502: LMSTR netname; DWORD type (+4); LMSTR remark; DWORD permissions, max_uses,
        // current_uses (+4); LMSTR path, passwd; DWORD reserved (+4); PSECURITY_DESCRIPTOR: 72 bytes
        "ShareInfo502, shi502_netname, 0, 72",
        "ShareInfo502, shi502_type, 8, 72",
        "ShareInfo502, shi502_remark, 16, 72",
        "ShareInfo502, shi502_permissions, 24, 72",
        "ShareInfo502, shi502_max_uses, 28, 72",
        "ShareInfo502, shi502_current_uses, 32, 72",
        "ShareInfo502, shi502_path, 40, 72",
        "ShareInfo502, shi502_passwd, 48, 72",
        "ShareInfo502, shi502_reserved, 56, 72",
        "ShareInfo502, shi502_security_descriptor, 64, 72",
        // SHARE_INFO_1: LMSTR netname; DWORD type (+4); LMSTR remark
        "ShareInfo1, shi1_netname, 0, 24",
        "ShareInfo1, shi1_type, 8, 24",
        "ShareInfo1, shi1_remark, 16, 24",
        // SESSION_INFO_502: LPWSTR cname, username; DWORD num_opens, time, idle_time, user_flags;
        // LPWSTR cltype_name, transport: 48 bytes
        "SessionInfo502, sesi502_cname, 0, 48",
        "SessionInfo502, sesi502_username, 8, 48",
        "SessionInfo502, sesi502_num_opens, 16, 48",
        "SessionInfo502, sesi502_time, 20, 48",
        "SessionInfo502, sesi502_idle_time, 24, 48",
        "SessionInfo502, sesi502_user_flags, 28, 48",
        "SessionInfo502, sesi502_cltype_name, 32, 48",
        "SessionInfo502, sesi502_transport, 40, 48",
        // SESSION_INFO_10: LPWSTR cname, username; DWORD time, idle_time: 24 bytes
        "SessionInfo10, sesi10_cname, 0, 24",
        "SessionInfo10, sesi10_username, 8, 24",
        "SessionInfo10, sesi10_time, 16, 24",
        "SessionInfo10, sesi10_idle_time, 20, 24",
        // PRINTER_INFO_2 (winspool.h): 13 pointers (0 to 96), then DWORD Attributes 104, Priority,
        // DefaultPriority, StartTime, UntilTime, Status 124, cJobs, AveragePPM 132: 136 bytes
        "PrinterInfo2, pServerName, 0, 136",
        "PrinterInfo2, pPrinterName, 8, 136",
        "PrinterInfo2, pShareName, 16, 136",
        "PrinterInfo2, pPortName, 24, 136",
        "PrinterInfo2, pDriverName, 32, 136",
        "PrinterInfo2, pComment, 40, 136",
        "PrinterInfo2, pLocation, 48, 136",
        "PrinterInfo2, pDevMode, 56, 136",
        "PrinterInfo2, pSepFile, 64, 136",
        "PrinterInfo2, pPrintProcessor, 72, 136",
        "PrinterInfo2, pDatatype, 80, 136",
        "PrinterInfo2, pParameters, 88, 136",
        "PrinterInfo2, pSecurityDescriptor, 96, 136",
        "PrinterInfo2, Attributes, 104, 136",
        "PrinterInfo2, Priority, 108, 136",
        "PrinterInfo2, DefaultPriority, 112, 136",
        "PrinterInfo2, StartTime, 116, 136",
        "PrinterInfo2, UntilTime, 120, 136",
        "PrinterInfo2, Status, 124, 136",
        "PrinterInfo2, cJobs, 128, 136",
        "PrinterInfo2, AveragePPM, 132, 136"
    })
    void structuresMatchTheHeaders(String structure, String field, int offset, int size) throws Exception {
        Structure layout = switch (structure) {
            case "ShareInfo502" -> new ShareInfo502();
            case "SessionInfo502" -> new SessionInfo502();
            case "SessionInfo10" -> new SessionInfo10();
            case "PrinterInfo2" -> new PrinterInfo2();
            default -> new ShareInfo1();
        };
        assertThat(layout.size()).isEqualTo(size);
        Method fieldOffset = Structure.class.getDeclaredMethod("fieldOffset", String.class);
        fieldOffset.setAccessible(true);
        assertThat((int) fieldOffset.invoke(layout, field)).isEqualTo(offset);
    }
}
