package io.agent7.ingest.enrollment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The CA that signed this server's certificate ({@code agent7.tls.ca-certificate}, PEM).
 * Agents receive it at enrollment and from then on trust only it, so a certificate from any
 * other CA, public or private, cannot impersonate the ingest API to them.
 */
@ConfigurationProperties("agent7.tls")
public record TlsProperties(Path caCertificate) {

    /** The PEM text, or null when none is configured. */
    public String caPem() {
        if (caCertificate == null) {
            return null;
        }
        try {
            return Files.readString(caCertificate, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read agent7.tls.ca-certificate " + caCertificate, e);
        }
    }
}
