package io.agent7.agent.collect;

import io.agent7.schema.DataType;
import io.agent7.schema.Documents;
import io.agent7.schema.Schema;
import io.agent7.schema.Values;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;
import tools.jackson.databind.node.ObjectNode;

/**
 * Running processes, through OSHI (procfs on Linux, the Win32 process APIs on Windows).
 * A process is identified by pid and start time: the start time comes from the kernel's
 * boot time plus the process's start ticks, so it is the same on every collection and a
 * recycled pid is a different process.
 */
public final class ProcessCollector implements Collector {

    private final OperatingSystem os;

    private final DataType type;

    public ProcessCollector(Schema schema, OperatingSystem os) {
        this.type = schema.require("process");
        this.os = os;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        List<OSProcess> processes = os.getProcesses();
        List<ObjectNode> documents = new ArrayList<>(processes.size());
        for (OSProcess p : processes) {
            if (p.getStartTime() <= 0) {
                continue; // exited while we were reading it
            }
            documents.add(document(p));
        }
        return documents;
    }

    static ObjectNode document(OSProcess p) {
        ObjectNode doc = Documents.object();
        ObjectNode process = doc.putObject("process");
        process.put("pid", p.getProcessID());
        process.put("start", Values.formatDate(Instant.ofEpochMilli(p.getStartTime())));
        process.putObject("parent").put("pid", p.getParentProcessID());
        putText(process, "name", p.getName());
        putText(process, "executable", p.getPath());
        putText(process, "command_line", p.getCommandLine());
        List<String> args = p.getArguments();
        if (args != null && !args.isEmpty()) {
            var array = process.putArray("args");
            args.forEach(array::add);
            process.put("args_count", args.size());
        }
        putText(process, "working_directory", p.getCurrentWorkingDirectory());
        ObjectNode user = Documents.object();
        putText(user, "name", p.getUser());
        putText(user, "id", p.getUserID());
        if (!user.isEmpty()) {
            process.set("user", user);
        }
        return doc;
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }
}
