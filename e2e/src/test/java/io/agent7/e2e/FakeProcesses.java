package io.agent7.e2e;

import io.agent7.agent.collect.Collector;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A process collector whose processes the test decides: pid → name. What the agent does with
 * them (diffs, spool, retries) is the real code.
 */
final class FakeProcesses implements Collector {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String START = "2026-11-28T10:00:00.000Z";

    private final Map<Integer, String> processes = new TreeMap<>();

    synchronized void set(int pid, String name) {
        processes.put(pid, name);
    }

    synchronized void remove(int pid) {
        processes.remove(pid);
    }

    synchronized Map<Integer, String> current() {
        return new TreeMap<>(processes);
    }

    @Override
    public DataType type() {
        return Schema.standard().require("process");
    }

    @Override
    public synchronized List<ObjectNode> collect() {
        List<ObjectNode> documents = new ArrayList<>();
        processes.forEach((pid, name) -> {
            ObjectNode doc = JSON.createObjectNode();
            doc.putObject("process").put("pid", pid).put("start", START).put("name", name);
            documents.add(doc);
        });
        return documents;
    }
}
