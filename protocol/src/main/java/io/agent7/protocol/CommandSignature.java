package io.agent7.protocol;

import io.agent7.protocol.CommandRefusedException.Reason;
import io.agent7.schema.JsonTrees;
import io.agent7.schema.Values;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Commands as the server signs them and the agent checks them: a JWS in compact form
 * ({@code header.payload.signature}, base64url), ES256 only, with the command-signing key,
 * which is not the key agent tokens are signed with. The agent pins the public half at
 * enrollment ({@link #encodePublicKey}); a server that lost its key, or anything that writes
 * commands without it, cannot make an agent run one.
 *
 * <p>The JDK's own ECDSA does the work: the agent carries no JOSE library for one algorithm.
 */
public final class CommandSignature {

    /** The JWS header's {@code typ}: a token of another kind signed with the same key is refused. */
    public static final String TYPE = "agent7-command";

    private static final String HEADER = "{\"alg\":\"ES256\",\"typ\":\"" + TYPE + "\"}";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
    /** Raw r||s, 64 bytes, as JWS writes ES256 signatures. */
    private static final String ALGORITHM = "SHA256withECDSAinP1363Format";
    /** What the agent's record of run commands can hold as one token. */
    private static final java.util.regex.Pattern NONCE = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private CommandSignature() {}

    /** A new P-256 key pair for signing commands. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has P-256", e);
        }
    }

    /** The public key as the agent pins it: PEM of its X.509 SubjectPublicKeyInfo. */
    public static String encodePublicKey(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** The private key as the signing service keeps it: PEM of its PKCS#8 form. */
    public static String encodePrivateKey(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** @throws IllegalArgumentException when {@code text} is not a P-256 private key in PEM */
    public static PrivateKey decodePrivateKey(String text) {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(unpem(text)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an EC private key in PKCS#8 PEM form: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when {@code text} is not a P-256 public key, in PEM or bare base64 */
    public static ECPublicKey decodePublicKey(String text) {
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(unpem(text)));
            ECPublicKey ec = (ECPublicKey) key;
            if (ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IllegalArgumentException("the command key must be a P-256 key");
            }
            return ec;
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("not a P-256 public key in X.509 PEM form: " + e.getMessage(), e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + label
                + "-----\n";
    }

    private static byte[] unpem(String text) {
        return Base64.getMimeDecoder()
                .decode(text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").strip());
    }

    /** The signed form of {@code command}. */
    public static String sign(Command command, PrivateKey key) {
        String signingInput = B64.encodeToString(HEADER.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(JsonTrees.bytes(payload(command)));
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /**
     * The command, once its signature verifies with {@code pinned}. Checks the form and the
     * signature only; expiry, host and replay are the agent's to check against its clock, its
     * id and what it ran.
     *
     * @throws CommandRefusedException {@code malformed}, {@code unsigned} or {@code bad_signature}
     */
    public static Command verify(String jws, PublicKey pinned) {
        if (jws == null) {
            throw new CommandRefusedException(Reason.UNSIGNED, "no signed command");
        }
        String[] parts = jws.strip().split("\\.", -1);
        if (parts.length != 3) {
            throw new CommandRefusedException(
                    Reason.MALFORMED, "a signed command has three parts separated by dots, this has " + parts.length);
        }
        JsonNode header = json(parts[0], "header");
        String alg = header.path("alg").asString("");
        if (!alg.equals("ES256")) {
            throw new CommandRefusedException(
                    Reason.UNSIGNED, "commands are signed with ES256, this one says alg '" + alg + "'");
        }
        if (!TYPE.equals(header.path("typ").asString(""))) {
            throw new CommandRefusedException(
                    Reason.MALFORMED,
                    "typ must be '" + TYPE + "', got '" + header.path("typ").asString("") + "'");
        }
        if (parts[2].isEmpty()) {
            throw new CommandRefusedException(Reason.UNSIGNED, "the signature is empty");
        }
        byte[] signature = decode(parts[2], "signature");
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(pinned);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(signature)) {
                throw new CommandRefusedException(
                        Reason.BAD_SIGNATURE, "the signature does not verify with the pinned command key");
            }
        } catch (SignatureException e) {
            throw new CommandRefusedException(Reason.BAD_SIGNATURE, "the signature is not an ES256 signature");
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("The pinned command key cannot verify: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has ES256", e);
        }
        return command(json(parts[1], "payload"));
    }

    static ObjectNode payload(Command command) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode payload = nodes.objectNode()
                .put("id", command.id())
                .put("host_id", command.hostId())
                .put("action", command.action().wire());
        var argv = payload.putArray("argv");
        command.argv().forEach(argv::add);
        ObjectNode params = payload.putObject("params");
        command.params().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> params.put(e.getKey(), e.getValue()));
        return payload.put("shell", command.shell())
                .put("timeout_ms", command.timeout().toMillis())
                .put("output_cap", command.outputCap())
                .put("issued_at", Values.formatDate(command.issuedAt()))
                .put("expires_at", Values.formatDate(command.expiresAt()))
                .put("nonce", command.nonce());
    }

    /** @throws CommandRefusedException {@code malformed}, naming each wrong field */
    static Command command(JsonNode payload) {
        List<String> problems = new ArrayList<>();
        String id = text(payload, "id", problems);
        String hostId = text(payload, "host_id", problems);
        String actionName = text(payload, "action", problems);
        Command.Action action = null;
        if (actionName != null) {
            try {
                action = Command.Action.fromWire(actionName);
            } catch (IllegalArgumentException e) {
                problems.add("action: " + e.getMessage());
            }
        }
        List<String> argv = new ArrayList<>();
        JsonNode argvNode = payload.path("argv");
        if (!argvNode.isArray()) {
            problems.add("argv: must be an array of text");
        } else {
            for (JsonNode arg : argvNode) {
                if (!arg.isString()) {
                    problems.add("argv: must be an array of text");
                    break;
                }
                argv.add(arg.asString());
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode paramsNode = payload.path("params");
        if (!paramsNode.isObject()) {
            problems.add("params: must be an object of text values");
        } else {
            for (var entry : paramsNode.properties()) {
                if (!entry.getValue().isString()) {
                    problems.add("params." + entry.getKey() + ": must be text");
                } else {
                    params.put(entry.getKey(), entry.getValue().asString());
                }
            }
        }
        if (!payload.path("shell").isBoolean()) {
            problems.add("shell: must be true or false");
        }
        long timeoutMs = number(payload, "timeout_ms", problems);
        long outputCap = number(payload, "output_cap", problems);
        Instant issuedAt = instant(payload, "issued_at", problems);
        Instant expiresAt = instant(payload, "expires_at", problems);
        String nonce = text(payload, "nonce", problems);
        if (nonce != null && !NONCE.matcher(nonce).matches()) {
            problems.add("nonce: must be 1 to 128 letters, digits, '.', '_' or '-'");
        }
        if (!problems.isEmpty()) {
            throw new CommandRefusedException(
                    Reason.MALFORMED, "the signed payload is not a command: " + String.join("; ", problems));
        }
        try {
            return new Command(
                    id,
                    hostId,
                    action,
                    argv,
                    params,
                    payload.path("shell").asBoolean(),
                    Duration.ofMillis(timeoutMs),
                    outputCap,
                    issuedAt,
                    expiresAt,
                    nonce);
        } catch (IllegalArgumentException e) {
            throw new CommandRefusedException(
                    Reason.MALFORMED, "the signed payload is not a command: " + e.getMessage());
        }
    }

    private static JsonNode json(String part, String what) {
        try {
            JsonNode node = JsonTrees.read(decode(part, what));
            if (!node.isObject()) {
                throw new CommandRefusedException(Reason.MALFORMED, "the " + what + " is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new CommandRefusedException(Reason.MALFORMED, "the " + what + " is not JSON");
        }
    }

    private static byte[] decode(String part, String what) {
        try {
            return B64_DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw new CommandRefusedException(Reason.MALFORMED, "the " + what + " is not base64url");
        }
    }

    private static String text(JsonNode payload, String field, List<String> problems) {
        JsonNode value = payload.path(field);
        if (!value.isString() || value.asString().isBlank()) {
            problems.add(field + ": must be non-empty text");
            return null;
        }
        return value.asString();
    }

    private static long number(JsonNode payload, String field, List<String> problems) {
        JsonNode value = payload.path(field);
        if (!value.isIntegralNumber() || value.asLong() <= 0) {
            problems.add(field + ": must be a positive whole number");
            return 0;
        }
        return value.asLong();
    }

    private static Instant instant(JsonNode payload, String field, List<String> problems) {
        JsonNode value = payload.path(field);
        if (!value.isString()) {
            problems.add(field + ": must be a date");
            return null;
        }
        try {
            return Instant.parse(value.asString());
        } catch (DateTimeParseException e) {
            problems.add(field + ": must be a date such as 2026-12-05T10:00:00Z, got '" + value.asString() + "'");
            return null;
        }
    }
}
