package io.agent7.agent.collect.windows.accounts;

/**
 * One inbound SMB session of NetSessionEnum: level 502 ({@code SESSION_INFO_502}) when the agent
 * may read it, else level 10 ({@code SESSION_INFO_10}: client, user and times only).
 *
 * @param level 502 or 10: which fields the API gave
 * @param clientName {@code sesi502_cname}: the client's address or name, usually with a leading
 *     {@code \\}
 * @param userName {@code sesi502_username}: empty for a null session
 * @param openFiles {@code sesi502_num_opens}
 * @param activeSeconds {@code sesi502_time}: seconds the session has been established
 * @param idleSeconds {@code sesi502_idle_time}
 * @param userFlags {@code sesi502_user_flags}: SESS_GUEST (1), SESS_NOENCRYPTION (2)
 * @param clientType {@code sesi502_cltype_name}
 * @param transport {@code sesi502_transport}
 * @param resolvedIp for a client given by name (a NetBIOS session on port 139), the address the
 *     host's resolver gives for it; null when the client is given as an address or did not resolve
 */
public record SmbSession(
        int level,
        String clientName,
        String userName,
        int openFiles,
        int activeSeconds,
        int idleSeconds,
        int userFlags,
        String clientType,
        String transport,
        String resolvedIp) {

    /** A session NetSessionEnum gave at level 10 only. */
    public static SmbSession level10(String clientName, String userName, int activeSeconds, int idleSeconds) {
        return new SmbSession(10, clientName, userName, 0, activeSeconds, idleSeconds, 0, null, null, null);
    }

    /** The same session with the address its client's name resolved to. */
    public SmbSession withResolvedIp(String ip) {
        return new SmbSession(
                level,
                clientName,
                userName,
                openFiles,
                activeSeconds,
                idleSeconds,
                userFlags,
                clientType,
                transport,
                ip);
    }
}
