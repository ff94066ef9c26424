package io.agent7.ingest.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.protocol.CommandSignature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandKeyPropertiesTest {

    @Test
    void thePublicKeyIsHandedOutAsWritten(@TempDir Path dir) throws Exception {
        KeyPair keys = CommandSignature.newKeyPair();
        Path file = Files.writeString(
                dir.resolve("command-signing.pub"), CommandSignature.encodePublicKey(keys.getPublic()));
        assertThat(CommandSignature.decodePublicKey(new CommandKeyProperties(file).pem()))
                .isEqualTo(keys.getPublic());
        assertThat(new CommandKeyProperties(null).pem()).isNull();
    }

    @Test
    void aMissingFileOrAPrivateKeyStopsTheServiceAtStartWithTheSettingNamed(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new CommandKeyProperties(dir.resolve("nope.pub")))
                .hasMessageContaining("agent7.commands.public-key")
                .hasMessageContaining("nope.pub");
        Path secret = Files.writeString(
                dir.resolve("command-signing.key"),
                CommandSignature.encodePrivateKey(CommandSignature.newKeyPair().getPrivate()));
        assertThatThrownBy(() -> new CommandKeyProperties(secret))
                .hasMessageContaining("agent7.commands.public-key")
                .hasMessageContaining("not a P-256 public key");
    }
}
