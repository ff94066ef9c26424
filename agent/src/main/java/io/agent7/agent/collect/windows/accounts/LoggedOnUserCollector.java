package io.agent7.agent.collect.windows.accounts;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.accounts.win32.LogonSessionsReader;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/** The users logged on now, from LSA's logon sessions. */
public final class LoggedOnUserCollector implements Collector {

    private final DataType type;
    private final Supplier<List<LogonSession>> sessions;

    public LoggedOnUserCollector(Schema schema) {
        this(schema, () -> new LogonSessionsReader().read());
    }

    LoggedOnUserCollector(Schema schema, Supplier<List<LogonSession>> sessions) {
        this.type = schema.require("logged_on_user");
        this.sessions = sessions;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        return LoggedOnUserDocs.documents(sessions.get());
    }
}
