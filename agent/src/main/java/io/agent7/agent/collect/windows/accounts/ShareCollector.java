package io.agent7.agent.collect.windows.accounts;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.accounts.win32.SharesReader;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/** The host's SMB shares (NetShareEnum) with their share permissions. */
public final class ShareCollector implements Collector {

    private final DataType type;
    private final Supplier<List<ShareInfo>> shares;

    public ShareCollector(Schema schema) {
        this(schema, () -> new SharesReader().read());
    }

    ShareCollector(Schema schema, Supplier<List<ShareInfo>> shares) {
        this.type = schema.require("share");
        this.shares = shares;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        return ShareDocs.documents(shares.get());
    }
}
