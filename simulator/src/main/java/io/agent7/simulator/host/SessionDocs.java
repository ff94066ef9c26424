package io.agent7.simulator.host;

import io.agent7.agent.collect.windows.FileTimes;
import io.agent7.agent.collect.windows.accounts.LoggedOnUserDocs;
import io.agent7.agent.collect.windows.accounts.LogonSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code logged_on_user} documents: console and RDP sessions on Windows, made by the Windows
 * collectors' mapping from the logon sessions LSA would report, and SSH sessions on Linux.
 */
final class SessionDocs {

    /** SECURITY_LOGON_TYPE Interactive and RemoteInteractive. */
    private static final int INTERACTIVE = 2;

    private static final int REMOTE_INTERACTIVE = 10;

    private SessionDocs() {}

    static List<ObjectNode> build(HostState h) {
        List<ObjectNode> docs = new ArrayList<>();
        HostProfile p = h.profile;
        if (p.windows) {
            return LoggedOnUserDocs.documents(windowsSessions(h));
        }
        for (Session s : h.sessions) {
            Principal user = h.principal(s.user());
            ObjectNode doc = Json.doc();
            ObjectNode userNode = doc.putObject("user");
            userNode.put("name", user.name());
            Json.text(userNode, "domain", user.domain());
            userNode.put("id", user.id());
            ObjectNode session = doc.putObject("logged_on_user");
            String terminal = "pts/" + s.number();
            session.put("session_id", terminal);
            session.put("logon_type", s.remote() ? "remote_interactive" : "interactive");
            Json.date(session, "logon_time", s.logon());
            session.put("terminal", terminal);
            if (s.remote()) {
                ObjectNode source = doc.putObject("source");
                source.put("ip", Org.ipText(s.source()));
                source.put("address", Org.ipText(s.source()));
            }
            docs.add(doc);
        }
        return docs;
    }

    /**
     * The host's sessions as LsaGetLogonSessionData and WTSQuerySessionInformation would give
     * them: a console logon (type 2) or a remote desktop one (type 10) on its window station,
     * authenticated by Kerberos at the site's domain controller.
     */
    private static List<LogonSession> windowsSessions(HostState h) {
        HostProfile p = h.profile;
        List<LogonSession> sessions = new ArrayList<>();
        for (Session s : h.sessions) {
            Principal user = h.principal(s.user());
            boolean remote = s.remote();
            sessions.add(new LogonSession(
                    s.key(),
                    user.name(),
                    user.domain(),
                    "Kerberos",
                    remote ? REMOTE_INTERACTIVE : INTERACTIVE,
                    s.number(),
                    user.id(),
                    FileTimes.ticks(Instant.ofEpochMilli(s.logon())),
                    p.site.domainController(),
                    null,
                    null,
                    remote ? "RDP-Tcp#" + (s.key() % 40) : "Console",
                    remote ? "ADMWS-" + String.format(Locale.ROOT, "%03d", s.source() & 0xff) : null,
                    remote ? Org.ipText(s.source()) : null));
        }
        return sessions;
    }
}
