package io.agent7.agent.collect.directory.sysvol;

import io.agent7.agent.collect.directory.DirectoryError;
import io.agent7.agent.collect.directory.DirectorySettings;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads SYSVOL on Windows at {@code \\<domain>\SYSVOL\<domain>}, with the agent's own
 * credentials: listing, sizes, times and content through java.nio, owner and DACL through
 * GetFileSecurity.
 */
public final class UncSysvol implements SysvolSource {

    /** The self-relative security descriptor (owner and DACL) of a file or folder. */
    @FunctionalInterface
    interface SecurityReader {
        byte[] read(Path path) throws IOException;
    }

    private final Path root;
    private final SecurityReader security;

    /** The SYSVOL of {@code settings.domain()}, through DFS from whichever DC serves it. */
    public UncSysvol(DirectorySettings settings) {
        this(Path.of(SysvolFiles.root(settings.domain())), Win32FileSecurity::read);
    }

    UncSysvol(Path root, SecurityReader security) {
        this.root = Objects.requireNonNull(root, "root");
        this.security = Objects.requireNonNull(security, "security");
    }

    @Override
    public void walk(Consumer<SysvolEntry> visitor) {
        try {
            // Links are not followed: a junction is reported as the folder it is, never walked
            // into, as it could lead back up the tree.
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    visitor.accept(entry(dir, attributes, true));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    boolean link = attributes.isOther() || attributes.isSymbolicLink();
                    visitor.accept(entry(file, attributes, link && Files.isDirectory(file)));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new DirectoryError("Could not read SYSVOL at " + root + ": " + e, e);
        }
    }

    private SysvolEntry entry(Path path, BasicFileAttributes attributes, boolean directory) throws IOException {
        SecurityDescriptors.Parsed parsed;
        try {
            parsed = SecurityDescriptors.parse(security.read(path));
        } catch (IllegalArgumentException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
        String relative = root.relativize(path).toString().replace('/', '\\');
        return new SysvolEntry(
                relative,
                directory,
                directory ? 0 : attributes.size(),
                attributes.creationTime().toInstant(),
                attributes.lastModifiedTime().toInstant(),
                parsed.ownerSid(),
                parsed.aces(),
                directory ? null : () -> Files.newInputStream(path));
    }
}
