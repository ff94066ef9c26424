package io.agent7.agent.collect.windows.accounts;

/**
 * One logon session: the fields of {@code SECURITY_LOGON_SESSION_DATA} (LsaGetLogonSessionData)
 * that describe it, and for a session on a window station what WTSQuerySessionInformation adds.
 *
 * @param logonId the LUID, as one 64-bit value (HighPart << 32 | LowPart)
 * @param userName {@code UserName}
 * @param logonDomain {@code LogonDomain}: the NetBIOS domain or the computer name
 * @param authenticationPackage {@code AuthenticationPackage}: Kerberos, NTLM, Negotiate ...
 * @param logonType {@code LogonType}: a SECURITY_LOGON_TYPE (2 interactive, 3 network ...)
 * @param session {@code Session}: the Terminal Services session id
 * @param sid {@code Sid} in text form, null when LSA gives none
 * @param logonTime {@code LogonTime}: FILETIME ticks
 * @param logonServer {@code LogonServer}
 * @param dnsDomainName {@code DnsDomainName}
 * @param upn {@code Upn}
 * @param winStationName WTSWinStationName of the session (Console, RDP-Tcp#3), null if not read
 * @param clientName WTSClientName: the remote desktop client's computer name
 * @param clientAddress WTSClientAddress in text form, null when there is none
 */
public record LogonSession(
        long logonId,
        String userName,
        String logonDomain,
        String authenticationPackage,
        int logonType,
        int session,
        String sid,
        long logonTime,
        String logonServer,
        String dnsDomainName,
        String upn,
        String winStationName,
        String clientName,
        String clientAddress) {

    static final int INTERACTIVE = 2;
    static final int REMOTE_INTERACTIVE = 10;

    /** Whether the logon sits on a window station a person uses (console or remote desktop). */
    public boolean onWindowStation() {
        return logonType == INTERACTIVE || logonType == REMOTE_INTERACTIVE || logonType == 11 || logonType == 12;
    }
}
