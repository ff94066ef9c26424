package io.agent7.agent.collect.windows.process;

import io.agent7.agent.collect.Doc;
import io.agent7.schema.Documents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SHA-256, signature and version resource of program files, kept between collections: a file whose path, size
 * and modification time are unchanged is the same file, so forty svchost.exe processes and
 * every later collection cost one hash, one WinVerifyTrust and one version resource read. Paths compare without regard to
 * case, as Windows does. Entries of files no process ran in the latest collection are dropped,
 * so the cache holds what runs, not everything that ever ran. The collectors of services,
 * tasks and startup items keep one each for the programs they name.
 */
public final class ImageCache {

    private final Function<String, Signature> verifier;

    private final Function<String, VersionResource> versions;

    private final Map<String, Entry> entries = new HashMap<>();

    private Set<String> seen = new HashSet<>();

    /**
     * @param verifier the signature of a file path: WinVerifyTrust on Windows
     * @param versions the version resource of a file path, null when it has none
     */
    public ImageCache(Function<String, Signature> verifier, Function<String, VersionResource> versions) {
        this.verifier = verifier;
        this.versions = versions;
    }

    /** The facts of the image at {@code path}, or null when the file cannot be read. */
    public ImageFacts facts(String path) {
        BasicFileAttributes attributes;
        Path file;
        try {
            file = Path.of(path);
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (InvalidPathException | IOException e) {
            return null; // a deleted image (the process runs on), or a path this account cannot read
        }
        String key = path.toLowerCase(Locale.ROOT);
        seen.add(key);
        long modified = attributes.lastModifiedTime().toMillis();
        Entry entry = entries.get(key);
        if (entry != null && entry.size() == attributes.size() && entry.modified() == modified) {
            return entry.facts();
        }
        ImageFacts facts = new ImageFacts(sha256(file), verifier.apply(path), versions.apply(path));
        if (facts.sha256() != null) {
            entries.put(key, new Entry(attributes.size(), modified, facts)); // an unread file is tried again
        }
        return facts;
    }

    /**
     * Adds to each document of a configured program (a service, a task's action, a startup
     * item) the SHA-256, signature and version resource of its {@code process.executable}, when that file can be
     * read, and ends the collection: one collection's documents, all of them.
     */
    public List<ObjectNode> describePrograms(List<ObjectNode> documents) {
        documents.forEach(this::describeProgram);
        endCollection();
        return documents;
    }

    void describeProgram(ObjectNode document) {
        JsonNode executable = Documents.get(document, "process.executable");
        ImageFacts facts = executable == null || !executable.isString() ? null : facts(executable.asString());
        if (facts != null) {
            facts.write(Doc.onto(document));
        }
    }

    /** Ends a collection: files no process ran in it leave the cache. */
    public void endCollection() {
        entries.keySet().retainAll(seen);
        seen = new HashSet<>();
    }

    int size() {
        return entries.size();
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            return null; // open for exclusive write by its installer: no hash this time
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private record Entry(long size, long modified, ImageFacts facts) {}
}
