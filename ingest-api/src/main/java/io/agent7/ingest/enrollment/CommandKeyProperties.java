package io.agent7.ingest.enrollment;

import io.agent7.protocol.CommandSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The public half of the key response commands are signed with
 * ({@code agent7.commands.public-key}, PEM). Agents pin it at enrollment and from then on run
 * only commands it verifies. The ingest API, which faces the agents' networks, holds the public
 * half only: the private half stays with the console that signs commands, so a compromised
 * ingest API cannot make an agent run anything.
 */
@ConfigurationProperties("agent7.commands")
public record CommandKeyProperties(Path publicKey) {

    /** Checked when the service starts: a bad key file must not wait for the first enrollment to show. */
    public CommandKeyProperties {
        if (publicKey != null) {
            read(publicKey);
        }
    }

    /** The PEM text, or null when none is configured (agents then run no command). */
    public String pem() {
        return publicKey == null ? null : read(publicKey);
    }

    private static String read(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read agent7.commands.public-key " + file, e);
        }
        try {
            CommandSignature.decodePublicKey(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("agent7.commands.public-key " + file + ": " + e.getMessage(), e);
        }
        return pem;
    }
}
