package io.agent7.agent.collect.windows.process;

import io.agent7.agent.collect.Doc;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code pipe} documents from the named pipe directory. The listing tells a pipe's name and
 * how many instances exist; it does not tell which process serves it, and learning that
 * would mean connecting to the pipe, taking an instance from its real clients.
 */
public final class Pipes {

    static final String PIPE_ROOT = "\\\\.\\pipe\\";

    private Pipes() {}

    public static List<ObjectNode> documents(List<PipeEntry> entries) {
        Set<String> seen = new HashSet<>();
        List<ObjectNode> documents = new ArrayList<>(entries.size());
        for (PipeEntry entry : entries) {
            String name = entry.fileName();
            // Pipe names compare without regard to case; a listing taken while pipes come and go may repeat one.
            if (name == null || name.isEmpty() || !seen.add(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            Doc doc = new Doc()
                    .text("pipe.name", name)
                    .text("pipe.type", "named_pipe")
                    .text("file.path", PIPE_ROOT + name);
            if (entry.fileSize() >= 0) {
                doc.number("pipe.current_instances", entry.fileSize());
            }
            documents.add(doc.build());
        }
        return documents;
    }
}
