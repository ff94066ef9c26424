package io.agent7.agent.collect.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * SHA-256 of program files, remembered by path, size and modification time: a collector
 * that runs every few minutes hashes a program again only when it changed.
 */
final class FileHashes {

    /** Bigger files are not hashed: a service binary is never this large, and reading it would be slow. */
    static final long MAX_SIZE = 100L * 1024 * 1024;
    /** Enough for every program on a host; beyond it the cache starts over rather than grow. */
    private static final int MAX_ENTRIES = 8192;

    private record Entry(long size, long modified, String sha256) {}

    private final Map<Path, Entry> cache = new HashMap<>();
    private final byte[] buffer = new byte[64 * 1024];

    /** The hex SHA-256 of a regular file, or null when it is missing, unreadable or too large. */
    synchronized String sha256(Path file) {
        if (file == null) {
            return null;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (!attributes.isRegularFile() || attributes.size() >= MAX_SIZE) {
            return null;
        }
        long modified = attributes.lastModifiedTime().toMillis();
        Entry known = cache.get(file);
        if (known != null && known.size() == attributes.size() && known.modified() == modified) {
            return known.sha256();
        }
        String hash = hash(file);
        if (hash != null) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(file, new Entry(attributes.size(), modified, hash));
        }
        return hash;
    }

    private String hash(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
