package io.agent7.agent.collect.directory.sysvol;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.directory.DirectoryError;
import io.agent7.agent.collect.directory.Principals;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Logger;
import tools.jackson.databind.node.ObjectNode;

/**
 * Collects {@code sysvol_file}: every file and folder in the domain's SYSVOL with its owner,
 * DACL, content hash and whether a non-privileged principal may change it.
 */
public final class SysvolFileCollector implements Collector {

    private static final Logger log = Logger.getLogger(SysvolFileCollector.class.getName());
    private static final int BUFFER_SIZE = 64 * 1024;

    private final DataType type;
    private final String domain;
    private final SysvolSource source;
    private final Supplier<Principals> principals;

    /**
     * @param domain     the domain's DNS name
     * @param source     where SYSVOL is read from
     * @param principals the domain's principals, asked for once per collection
     */
    public SysvolFileCollector(Schema schema, String domain, SysvolSource source, Supplier<Principals> principals) {
        this.type = schema.require("sysvol_file");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.source = Objects.requireNonNull(source, "source");
        this.principals = Objects.requireNonNull(principals, "principals");
    }

    @Override
    public DataType type() {
        return type;
    }

    /** @throws DirectoryError when SYSVOL cannot be walked; no partial list is returned */
    @Override
    public List<ObjectNode> collect() {
        Principals known = principals.get();
        byte[] buffer = new byte[BUFFER_SIZE];
        List<ObjectNode> documents = new ArrayList<>();
        source.walk(entry -> documents.add(
                SysvolFiles.document(domain, entry, entry.directory() ? null : sha256(entry, buffer), known)));
        return documents;
    }

    /**
     * The content's SHA-256, read in pieces so that no file is held in memory. A file the
     * account may not read keeps its document without a hash: its permissions, the point of
     * this type, were still read. Any other failure ends the collection.
     */
    private String sha256(SysvolEntry entry, byte[] buffer) {
        MessageDigest digest = newDigest();
        try (InputStream in = entry.content().open()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (AccessDeniedException e) {
            log.warning(() -> "SYSVOL file " + entry.relativePath() + " is not readable; it is reported without hash");
            return null;
        } catch (IOException e) {
            throw new DirectoryError("Could not read SYSVOL file " + entry.relativePath() + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
