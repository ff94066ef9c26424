package io.agent7.agent.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.protocol.CommandSignature;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

    @Test
    void thePinnedCommandKeyIsKeptOwnerOnlyAndGoesWhenTheServerGaveNone(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state");
        String key =
                CommandSignature.encodePublicKey(CommandSignature.newKeyPair().getPublic());
        new Credentials(URI.create("https://ingest:8443"), "a-1", "h-1", "rt_1", "-----BEGIN CERTIFICATE-----\n", key)
                .save(state);

        Credentials loaded = Credentials.load(state);
        assertThat(loaded.commandKeyPem()).isEqualTo(key);
        assertThat(loaded.caPem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.getPosixFilePermissions(state.resolve(Credentials.COMMAND_KEY_FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        // Enrolled again with a server that runs no remote response: nothing stays pinned.
        new Credentials(URI.create("http://ingest:8080"), "a-2", "h-1", "rt_2", null, null).save(state);
        assertThat(Credentials.load(state).commandKeyPem()).isNull();
        assertThat(state.resolve(Credentials.COMMAND_KEY_FILE)).doesNotExist();
    }
}
