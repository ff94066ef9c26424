package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.WinNT;

/**
 * {@code SECURITY_LOGON_SESSION_DATA} of ntsecapi.h, which LsaGetLogonSessionData allocates, up
 * to {@code Upn}: the fields present since Windows XP. Vista added more after Upn (UserFlags,
 * LastLogonInfo, ProfilePath ...) which the collector does not read; leaving them out keeps a
 * read within any version's allocation. On x64: Size at 0, the LUID (two 4-byte halves, 4-aligned)
 * at 4, then the strings from 16, LogonType 64, Session 68, Sid 72, LogonTime 80, LogonServer 88,
 * DnsDomainName 104, Upn 120, 136 bytes in all.
 */
@Structure.FieldOrder({
    "Size",
    "LogonId",
    "UserName",
    "LogonDomain",
    "AuthenticationPackage",
    "LogonType",
    "Session",
    "Sid",
    "LogonTime",
    "LogonServer",
    "DnsDomainName",
    "Upn"
})
public class SecurityLogonSessionData extends Structure {
    public int Size;
    public WinNT.LUID LogonId;
    public LsaUnicodeString.ByValue UserName;
    public LsaUnicodeString.ByValue LogonDomain;
    public LsaUnicodeString.ByValue AuthenticationPackage;
    public int LogonType;
    public int Session;
    public Pointer Sid;
    public long LogonTime;
    public LsaUnicodeString.ByValue LogonServer;
    public LsaUnicodeString.ByValue DnsDomainName;
    public LsaUnicodeString.ByValue Upn;

    public SecurityLogonSessionData() {}

    SecurityLogonSessionData(Pointer memory) {
        super(memory);
        read();
    }

    public int offsetOf(String field) {
        return fieldOffset(field);
    }
}
