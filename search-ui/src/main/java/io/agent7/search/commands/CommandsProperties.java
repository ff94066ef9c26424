package io.agent7.search.commands;

import io.agent7.protocol.Command;
import io.agent7.protocol.CommandSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Remote response in the console ({@code agent7.commands.*}).
 *
 * @param signingKey    PEM (PKCS#8) of the private key commands are signed with, whose public
 *                      half the ingest API hands agents at enrollment; without it the console
 *                      sends no command (503)
 * @param allowlists    folder of the server's allowlists: {@code <role>.properties} for the
 *                      responder and admin roles, {@code user-<name>.properties} for one
 *                      person, in the format of an agent's {@code response.properties}, with
 *                      {@code group.<name>.} settings for a host group's hosts only; a role
 *                      without a file may use the built-in actions, and neither {@code run}
 *                      nor shell mode
 * @param approvalHosts a command to more hosts than this, or in shell mode, waits for a second
 *                      responder's approval (default 10)
 * @param maxHosts      the most hosts one request may reach (default 10,000)
 * @param timeout       a command's timeout unless the request says (default 60 s)
 * @param expiry        how long a command waits for its host, or for its approval, before it
 *                      will never run (default 15 min)
 * @param outputCap     output bytes kept per command (default 1 MB)
 */
@ConfigurationProperties("agent7.commands")
public record CommandsProperties(
        Path signingKey,
        Path allowlists,
        Integer approvalHosts,
        Integer maxHosts,
        Duration timeout,
        Duration expiry,
        Long outputCap) {

    public CommandsProperties {
        approvalHosts = approvalHosts == null ? 10 : approvalHosts;
        maxHosts = maxHosts == null ? 10_000 : maxHosts;
        timeout = timeout == null ? Command.DEFAULT_TIMEOUT : timeout;
        expiry = expiry == null ? Duration.ofMinutes(15) : expiry;
        outputCap = outputCap == null ? Command.DEFAULT_OUTPUT_CAP : outputCap;
        if (approvalHosts < 0
                || maxHosts < 1
                || timeout.isNegative()
                || timeout.isZero()
                || expiry.isNegative()
                || expiry.isZero()
                || outputCap < 1) {
            throw new IllegalArgumentException("agent7.commands: approval-hosts must be 0 or more; max-hosts,"
                    + " timeout, expiry and output-cap must be positive");
        }
        if (signingKey != null) {
            key(signingKey); // a bad key fails the start, not the first command
        }
    }

    /** The signing key, or null when none is configured. */
    PrivateKey key() {
        return signingKey == null ? null : key(signingKey);
    }

    private static PrivateKey key(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read agent7.commands.signing-key " + file, e);
        }
        try {
            return CommandSignature.decodePrivateKey(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("agent7.commands.signing-key " + file + ": " + e.getMessage(), e);
        }
    }
}
