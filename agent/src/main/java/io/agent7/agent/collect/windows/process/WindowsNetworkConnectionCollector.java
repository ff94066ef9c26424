package io.agent7.agent.collect.windows.process;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.windows.process.win32.ConnectionTableReader;
import io.agent7.agent.collect.windows.process.win32.ProcessReader;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** {@code network_connection} on Windows: the IP Helper socket tables and the processes owning them. */
public final class WindowsNetworkConnectionCollector implements Collector {

    private final DataType type;

    public WindowsNetworkConnectionCollector(Schema schema) {
        this.type = schema.require("network_connection");
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        ConnectionTables tables = ConnectionTableReader.read();
        Set<Integer> pids = new HashSet<>();
        tables.tcp().forEach(r -> pids.add(r.owningPid()));
        tables.tcp6().forEach(r -> pids.add(r.owningPid()));
        tables.udp().forEach(r -> pids.add(r.owningPid()));
        tables.udp6().forEach(r -> pids.add(r.owningPid()));
        // Only the owners are opened: a host has far more processes than processes with sockets.
        ProcessReader reader = new ProcessReader(false);
        List<ProcessRecord> owners = new ArrayList<>();
        for (ProcessEntry entry : ProcessReader.snapshot()) {
            if (entry.pid() != 0 && pids.contains(entry.pid())) {
                owners.add(reader.read(entry));
            }
        }
        return NetworkConnections.documents(tables, ProcessOwners.byPid(owners));
    }
}
