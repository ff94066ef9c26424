package io.agent7.agent.collect.windows.process;

import io.agent7.agent.collect.Doc;
import io.agent7.agent.collect.windows.FileTimes;
import io.agent7.agent.collect.windows.WindowsCommandLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code process} documents from a process snapshot.
 *
 * <p>A process is identified by pid and start time. Windows recycles pids at once, so a
 * parent is named only when it started before its child: a later one got the exited
 * parent's pid. A process that could not be opened has no creation time; the kernel's own
 * processes (System, and Secure System or Registry, whose parent is System) started at boot
 * and get the boot time. Any other unopened process cannot be told apart from a later one
 * with its pid and is left out. The System Idle Process (pid 0) is no process at all.
 */
public final class ProcessDocuments {

    static final int SYSTEM_PID = 4;

    /** SECURITY_MANDATORY_LABEL_AUTHORITY: the integrity levels' SIDs are S-1-16-RID. */
    private static final String MANDATORY_LABEL = "S-1-16-";

    private ProcessDocuments() {}

    /**
     * One document per process.
     *
     * @param images   the facts of an image path, or null when unknown
     * @param bootTime when the host started, for the kernel's processes
     */
    public static List<ObjectNode> documents(
            List<ProcessRecord> processes, Function<String, ImageFacts> images, Instant bootTime) {
        Map<Integer, ProcessRecord> byPid = new HashMap<>(processes.size() * 2);
        for (ProcessRecord p : processes) {
            byPid.put(p.entry().pid(), p);
        }
        List<ObjectNode> documents = new ArrayList<>(processes.size());
        for (ProcessRecord p : processes) {
            Optional<Instant> start = start(p, bootTime);
            if (p.entry().pid() != 0 && start.isPresent()) {
                documents.add(
                        document(p, start.get(), parent(p, byPid.get(p.entry().parentPid()), bootTime), images));
            }
        }
        return documents;
    }

    private static ObjectNode document(
            ProcessRecord p, Instant start, ProcessRecord parent, Function<String, ImageFacts> images) {
        Doc doc = new Doc()
                .number("process.pid", p.entry().pid())
                .date("process.start", start)
                .number("process.parent.pid", p.entry().parentPid())
                .text(
                        "process.parent.name",
                        parent == null ? null : parent.entry().exeFile())
                .text("process.name", p.entry().exeFile())
                .text("process.executable", p.imagePath())
                .text("process.user.name", Accounts.qualifiedName(p.user()))
                .text("process.user.id", p.user() == null ? null : p.user().sid())
                .text("process.integrity_level", integrityLevel(p.integritySid()));
        if (p.commandLine() != null && !p.commandLine().isBlank()) {
            List<String> args = WindowsCommandLine.split(p.commandLine());
            doc.text("process.command_line", p.commandLine())
                    .texts("process.args", args)
                    .number("process.args_count", args.size());
        }
        ImageFacts facts = p.imagePath() == null ? null : images.apply(p.imagePath());
        if (facts != null) {
            facts.write(doc);
        }
        return doc.build();
    }

    static Optional<Instant> start(ProcessRecord p, Instant bootTime) {
        Optional<Instant> created = FileTimes.instant(p.creationTime());
        if (created.isPresent()) {
            return created;
        }
        int pid = p.entry().pid();
        boolean kernels = pid == SYSTEM_PID || p.entry().parentPid() == SYSTEM_PID && pid != 0;
        return kernels ? Optional.ofNullable(bootTime) : Optional.empty();
    }

    /** The process that started {@code child}, or null when its pid now belongs to a younger one. */
    private static ProcessRecord parent(ProcessRecord child, ProcessRecord candidate, Instant bootTime) {
        if (candidate == null || candidate == child || candidate.entry().pid() == 0) {
            return null;
        }
        Optional<Instant> parentStart = start(candidate, bootTime);
        Optional<Instant> childStart = start(child, bootTime);
        if (parentStart.isEmpty() || childStart.isEmpty()) {
            return null;
        }
        return parentStart.get().isAfter(childStart.get()) ? null : candidate;
    }

    /**
     * The level of a mandatory label SID (S-1-16-RID) as a word. Windows compares labels by
     * RID, so a RID between two named levels counts as the lower one: medium plus (8448) is
     * medium. Null for a missing or malformed label.
     */
    static String integrityLevel(String sid) {
        if (sid == null || !sid.startsWith(MANDATORY_LABEL)) {
            return null;
        }
        long rid;
        try {
            rid = Long.parseLong(sid.substring(MANDATORY_LABEL.length()));
        } catch (NumberFormatException e) {
            return null;
        }
        if (rid < 0) {
            return null;
        }
        if (rid < 0x1000) {
            return "untrusted";
        }
        if (rid < 0x2000) {
            return "low";
        }
        if (rid < 0x3000) {
            return "medium";
        }
        if (rid < 0x4000) {
            return "high";
        }
        return rid < 0x5000 ? "system" : "protected";
    }
}
