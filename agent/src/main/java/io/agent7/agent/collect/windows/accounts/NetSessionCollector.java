package io.agent7.agent.collect.windows.accounts;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.accounts.win32.SmbSessionsReader;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/** The SMB sessions clients hold to this host (NetSessionEnum). */
public final class NetSessionCollector implements Collector {

    private final DataType type;
    private final Supplier<List<SmbSession>> sessions;

    public NetSessionCollector(Schema schema) {
        this(schema, () -> new SmbSessionsReader().read());
    }

    NetSessionCollector(Schema schema, Supplier<List<SmbSession>> sessions) {
        this.type = schema.require("net_session");
        this.sessions = sessions;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        return NetSessionDocs.documents(sessions.get());
    }
}
