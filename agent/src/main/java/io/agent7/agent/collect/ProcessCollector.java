package io.agent7.agent.collect;

import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
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

    /** The document of a process, in the stored form the server's normaliser gives (numbers are longs). */
    static ObjectNode document(OSProcess p) {
        List<String> args = p.getArguments();
        Doc doc = new Doc()
                .number("process.pid", p.getProcessID())
                .date("process.start", Instant.ofEpochMilli(p.getStartTime()))
                .number("process.parent.pid", p.getParentProcessID())
                .text("process.name", p.getName())
                .text("process.executable", p.getPath())
                .text("process.command_line", p.getCommandLine())
                .texts("process.args", args)
                .text("process.working_directory", p.getCurrentWorkingDirectory())
                .text("process.user.name", p.getUser())
                .text("process.user.id", p.getUserID());
        if (args != null && !args.isEmpty()) {
            doc.number("process.args_count", args.size());
        }
        return doc.build();
    }
}
