package io.agent7.agent.collect.windows.accounts.win32;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Structure;
import java.lang.reflect.Method;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The x64 layouts of the LSA and WTS structures logged_on_user reads, against ntsecapi.h and wtsapi32.h. */
class LogonLayoutTest {

    @ParameterizedTest
    @CsvSource({
        // SECURITY_LOGON_SESSION_DATA (ntsecapi.h) to Upn: ULONG Size; LUID LogonId (DWORD, LONG:
        // 4-aligned, at 4); LSA_UNICODE_STRING UserName (8-aligned: at 16), LogonDomain 32,
        // AuthenticationPackage 48; ULONG LogonType 64, Session 68; PSID Sid 72; LARGE_INTEGER
        // LogonTime 80; LSA_UNICODE_STRING LogonServer 88, DnsDomainName 104, Upn 120: 136 bytes
        "SecurityLogonSessionData, Size, 0, 136",
        "SecurityLogonSessionData, LogonId, 4, 136",
        "SecurityLogonSessionData, UserName, 16, 136",
        "SecurityLogonSessionData, LogonDomain, 32, 136",
        "SecurityLogonSessionData, AuthenticationPackage, 48, 136",
        "SecurityLogonSessionData, LogonType, 64, 136",
        "SecurityLogonSessionData, Session, 68, 136",
        "SecurityLogonSessionData, Sid, 72, 136",
        "SecurityLogonSessionData, LogonTime, 80, 136",
        "SecurityLogonSessionData, LogonServer, 88, 136",
        "SecurityLogonSessionData, DnsDomainName, 104, 136",
        "SecurityLogonSessionData, Upn, 120, 136",
        // LSA_UNICODE_STRING: USHORT Length, MaximumLength; PWSTR Buffer (8-aligned)
        "LsaUnicodeString, Length, 0, 16",
        "LsaUnicodeString, MaximumLength, 2, 16",
        "LsaUnicodeString, Buffer, 8, 16",
        // WTS_CLIENT_ADDRESS (wtsapi32.h): DWORD AddressFamily; BYTE Address[20]
        "WtsClientAddress, AddressFamily, 0, 24",
        "WtsClientAddress, Address, 4, 24"
    })
    void structuresMatchTheHeaders(String structure, String field, int offset, int size) throws Exception {
        Structure layout = switch (structure) {
            case "SecurityLogonSessionData" -> new SecurityLogonSessionData();
            case "LsaUnicodeString" -> new LsaUnicodeString();
            default -> new WtsClientAddress();
        };
        assertThat(layout.size()).isEqualTo(size);
        Method fieldOffset = Structure.class.getDeclaredMethod("fieldOffset", String.class);
        fieldOffset.setAccessible(true);
        assertThat((int) fieldOffset.invoke(layout, field)).isEqualTo(offset);
    }
}
