package io.agent7.simulator.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * File hashes and identifiers that look real. A program's SHA-256 is derived from its path
 * and version only, so the same binary at the same version has the same hash on every
 * simulated host, as it would in a real fleet.
 */
final class Hashes {

    /** Few distinct (path, version) pairs exist fleet-wide, so the cache stays small and saves most digests. */
    private static final ConcurrentHashMap<String, String> BINARIES = new ConcurrentHashMap<>();

    private static final HexFormat HEX = HexFormat.of();

    private Hashes() {}

    static String binary(String path, String version) {
        String key = path.toLowerCase(Locale.ROOT) + '\n' + version;
        return BINARIES.computeIfAbsent(key, Hashes::sha256Hex);
    }

    static String sha256Hex(String text) {
        return HEX.formatHex(sha256(text));
    }

    static String sha256Hex(byte[] content) {
        return HEX.formatHex(sha256(content));
    }

    private static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** A GUID in registry form, {8-4-4-4-12} upper case, from a hash. */
    static String guid(long hash) {
        long a = Seeds.mix(hash);
        long b = Seeds.mix(a ^ hash);
        String hex = String.format(Locale.ROOT, "%016X%016X", a, b);
        return "{" + hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32) + "}";
    }

    /** Lower-case hex of the given length, from a hash (container ids, machine ids). */
    static String hex(long hash, int length) {
        StringBuilder out = new StringBuilder(length);
        long h = hash;
        while (out.length() < length) {
            h = Seeds.mix(h + 0x9E3779B97F4A7C15L);
            out.append(String.format(Locale.ROOT, "%016x", h));
        }
        return out.substring(0, length);
    }
}
