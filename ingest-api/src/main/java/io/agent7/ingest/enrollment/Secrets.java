package io.agent7.ingest.enrollment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random credentials and their stored form. Site keys and refresh credentials carry at
 * least 128 bits of randomness, so a plain SHA-256 is the right hash: slow password hashes
 * protect guessable secrets, and these are not guessable.
 */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    static String random(String prefix, int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** Compares hashes in time that does not depend on where they differ. */
    static boolean matches(String secret, String expectedHash) {
        if (secret == null || expectedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(
                hash(secret).getBytes(StandardCharsets.US_ASCII), expectedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A stable host id for a machine id, so that re-enrolling the same machine keeps its
     * documents: 128 bits of SHA-256, in hex. Cloned machines must get a new machine id
     * (as sysprep and systemd-machine-id-setup do), or they share one host id.
     */
    static String hostIdOf(String machineId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("agent7-host-v1:" + machineId).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
