package io.agent7.agent.collect.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The file system a collector reads: "/" on a host, a fixture tree in tests. Every path the
 * collectors know is absolute ({@code /etc/passwd}); this maps it under the root and back,
 * and reads files so that an unreadable or vanished file is simply absent.
 */
final class Root {

    private final Path dir;
    private final boolean live;

    Root(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        this.live = this.dir.getParent() == null;
    }

    /** Whether this is the running system's own root, so commands such as systemctl describe it. */
    boolean isLive() {
        return live;
    }

    /** The file at an absolute path of the host, e.g. {@code at("/etc/passwd")}. */
    Path at(String absolute) {
        int start = 0;
        while (start < absolute.length() && absolute.charAt(start) == '/') {
            start++;
        }
        return start == absolute.length() ? dir : dir.resolve(absolute.substring(start));
    }

    /** The host's absolute path of a file below the root: the inverse of {@link #at}. */
    String show(Path file) {
        Path relative = dir.relativize(file.toAbsolutePath().normalize());
        String text = relative.toString();
        return text.isEmpty() ? "/" : "/" + text;
    }

    /**
     * Where a symbolic link points, as a path below the root: absolute link targets are the
     * host's paths, so they are mapped under the root rather than followed on this machine.
     * Null when the file is no link or cannot be read.
     */
    Path linkTarget(Path link) {
        try {
            Path target = Files.readSymbolicLink(link);
            return target.isAbsolute()
                    ? at(target.toString())
                    : link.resolveSibling(target).normalize();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** The raw target text of a symbolic link, or null. */
    static String linkText(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** The whole file as UTF-8 (malformed bytes replaced), or null when it cannot be read. */
    static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | OutOfMemoryError | SecurityException e) {
            return null;
        }
    }

    /** The file's lines, without line ends; empty when it cannot be read. */
    static List<String> lines(Path file) {
        String text = read(file);
        return text == null ? List.of() : splitLines(text);
    }

    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            lines.add(text.substring(start, stop));
            start = end + 1;
        }
        return lines;
    }

    /** The first line of a file, trimmed; null when absent or empty. */
    static String firstLine(Path file) {
        String text = read(file);
        if (text == null) {
            return null;
        }
        int end = text.indexOf('\n');
        String line = (end < 0 ? text : text.substring(0, end)).trim();
        return line.isEmpty() ? null : line;
    }

    /** The entries of a directory, sorted by name; empty when it is missing or unreadable. */
    static List<Path> list(Path directory) {
        List<Path> entries = new ArrayList<>();
        try (var stream = Files.newDirectoryStream(directory)) {
            for (Path entry : stream) {
                entries.add(entry);
            }
        } catch (IOException | RuntimeException e) {
            return entries;
        }
        entries.sort(null);
        return entries;
    }

    static boolean isDirectory(Path path) {
        return Files.isDirectory(path);
    }

    static boolean isRegularFile(Path path) {
        return Files.isRegularFile(path);
    }

    static boolean isSymbolicLink(Path path) {
        return Files.isSymbolicLink(path);
    }

    static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
