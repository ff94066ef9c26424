package io.agent7.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;

/**
 * The content-hash identity of a document: the same item collected twice is the same
 * {@code _id}, so retries and repeated collections are idempotent.
 *
 * <p>{@code _id = base64url(SHA-256(canonical))}, unpadded, where {@code canonical} is the
 * UTF-8 text {@code agent7-id-v1}, then the host id, the type name and, for each identity
 * field in the type's declared order, the field's name and its value. Every component is
 * written as a one-letter tag, its length in UTF-8 bytes, a colon and its text:
 * {@code s} for strings, {@code i} for whole numbers (decimal), {@code b} for booleans
 * ({@code true}/{@code false}), {@code d} for dates (UTC, milliseconds,
 * {@code 2026-01-31T23:59:59.000Z}) and {@code n0:} for a missing value. IP addresses are
 * strings in their canonical form (IPv6 as RFC 5952). Values of fields
 * the OS compares case-insensitively are lower-cased with {@link Locale#ROOT} first.
 * Length prefixes make the encoding unambiguous: no value can imitate a separator.
 *
 * <p>A type that describes a domain rather than a host ({@link DataType#domainScoped()}, the
 * Active Directory types) hashes {@code domain:} and its domain key's value, lower-cased, in
 * place of the host id: every agent that collects the domain names its items alike, and
 * the documents are routed by {@link #routing} to the same shard whoever wrote them.
 *
 * <p>The golden vectors in {@code io/agent7/schema/document-id-vectors.json} pin this
 * definition; agent and server tests both read them.
 */
public final class DocumentIds {

    private static final String VERSION_TAG = "agent7-id-v1";

    /** A digest per thread: looking one up costs more than hashing a short canonical text. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    });

    /** Each type's identity fields with their paths split once, by type name (a type is checked to be the same). */
    private static final ConcurrentHashMap<String, Identity> IDENTITIES = new ConcurrentHashMap<>();

    private record Identity(DataType type, String[] names, String[][] paths, Field[] fields) {

        static Identity of(DataType type) {
            Identity identity = IDENTITIES.get(type.name());
            if (identity == null || identity.type() != type) {
                List<String> names = type.identity();
                identity = new Identity(
                        type,
                        names.toArray(String[]::new),
                        names.stream().map(name -> name.split("\\.")).toArray(String[][]::new),
                        names.stream().map(type::field).toArray(Field[]::new));
                IDENTITIES.put(type.name(), identity);
            }
            return identity;
        }

        /** The value of identity field {@code i}: nested, as stored, or in any other form {@link Documents#get} reads. */
        JsonNode value(JsonNode document, int i) {
            JsonNode nested = Documents.get(document, paths[i]);
            return nested != null ? nested : Documents.get(document, names[i]);
        }
    }

    private DocumentIds() {}

    /**
     * The id of {@code document} as an item of {@code type} on host {@code hostId}.
     *
     * @throws InvalidDocumentException when an identity value does not fit its field's type
     */
    public static String of(String hostId, DataType type, JsonNode document) {
        return hash(canonical(hostId, type, document));
    }

    /** The id of a document in stored form, read from its slots or its tree. */
    public static String of(String hostId, DataType type, StoredDocument document) {
        if (!document.slotted()) {
            return of(hostId, type, document.tree());
        }
        Identity identity = Identity.of(type);
        return hash(canonical(
                hostId,
                type,
                i -> document.get(identity.names()[i]),
                type.domainScoped() ? document.get(type.domainKey()) : null));
    }

    /** The canonical text hashed into the id; public so tests and tools can show it. */
    public static String canonical(String hostId, DataType type, JsonNode document) {
        Identity identity = Identity.of(type);
        return canonical(
                hostId,
                type,
                i -> identity.value(document, i),
                type.domainScoped() ? Documents.get(document, type.domainKey()) : null);
    }

    /**
     * @param identityValue the value of the type's identity field at an index, or null
     * @param domain        a domain type's domain key's value, or null
     */
    private static String canonical(
            String hostId, DataType type, IntFunction<JsonNode> identityValue, JsonNode domain) {
        StringBuilder out = new StringBuilder(128).append(VERSION_TAG);
        component(out, 's', ownerOf(hostId, type, domain));
        component(out, 's', type.name());
        Identity identity = Identity.of(type);
        for (int i = 0; i < identity.names().length; i++) {
            String name = identity.names()[i];
            Field field = identity.fields()[i];
            component(out, 's', name);
            JsonNode value = identityValue.apply(i);
            if (value == null || value.isNull()) {
                component(out, 'n', "");
                continue;
            }
            switch (field.type()) {
                case DATE -> component(out, 'd', Values.canonicalDate(value, name));
                case BOOLEAN -> component(out, 'b', Values.canonicalBoolean(value, name));
                case LONG, INTEGER, SHORT, BYTE -> component(out, 'i', Values.canonicalWholeNumber(value, name));
                case IP -> component(out, 's', Values.normalize(field, value).asString());
                default -> {
                    String text = Values.canonicalString(value, name);
                    component(out, 's', field.caseInsensitive() ? text.toLowerCase(Locale.ROOT) : text);
                }
            }
        }
        return out.toString();
    }

    /**
     * Whom the item belongs to: the host, or for a domain type {@code domain:<dns name>}.
     *
     * @throws InvalidDocumentException when a domain type's document names no domain
     */
    public static String owner(String hostId, DataType type, JsonNode document) {
        return ownerOf(hostId, type, type.domainScoped() ? Documents.get(document, type.domainKey()) : null);
    }

    private static String ownerOf(String hostId, DataType type, JsonNode domain) {
        if (!type.domainScoped()) {
            return hostId;
        }
        if (domain == null || !domain.isString() || domain.asString().isBlank()) {
            throw new InvalidDocumentException(
                    type.domainKey(), "is required: a " + type.name() + " document belongs to a domain");
        }
        return "domain:" + domain.asString().toLowerCase(Locale.ROOT);
    }

    /**
     * The shard routing of the item's document: the host id, so that one host's items share a
     * shard; null (routing by id) for a domain type, whose documents any collecting host may write.
     */
    public static String routing(String hostId, DataType type) {
        return type.domainScoped() ? null : hostId;
    }

    private static void component(StringBuilder out, char tag, String text) {
        out.append(tag).append(utf8Length(text)).append(':').append(text);
    }

    /** The length of {@code text} in UTF-8, without encoding it. */
    static int utf8Length(String text) {
        int length = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x800) {
                // Three bytes, or a surrogate pair's four (two chars); a lone surrogate encodes as '?'.
                if (Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    length += 2;
                    i++;
                } else if (Character.isSurrogate(c)) {
                    continue;
                } else {
                    length += 2;
                }
            } else if (c >= 0x80) {
                length += 1;
            }
        }
        return length;
    }

    static String hash(String canonical) {
        byte[] digest = SHA_256.get().digest(canonical.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
