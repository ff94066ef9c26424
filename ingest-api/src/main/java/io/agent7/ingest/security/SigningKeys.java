package io.agent7.ingest.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The ES256 keys agent tokens are signed with, kept as a JWK set in one owner-only file that
 * every instance of the ingest API reads.
 *
 * <p>Rotation: the newest key signs. When it is older than {@code rotation}, a new key is
 * added; the key it replaces stays in the set, verifying the tokens it signed, for
 * {@code retention} more, which is at least a token's lifetime. Instances reload the file every minute; the one that rotates holds a file lock
 * while it does, so two instances never each add a key and lose the other's.
 */
public final class SigningKeys {

    private final Path file;
    private final Duration rotation;
    private final Duration retention;
    private final Clock clock;
    private volatile JWKSet keys;

    private SigningKeys(Path file, Duration rotation, Duration retention, Clock clock) {
        this.file = file;
        this.rotation = rotation;
        this.retention = retention;
        this.clock = clock;
    }

    /** Loads the set from {@code file}, creating it with one new key when it does not exist. */
    public static SigningKeys loadOrCreate(Path file, Duration rotation, Duration retention, Clock clock) {
        SigningKeys keys = new SigningKeys(file, rotation, retention, clock);
        keys.rotateIfDue();
        return keys;
    }

    /** Adds a key when the newest is due, drops keys past retention; then holds the file's current set. */
    public synchronized void rotateIfDue() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                List<JWK> current = Files.exists(file)
                        ? new ArrayList<>(JWKSet.load(file.toFile()).getKeys())
                        : new ArrayList<>();
                Instant now = clock.instant();
                boolean changed = false;
                if (current.isEmpty() || issued(newest(current)).plus(rotation).isBefore(now)) {
                    current.add(newKey(now));
                    changed = true;
                }
                // A key retires when its successor is made, and is kept `retention` longer.
                current.sort(Comparator.comparing(SigningKeys::issued));
                List<JWK> kept = new ArrayList<>();
                for (int i = 0; i < current.size(); i++) {
                    boolean retiredLongAgo = i + 1 < current.size()
                            && issued(current.get(i + 1)).plus(retention).isBefore(now);
                    if (!retiredLongAgo) {
                        kept.add(current.get(i));
                    }
                }
                changed |= kept.size() != current.size();
                current = kept;
                if (changed) {
                    save(new JWKSet(current));
                }
                keys = new JWKSet(current);
            }
        } catch (IOException | ParseException e) {
            throw new IllegalStateException(
                    "Cannot read or write the signing keys in " + file + ": " + e.getMessage(), e);
        }
    }

    static ECKey newKey(Instant now) {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyID(UUID.randomUUID().toString())
                    .issueTime(Date.from(now))
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a P-256 key", e);
        }
    }

    private void save(JWKSet set) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, ".keys", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file inherits the ACL of the service's state folder.
            }
            Files.writeString(temp, set.toString(false), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Instant issued(JWK key) {
        return key.getIssueTime() == null ? Instant.EPOCH : key.getIssueTime().toInstant();
    }

    private static JWK newest(List<JWK> keys) {
        return keys.stream().max(Comparator.comparing(SigningKeys::issued)).orElseThrow();
    }

    /** The key new tokens are signed with: the most recently issued. */
    public ECKey current() {
        return newest(keys.getKeys()).toECKey();
    }

    /** Every key, public and private. */
    public List<JWK> all() {
        return keys.getKeys();
    }

    /** The public half, as published at the JWKS endpoint. */
    public JWKSet publicSet() {
        return keys.toPublicJWKSet();
    }

    /** What verifiers select keys from: always the set as last loaded, so rotations apply at once. */
    public JWKSource<SecurityContext> verificationSource() {
        return (selector, context) -> selector.select(keys);
    }
}
