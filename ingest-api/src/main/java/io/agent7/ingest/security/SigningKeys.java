package io.agent7.ingest.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The ES256 keys agent tokens are signed with, kept as a JWK set in one owner-only file.
 * The newest key signs; every key in the set verifies, so a rotated-out key keeps
 * verifying the tokens it signed until they expire.
 */
public final class SigningKeys {

    private final JWKSet keys;

    private SigningKeys(JWKSet keys) {
        if (keys.getKeys().isEmpty()) {
            throw new IllegalArgumentException("A signing key set needs at least one key");
        }
        this.keys = keys;
    }

    /** Loads the set from {@code file}, creating it with one new key when it does not exist. */
    public static SigningKeys loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return new SigningKeys(JWKSet.load(file.toFile()));
            }
            SigningKeys created = new SigningKeys(new JWKSet(newKey()));
            created.save(file);
            return created;
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("Cannot read or create the signing keys in " + file + ": " + e.getMessage(), e);
        }
    }

    static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyID(UUID.randomUUID().toString())
                    .issueTime(new Date())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a P-256 key", e);
        }
    }

    private void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".keys", ".tmp");
        try {
            setOwnerOnly(temp);
            Files.writeString(temp, keys.toString(false), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void setOwnerOnly(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the ACL of the service's state folder.
        }
    }

    /** The key new tokens are signed with: the most recently issued. */
    public ECKey current() {
        return keys.getKeys().stream()
                .map(JWK::toECKey)
                .max(Comparator.comparing(k -> k.getIssueTime() == null ? new Date(0) : k.getIssueTime()))
                .orElseThrow();
    }

    /** Every key, public and private. */
    public List<JWK> all() {
        return keys.getKeys();
    }

    /** The public half, as published at the JWKS endpoint. */
    public JWKSet publicSet() {
        return keys.toPublicJWKSet();
    }
}
