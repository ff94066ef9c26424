package io.agent7.simulator.host;

import io.agent7.agent.collect.windows.FileTimes;
import io.agent7.agent.collect.windows.process.ImageFacts;
import io.agent7.agent.collect.windows.process.ProcessDocuments;
import io.agent7.agent.collect.windows.process.ProcessEntry;
import io.agent7.agent.collect.windows.process.ProcessRecord;
import io.agent7.agent.collect.windows.process.TokenUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code process} documents. A Windows host's are the agent's own mapping of the records its
 * reader would return (see {@link ProcessDocuments}); a Linux host's are what
 * {@link io.agent7.agent.collect.ProcessCollector} reports, plus image details.
 */
final class ProcessDocs {

    /** winerror.h ERROR_ACCESS_DENIED: what OpenProcess answers for the kernel's minimal processes. */
    private static final int ERROR_ACCESS_DENIED = 5;

    /** The System process: the kernel, which has no image file but opens with its token. */
    private static final int SYSTEM_PID = 4;

    /** Mandatory label SIDs: SECURITY_MANDATORY_SYSTEM_RID and SECURITY_MANDATORY_MEDIUM_RID. */
    private static final String SYSTEM_LEVEL = "S-1-16-16384";

    private static final String MEDIUM_LEVEL = "S-1-16-8192";

    private ProcessDocs() {}

    static List<ObjectNode> build(HostState h) {
        return h.profile.windows ? windows(h) : linux(h);
    }

    /**
     * The snapshot as the Windows reader gives it: System opened without an image, the other
     * kernel processes (Registry, Memory Compression) not opened at all, every other process
     * with its image, command line and account. The image facts are those of the file at the
     * path now, as the agent's cache reads them: a process that started before its program was
     * updated shows the new file's hash, unless the version is part of the path.
     */
    private static List<ObjectNode> windows(HostState h) {
        List<Proc> procs = h.processes.all();
        List<ProcessRecord> records = new ArrayList<>(procs.size());
        Map<String, ImageFacts> images = new HashMap<>();
        Map<Integer, TokenUser> users = new HashMap<>();
        for (Proc proc : procs) {
            Program program = h.programs.get(proc.program());
            ProcessEntry entry = new ProcessEntry(proc.pid(), proc.ppid(), 1, name(h, proc));
            if (!program.hasImage()) {
                records.add(
                        proc.pid() == SYSTEM_PID
                                ? new ProcessRecord(
                                        entry, null, null, user(h, users, proc), SYSTEM_LEVEL, ticks(proc.start()), 0)
                                : ProcessRecord.unopened(entry, ERROR_ACCESS_DENIED));
                continue;
            }
            Function<String, String> vars = ProcessVars.of(h, proc, program, false);
            String executable = ProcessVars.expand(program.path(), vars);
            images.computeIfAbsent(executable, path -> facts(h, proc, program, path));
            TokenUser user = user(h, users, proc);
            records.add(new ProcessRecord(
                    entry,
                    executable,
                    ProcessVars.expand(program.command(), vars),
                    user,
                    integrityLevel(user),
                    ticks(proc.start()),
                    0));
        }
        return ProcessDocuments.documents(records, images::get, Instant.ofEpochMilli(h.boot));
    }

    private static ImageFacts facts(HostState h, Proc proc, Program program, String executable) {
        boolean versionedPath = program.path().contains("{ver}");
        int level = versionedPath ? proc.ver() : h.productLevel(program.product(), h.clock);
        return ImageFields.facts(
                executable,
                ProcessVars.expand(program.path(), ProcessVars.of(h, proc, program, true)),
                h.productVersion(program.product(), level),
                program.company(),
                program.description(),
                !program.product().equals("planted"));
    }

    /**
     * The token's mandatory label: SYSTEM, the service accounts and the window managers' and
     * font drivers' virtual accounts (S-1-5-90, S-1-5-96) run at system level, everyone else at
     * medium (the simulator does not elevate).
     */
    private static String integrityLevel(TokenUser user) {
        String sid = user.sid();
        boolean system = sid.equals("S-1-5-18")
                || sid.equals("S-1-5-19")
                || sid.equals("S-1-5-20")
                || sid.startsWith("S-1-5-90-")
                || sid.startsWith("S-1-5-96-");
        return system ? SYSTEM_LEVEL : MEDIUM_LEVEL;
    }

    private static TokenUser user(HostState h, Map<Integer, TokenUser> users, Proc proc) {
        return users.computeIfAbsent(proc.user(), code -> {
            Principal p = h.principal(code);
            return new TokenUser(p.id(), p.name(), p.domain());
        });
    }

    private static long ticks(long epochMillis) {
        return FileTimes.ticks(Instant.ofEpochMilli(epochMillis));
    }

    private static List<ObjectNode> linux(HostState h) {
        List<Proc> procs = h.processes.all();
        Map<Integer, Proc> byPid = new HashMap<>(procs.size() * 2);
        for (Proc p : procs) {
            byPid.put(p.pid(), p);
        }
        List<ObjectNode> docs = new ArrayList<>(procs.size());
        for (Proc p : procs) {
            Proc parent = byPid.get(p.ppid());
            // A parent that started later is a newer process that got the exited parent's pid.
            docs.add(linuxDocument(h, p, parent != null && parent.start() <= p.start() ? parent : null));
        }
        return docs;
    }

    private static ObjectNode linuxDocument(HostState h, Proc proc, Proc parent) {
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
        ImageFields.ofLinuxProcess(process, h, proc, program);
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
