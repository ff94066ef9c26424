package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/** {@code logged_on_user} documents: console and RDP sessions on Windows, SSH sessions on Linux. */
final class SessionDocs {

    private SessionDocs() {}

    static List<ObjectNode> build(HostState h) {
        List<ObjectNode> docs = new ArrayList<>();
        HostProfile p = h.profile;
        for (Session s : h.sessions) {
            Principal user = h.principal(s.user());
            ObjectNode doc = Json.doc();
            ObjectNode userNode = doc.putObject("user");
            userNode.put("name", user.name());
            Json.text(userNode, "domain", user.domain());
            userNode.put("id", user.id());
            ObjectNode session = doc.putObject("logged_on_user");
            String terminal = p.windows ? (s.remote() ? "RDP-Tcp#" + (s.key() % 40) : "Console") : "pts/" + s.number();
            session.put("session_id", p.windows ? Integer.toString(s.number()) : terminal);
            session.put("logon_type", s.remote() ? "remote_interactive" : "interactive");
            Json.date(session, "logon_time", s.logon());
            session.put("terminal", terminal);
            if (p.windows) {
                session.put("logon_server", p.site.domainController());
                session.put("auth_package", "Kerberos");
            }
            if (s.remote()) {
                ObjectNode source = doc.putObject("source");
                source.put("ip", Org.ipText(s.source()));
                source.put(
                        "address",
                        p.windows
                                ? "ADMWS-" + String.format(Locale.ROOT, "%03d", s.source() & 0xff)
                                : Org.ipText(s.source()));
            }
            docs.add(doc);
        }
        return docs;
    }
}
