package io.agent7.agent.collect.windows.accounts;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.accounts.win32.LocalAccountsReader;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/** The host's local groups (NetLocalGroupEnum) and their members. */
public final class LocalGroupCollector implements Collector {

    private final DataType type;
    private final Supplier<LocalAccounts> accounts;

    public LocalGroupCollector(Schema schema) {
        this(schema, () -> new LocalAccountsReader(Clock.systemUTC()).read(false));
    }

    LocalGroupCollector(Schema schema, Supplier<LocalAccounts> accounts) {
        this.type = schema.require("local_group");
        this.accounts = accounts;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        return LocalGroupDocs.documents(accounts.get());
    }
}
