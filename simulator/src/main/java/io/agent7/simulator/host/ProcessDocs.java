package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** {@code process} documents: what {@link io.agent7.agent.collect.ProcessCollector} reports, plus image details. */
final class ProcessDocs {

    private ProcessDocs() {}

    static List<ObjectNode> build(HostState h) {
        List<Proc> procs = h.processes.all();
        Map<Integer, Proc> byPid = new HashMap<>(procs.size() * 2);
        for (Proc p : procs) {
            byPid.put(p.pid(), p);
        }
        List<ObjectNode> docs = new ArrayList<>(procs.size());
        for (Proc p : procs) {
            Proc parent = byPid.get(p.ppid());
            // A parent that started later is a newer process that got the exited parent's pid.
            docs.add(document(h, p, parent != null && parent.start() <= p.start() ? parent : null));
        }
        return docs;
    }

    private static ObjectNode document(HostState h, Proc proc, Proc parent) {
        Program program = h.programs.get(proc.program());
        ObjectNode doc = Json.doc();
        ObjectNode process = doc.putObject("process");
        process.put("pid", proc.pid());
        Json.date(process, "start", proc.start());
        ObjectNode parentNode = process.putObject("parent");
        parentNode.put("pid", proc.ppid());
        if (parent != null) {
            parentNode.put("name", name(h, parent));
        }
        process.put("name", name(h, proc));
        ImageFields.ofProcess(process, h, proc, program);
        Principal user = h.principal(proc.user());
        ObjectNode userNode = process.putObject("user");
        userNode.put("name", user.qualified());
        userNode.put("id", user.id());
        return doc;
    }

    static String name(HostState h, Proc proc) {
        Program program = h.programs.get(proc.program());
        return ProcessVars.expand(program.name(), ProcessVars.of(h, proc, program, false));
    }
}
