package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.ptr.IntByReference;
import io.agent7.agent.collect.windows.accounts.NetSessionDocs;
import io.agent7.agent.collect.windows.accounts.SmbSession;
import io.agent7.schema.Values;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SMB sessions to this host: NetSessionEnum level 502, which needs Administrators or Server
 * Operators; level 10, which any user may read, when the server answers ERROR_ACCESS_DENIED.
 */
public final class SmbSessionsReader {

    public List<SmbSession> read() {
        NetApi api = NetApi.Holder.INSTANCE;
        List<SmbSession> sessions;
        try {
            sessions = level502(api);
        } catch (NetBuffers.NetApiException e) {
            if (e.status() != NetApi.ERROR_ACCESS_DENIED) {
                throw e;
            }
            sessions = level10(api);
        }
        List<SmbSession> resolved = new ArrayList<>(sessions.size());
        for (SmbSession session : sessions) {
            resolved.add(resolve(session));
        }
        return resolved;
    }

    /**
     * A client given by name (only NetBIOS sessions on port 139 are) gets the address the host's
     * resolver finds for it, as the server itself would; a name that no longer resolves gets none.
     */
    private static SmbSession resolve(SmbSession session) {
        String client = NetSessionDocs.client(session.clientName());
        if (client == null || Values.canonicalIp(client) != null) {
            return session;
        }
        try {
            return session.withResolvedIp(InetAddress.getByName(client).getHostAddress());
        } catch (UnknownHostException e) {
            return session;
        }
    }

    private static List<SmbSession> level502(NetApi api) {
        List<SmbSession> sessions = new ArrayList<>();
        IntByReference resume = new IntByReference();
        NetBuffers.enumerate(
                "NetSessionEnum(502)",
                (buffer, read) -> api.NetSessionEnum(
                        null, null, null, 502, buffer, NetApi.MAX_PREFERRED_LENGTH, read, new IntByReference(), resume),
                new SessionInfo502().size(),
                entry -> {
                    SessionInfo502 info = new SessionInfo502(entry);
                    sessions.add(new SmbSession(
                            502,
                            Wide.string(info.sesi502_cname),
                            Wide.string(info.sesi502_username),
                            info.sesi502_num_opens,
                            info.sesi502_time,
                            info.sesi502_idle_time,
                            info.sesi502_user_flags,
                            Wide.string(info.sesi502_cltype_name),
                            Wide.string(info.sesi502_transport),
                            null));
                });
        return sessions;
    }

    private static List<SmbSession> level10(NetApi api) {
        List<SmbSession> sessions = new ArrayList<>();
        IntByReference resume = new IntByReference();
        NetBuffers.enumerate(
                "NetSessionEnum(10)",
                (buffer, read) -> api.NetSessionEnum(
                        null, null, null, 10, buffer, NetApi.MAX_PREFERRED_LENGTH, read, new IntByReference(), resume),
                new SessionInfo10().size(),
                entry -> {
                    SessionInfo10 info = new SessionInfo10(entry);
                    sessions.add(SmbSession.level10(
                            Wide.string(info.sesi10_cname),
                            Wide.string(info.sesi10_username),
                            info.sesi10_time,
                            info.sesi10_idle_time));
                });
        return sessions;
    }
}
