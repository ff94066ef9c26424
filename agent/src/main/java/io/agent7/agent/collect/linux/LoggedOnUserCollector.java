package io.agent7.agent.collect.linux;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.Doc;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sessions now: the USER_PROCESS records of utmp, as {@code who} lists them. A session with a
 * recorded remote host (ssh, telnet) is remote; an X display such as ":0" is local.
 */
public final class LoggedOnUserCollector implements Collector {

    private final Root root;

    private final DataType type;

    public LoggedOnUserCollector(Schema schema, Path root) {
        this.type = schema.require("logged_on_user");
        this.root = new Root(root);
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        Path utmp = root.at("/var/run/utmp");
        if (!Root.exists(utmp)) {
            utmp = root.at("/run/utmp");
        }
        List<Utmp.Record> sessions = new ArrayList<>();
        Utmp.forEach(utmp, record -> {
            if (record.type() == Utmp.USER_PROCESS && !record.user().isEmpty()) {
                sessions.add(record);
            }
        });
        if (sessions.isEmpty()) {
            return List.of();
        }
        Accounts accounts = Accounts.load(root);
        String hostName = HostName.of(root);
        List<ObjectNode> documents = new ArrayList<>(sessions.size());
        for (Utmp.Record session : sessions) {
            boolean remote = !session.host().isEmpty() && session.host().charAt(0) != ':';
            documents.add(new Doc()
                    .account(session.user(), accounts.id(session.user()), accounts.domain(session.user(), hostName))
                    .text("logged_on_user.session_id", session.line())
                    .text("logged_on_user.terminal", session.line())
                    .text("logged_on_user.logon_type", remote ? "remote_interactive" : "interactive")
                    .date("logged_on_user.logon_time", session.time())
                    .text("source.address", session.host())
                    .text("source.ip", session.ip())
                    .build());
        }
        return documents;
    }
}
