package io.agent7.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agent7.protocol.CommandRefusedException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandSignatureTest {

    static final KeyPair KEYS = CommandSignature.newKeyPair();
    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    static Command run(String... argv) {
        return new Command(
                "c-1",
                "host-1",
                Command.Action.RUN,
                List.of(argv),
                Map.of(),
                false,
                Duration.ofSeconds(30),
                4096,
                T0,
                T0.plusSeconds(600),
                "n-1");
    }

    static Reason refusal(String jws) {
        return catchThrowableOfType(CommandRefusedException.class, () -> CommandSignature.verify(jws, KEYS.getPublic()))
                .reason();
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSignedCommandVerifiesWithThePinnedKeyAndKeepsItsArgvLiteral() {
        Command command = run("/bin/echo", "; rm -rf /", "$(id)", "`id`", "a\nb");
        String jws = CommandSignature.sign(command, KEYS.getPrivate());
        assertThat(jws.split("\\.")).hasSize(3);
        assertThat(CommandSignature.verify(jws, KEYS.getPublic())).isEqualTo(command);

        Command kill = new Command(
                "c-2",
                "host-1",
                Command.Action.KILL_PROCESS,
                List.of(),
                Map.of("pid", "4242", "start", "2026-12-05T09:00:00.000Z"),
                false,
                Command.DEFAULT_TIMEOUT,
                Command.DEFAULT_OUTPUT_CAP,
                T0,
                T0.plusSeconds(60),
                "n-2");
        assertThat(CommandSignature.verify(CommandSignature.sign(kill, KEYS.getPrivate()), KEYS.getPublic()))
                .isEqualTo(kill);
    }

    @Test
    void thePinnedKeyRoundTripsAsTextAndOtherTextIsNoKey() {
        String text = CommandSignature.encodePublicKey(KEYS.getPublic());
        assertThat(text).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(CommandSignature.decodePublicKey(text)).isEqualTo(KEYS.getPublic());
        String secret = CommandSignature.encodePrivateKey(KEYS.getPrivate());
        assertThat(secret).startsWith("-----BEGIN PRIVATE KEY-----\n");
        Command command = run("/usr/bin/uptime");
        assertThat(CommandSignature.verify(
                        CommandSignature.sign(command, CommandSignature.decodePrivateKey(secret)),
                        CommandSignature.decodePublicKey(text)))
                .isEqualTo(command);
        assertThatThrownBy(() -> CommandSignature.decodePrivateKey(text)).hasMessageContaining("PKCS#8");
        assertThatThrownBy(() -> CommandSignature.decodePublicKey("bm90IGEga2V5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P-256");
    }

    @Test
    void anotherKeyOrAnEditedPayloadIsABadSignature() {
        String jws = CommandSignature.sign(
                run("/usr/bin/uptime"), CommandSignature.newKeyPair().getPrivate());
        assertThat(refusal(jws)).isEqualTo(Reason.BAD_SIGNATURE);

        String[] parts =
                CommandSignature.sign(run("/usr/bin/uptime"), KEYS.getPrivate()).split("\\.");
        String edited = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("/usr/bin/uptime", "/bin/sh");
        assertThat(refusal(parts[0] + "." + b64(edited) + "." + parts[2])).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(refusal(parts[0] + "." + parts[1] + "." + b64("not a signature")))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void anUnsignedOrOtherwiseSignedCommandIsRefused() {
        String payload =
                CommandSignature.sign(run("/bin/true"), KEYS.getPrivate()).split("\\.")[1];
        assertThat(refusal(b64("{\"alg\":\"none\",\"typ\":\"agent7-command\"}") + "." + payload + "."))
                .isEqualTo(Reason.UNSIGNED);
        assertThat(refusal(b64("{\"alg\":\"HS256\",\"typ\":\"agent7-command\"}") + "." + payload + ".c2ln"))
                .isEqualTo(Reason.UNSIGNED);
        assertThat(refusal(b64("{\"alg\":\"ES256\",\"typ\":\"agent7-command\"}") + "." + payload + "."))
                .isEqualTo(Reason.UNSIGNED);
        assertThat(refusal(null)).isEqualTo(Reason.UNSIGNED);
    }

    @Test
    void whatIsNoSignedCommandIsMalformedAndSaysWhy() {
        assertThat(refusal("only.two")).isEqualTo(Reason.MALFORMED);
        assertThat(refusal("!!!.???.***")).isEqualTo(Reason.MALFORMED);
        assertThat(refusal(b64("{\"alg\":\"ES256\",\"typ\":\"JWT\"}") + ".e30.c2ln"))
                .isEqualTo(Reason.MALFORMED);
        // An agent token signed by the server is not a command, even if the keys were the same.
        assertThat(refusal(b64("[1]") + ".e30.c2ln")).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void aSignedPayloadThatIsNoCommandNamesEachWrongField() {
        String header = b64("{\"alg\":\"ES256\",\"typ\":\"agent7-command\"}");
        String payload = b64("{\"id\":\"c\",\"host_id\":\"\",\"action\":\"format_disk\",\"argv\":[1],"
                + "\"params\":{\"pid\":7},\"shell\":\"yes\",\"timeout_ms\":-1,\"output_cap\":10,"
                + "\"issued_at\":\"yesterday\",\"expires_at\":\"2026-12-05T10:10:00Z\",\"nonce\":\"n\\tx\"}");
        String signingInput = header + "." + payload;
        String jws;
        try {
            var signature = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(KEYS.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            jws = signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        CommandRefusedException refused = catchThrowableOfType(
                CommandRefusedException.class, () -> CommandSignature.verify(jws, KEYS.getPublic()));
        assertThat(refused.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(refused.getMessage())
                .contains("host_id", "unknown action 'format_disk'", "argv", "params.pid", "shell", "timeout_ms")
                .contains("issued_at", "nonce")
                .doesNotContain("expires_at")
                .doesNotContain("output_cap");
    }

    @Test
    void aCommandSaysWhatItNeeds() {
        assertThatThrownBy(() -> run()).hasMessageContaining("executable");
        assertThatThrownBy(() -> new Command(
                        "c",
                        "h",
                        Command.Action.PROCESS_LIST,
                        List.of("/bin/ps"),
                        Map.of(),
                        false,
                        Command.DEFAULT_TIMEOUT,
                        1,
                        T0,
                        T0,
                        "n"))
                .hasMessageContaining("process_list takes params");
        assertThatThrownBy(() -> Command.Action.fromWire("shell"))
                .hasMessageContaining("unknown action 'shell'")
                .hasMessageContaining("process_list");
    }
}
