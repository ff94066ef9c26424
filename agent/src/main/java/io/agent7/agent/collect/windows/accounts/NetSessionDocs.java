package io.agent7.agent.collect.windows.accounts;

import io.agent7.agent.collect.Doc;
import io.agent7.schema.Values;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code net_session} documents from NetSessionEnum: SMB sessions to this host's server service
 * on port 445. The client is given as {@code \\10.1.2.3}, {@code \\[fe80::1]} or, for a client
 * that connected by NetBIOS name, {@code \\WS-0042}: an address is the source IP, a name the
 * source address with the IP it resolved to. The schema knows a session by its client's IP, so a
 * session whose client name resolved to none cannot be stored and is left out.
 */
public final class NetSessionDocs {

    private static final int SESS_GUEST = 0x1;
    private static final int SMB_PORT = 445;

    private NetSessionDocs() {}

    public static List<ObjectNode> documents(List<SmbSession> sessions) {
        List<ObjectNode> docs = new ArrayList<>(sessions.size());
        for (SmbSession session : sessions) {
            String client = client(session.clientName());
            String literal = ip(client);
            String ip = literal != null ? literal : session.resolvedIp() == null ? null : ip(session.resolvedIp());
            if (ip == null) {
                continue;
            }
            Doc doc = new Doc()
                    .text("network.protocol", "smb")
                    .text("source.ip", ip)
                    .text("source.address", literal == null ? client : null)
                    .number("destination.port", SMB_PORT)
                    .text("user.name", session.userName())
                    .number("net_session.active_time", Integer.toUnsignedLong(session.activeSeconds()))
                    .number("net_session.idle_time", Integer.toUnsignedLong(session.idleSeconds()));
            if (session.level() == 502) {
                doc.text("net_session.client_type", session.clientType())
                        .number("net_session.open_files", Integer.toUnsignedLong(session.openFiles()))
                        .bool("net_session.guest", (session.userFlags() & SESS_GUEST) != 0);
            }
            docs.add(doc.build());
        }
        return docs;
    }

    /** The client without the {@code \\} the server puts before it, nor an IPv6 address's brackets. */
    public static String client(String clientName) {
        if (clientName == null) {
            return null;
        }
        String client = clientName.startsWith("\\\\") ? clientName.substring(2) : clientName;
        if (client.startsWith("[") && client.endsWith("]")) {
            client = client.substring(1, client.length() - 1);
        }
        return client;
    }

    /** The client as an IP address in the schema's one text form, or null when it is a name. */
    static String ip(String client) {
        return client == null ? null : Values.canonicalIp(client);
    }
}
