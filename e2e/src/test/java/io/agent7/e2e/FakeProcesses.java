package io.agent7.e2e;

import io.agent7.agent.collect.Collector;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A process collector whose processes the test decides: pid → name. What the agent does with
 * them (diffs, spool, retries) is the real code.
 */
final class FakeProcesses implements Collector {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String START = "2026-11-28T10:00:00.000Z";

    /** The first pid {@link #replaceAnOriginal} gives; the pids below are a host's originals. */
    static final int FIRST_NEW_PID = 1000;

    private final Map<Integer, String> processes = new TreeMap<>();
    private final Set<Integer> everSet = new TreeSet<>();
    private int nextPid = FIRST_NEW_PID;

    /** A host running processes 1 to {@code count}, named p1, p2, ... */
    static FakeProcesses running(int count) {
        FakeProcesses host = new FakeProcesses();
        for (int pid = 1; pid <= count; pid++) {
            host.set(pid, "p" + pid);
        }
        return host;
    }

    synchronized void set(int pid, String name) {
        processes.put(pid, name);
        everSet.add(pid);
    }

    /**
     * One of the original processes ends and a new one starts. Only originals end: each new one
     * lives until the test ends, so every process counted is one the agent did collect.
     */
    synchronized void replaceAnOriginal() {
        List<Integer> originals = new ArrayList<>(processes.keySet());
        originals.removeIf(pid -> pid >= FIRST_NEW_PID);
        processes.remove(originals.get(ThreadLocalRandom.current().nextInt(originals.size())));
        set(nextPid, "p" + nextPid);
        nextPid++;
    }

    /** Every pid this host has had. */
    synchronized Set<Integer> everSeen() {
        return new TreeSet<>(everSet);
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
