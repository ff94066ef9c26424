package io.agent7.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Alert ids: SHA-256 over the rule's id and version and what the alert is about, base64url.
 * The parts are joined with a separator no part contains (NUL), each prefixed by its length,
 * so that no two different lists of parts hash alike.
 */
public final class AlertIds {

    private AlertIds() {}

    public static String of(String ruleId, int version, Object... parts) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
        update(sha, ruleId);
        update(sha, Integer.toString(version));
        for (Object part : parts) {
            update(sha, part == null ? "\u0000null" : part.toString());
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
    }

    private static void update(MessageDigest sha, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha.update(bytes);
        sha.update((byte) 0);
    }
}
