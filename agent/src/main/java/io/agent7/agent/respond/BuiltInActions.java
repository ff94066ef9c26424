package io.agent7.agent.respond;

import io.agent7.agent.collect.Collector;
import io.agent7.protocol.Command;
import io.agent7.schema.JsonTrees;
import io.agent7.schema.Values;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The actions that need no shell and no executable: what runs, kill one process, a file's facts
 * and hash, a file's bytes, a directory's entries, a collection now. Each writes JSON lines (a
 * file's bytes as they are) to the command's output and answers 0, or 1 with a line
 * {@code {"error": ...}} that says why nothing was done.
 */
public final class BuiltInActions {

    /** How far a process's start time may differ between two readings of it: the kernel counts in 10 ms ticks. */
    static final Duration START_TOLERANCE = Duration.ofSeconds(1);

    /** This host's processes, as the agent sees them. */
    public interface Processes {
        /** The process list, as the process collector reports it. */
        List<ObjectNode> list();

        /** When process {@code pid} started, or empty when there is none. */
        Optional<Instant> startOf(long pid);

        /** Kills {@code pid} at once (SIGKILL, TerminateProcess); false when it was already gone. */
        boolean kill(long pid);
    }

    /** Asks the agent to collect a type now; false when this host has no collector of it. */
    public interface CollectNow {
        boolean request(String type);
    }

    private final Processes processes;
    private final CollectNow collectNow;

    public BuiltInActions(Processes processes, CollectNow collectNow) {
        this.processes = processes;
        this.collectNow = collectNow;
    }

    /** {@link Processes} through a process collector and {@link ProcessHandle}. */
    public static Processes processes(Collector collector, java.util.function.LongFunction<Optional<Instant>> startOf) {
        return new Processes() {
            @Override
            public List<ObjectNode> list() {
                return collector.collect();
            }

            @Override
            public Optional<Instant> startOf(long pid) {
                return startOf.apply(pid);
            }

            @Override
            public boolean kill(long pid) {
                return ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false);
            }
        };
    }

    /** Runs a built-in {@code command}; its output goes to {@code output}. The exit code: 0 done, 1 refused or failed. */
    int run(Command command, CappedOutput output) throws IOException {
        return switch (command.action()) {
            case PROCESS_LIST -> processList(output);
            case KILL_PROCESS -> kill(command, output);
            case FILE_INFO -> fileInfo(path(command, output), output);
            case GET_FILE -> getFile(path(command, output), command.outputCap(), output);
            case LIST_DIRECTORY -> listDirectory(path(command, output), output);
            case COLLECT_NOW -> collectNow(command, output);
            case RUN -> throw new IllegalArgumentException("run is not a built-in action");
        };
    }

    private int processList(CappedOutput output) {
        for (ObjectNode process : processes.list()) {
            output.line(JsonTrees.string(process));
        }
        return 0;
    }

    private int kill(Command command, CappedOutput output) {
        long pid;
        Instant start;
        try {
            pid = Long.parseLong(command.param("pid").orElse(""));
            start = Instant.parse(command.param("start").orElse(""));
        } catch (NumberFormatException | DateTimeParseException e) {
            return error(
                    output,
                    "kill_process needs pid (a number) and start (the process's start time, as the process list"
                            + " gives it), got pid '" + command.param("pid").orElse("") + "' and start '"
                            + command.param("start").orElse("") + "'");
        }
        Optional<Instant> actual = processes.startOf(pid);
        if (actual.isEmpty()) {
            return error(output, "no process " + pid + " runs: nothing was killed");
        }
        if (Duration.between(actual.get(), start).abs().compareTo(START_TOLERANCE) > 0) {
            return error(
                    output,
                    "process " + pid + " started at " + Values.formatDate(actual.get()) + ", not "
                            + Values.formatDate(start) + ": the pid was reused, and the new process was not killed");
        }
        if (!processes.kill(pid)) {
            return error(output, "process " + pid + " ended before it could be killed");
        }
        output.line(JsonTrees.string(object().put("killed", pid).put("start", Values.formatDate(actual.get()))));
        return 0;
    }

    private int fileInfo(Path path, CappedOutput output) throws IOException {
        if (path == null) {
            return 1;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return error(output, path + " does not exist");
        }
        ObjectNode file = entry(path, attributes);
        file.put("path", path.toString());
        try {
            file.put("owner", Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName());
        } catch (IOException | UnsupportedOperationException e) {
            // no owner to tell on this file system
        }
        if (attributes.isRegularFile()) {
            file.put("sha256", sha256(path));
        }
        output.line(JsonTrees.string(file));
        return 0;
    }

    private int getFile(Path path, long cap, CappedOutput output) throws IOException {
        if (path == null) {
            return 1;
        }
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return error(output, path + " is not a regular file");
        }
        long size = Files.size(path);
        if (size > cap) {
            return error(
                    output, path + " holds " + size + " bytes, more than the " + cap + " this command may bring back");
        }
        try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                output.write(buffer, n);
            }
        }
        return 0;
    }

    private int listDirectory(Path path, CappedOutput output) throws IOException {
        if (path == null) {
            return 1;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return error(output, path + " is not a directory");
        }
        List<Path> children = new ArrayList<>();
        try (Stream<Path> list = Files.list(path)) {
            list.forEach(children::add);
        }
        children.sort(null);
        for (Path child : children) {
            try {
                output.line(JsonTrees.string(entry(
                        child, Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS))));
            } catch (NoSuchFileException gone) {
                // removed while listed
            }
        }
        return 0;
    }

    private int collectNow(Command command, CappedOutput output) {
        String type = command.param("type").orElse("");
        if (type.isBlank()) {
            return error(output, "collect_now needs type, the data type to collect");
        }
        if (!collectNow.request(type)) {
            return error(output, "this host has no " + type + " collector");
        }
        output.line(JsonTrees.string(object().put("collecting", type)));
        return 0;
    }

    /** The command's path parameter: absolute and normalised, or null after writing why not. */
    private static Path path(Command command, CappedOutput output) {
        String text = command.param("path").orElse("");
        Path path;
        try {
            path = Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            error(output, "path '" + text + "' is not a path on this host");
            return null;
        }
        if (text.isBlank() || !path.isAbsolute()) {
            error(output, command.action().wire() + " needs an absolute path, got '" + text + "'");
            return null;
        }
        return path.normalize();
    }

    private static ObjectNode entry(Path path, BasicFileAttributes attributes) {
        ObjectNode entry = object();
        Path name = path.getFileName();
        entry.put("name", name == null ? path.toString() : name.toString());
        entry.put(
                "type",
                attributes.isRegularFile()
                        ? "file"
                        : attributes.isDirectory() ? "dir" : attributes.isSymbolicLink() ? "symlink" : "other");
        entry.put("size", attributes.size());
        entry.put("mtime", Values.formatDate(attributes.lastModifiedTime().toInstant()));
        return entry;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static int error(CappedOutput output, String why) {
        output.line(JsonTrees.string(object().put("error", why)));
        return 1;
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
