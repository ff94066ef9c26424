package io.agent7.agent.collect.directory;

import io.agent7.protocol.SettingsFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Reads {@code directory.properties} from the agent's state folder: how this agent reaches its
 * domain. The file may hold a password, so on POSIX systems it must be readable by its owner
 * only (mode 600), like an SSH key; the agent refuses a file others can read. Example:
 *
 * <pre>
 * domain=corp.example.com
 * servers=ldaps://dc1.corp.example.com:636, ldap://dc2.corp.example.com:389
 * auth=simple
 * user=svc-agent7@corp.example.com
 * password=...
 * ca_file=/etc/agent7/corp-ca.pem
 * </pre>
 *
 * <p>Settings: {@code domain} (required), {@code servers} (required, comma-separated LDAP URLs;
 * {@code ldap://} is upgraded with StartTLS), {@code auth} ({@code simple}, the default, or
 * {@code kerberos}), {@code user}, {@code password}, {@code keytab}, {@code kdc} (Kerberos: {@code host[:port]};
 * default the domain controller connected to), {@code ca_file} (PEM; the
 * system's trust store when absent), {@code tls} ({@code verify}, the default, or {@code none},
 * allowed with Kerberos only), {@code sysvol_server}, {@code page_size} (default 500),
 * {@code timeout} (seconds, or a duration such as {@code PT1M}; default 30 s).
 */
public final class DirectoryConfig {

    public static final String FILE = "directory.properties";
    private static final Set<String> KNOWN = Set.of(
            "domain",
            "servers",
            "auth",
            "user",
            "password",
            "keytab",
            "kdc",
            "ca_file",
            "tls",
            "sysvol_server",
            "page_size",
            "timeout");

    private DirectoryConfig() {}

    /**
     * The settings in {@code stateDir/directory.properties}.
     *
     * @throws DirectoryError when the file is missing, readable by others, or names a bad value;
     *     the message names the setting and never a password
     */
    public static DirectorySettings load(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new DirectoryError("The policy turns on directory collection for this host, but it has no " + file
                    + ": write it as docs/DIRECTORY.md shows (domain, servers, credentials)");
        }
        checkOwnerOnly(file);
        Properties p;
        try {
            p = SettingsFile.read(file);
        } catch (IOException e) {
            throw new DirectoryError("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new DirectoryError(e.getMessage(), e);
        }
        return parse(p, file.toString());
    }

    /** The settings in {@code p}; {@code source} names where they came from in messages. */
    public static DirectorySettings parse(Properties p, String source) {
        List<String> problems = new ArrayList<>();
        for (String name : p.stringPropertyNames()) {
            if (!KNOWN.contains(name)) {
                problems.add("unknown setting '" + name + "'");
            }
        }
        String domain = trimmed(p, "domain");
        if (domain == null) {
            problems.add("domain is required (the domain's DNS name)");
        }
        List<URI> servers = new ArrayList<>();
        String serverList = trimmed(p, "servers");
        if (serverList == null) {
            problems.add("servers is required (ldaps://dc.example.com:636, ...)");
        } else {
            for (String one : serverList.split(",")) {
                try {
                    URI uri = new URI(one.trim());
                    String scheme =
                            uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                    if (!scheme.equals("ldap") && !scheme.equals("ldaps") || uri.getHost() == null) {
                        problems.add("servers: '" + one.trim() + "' is not an ldap:// or ldaps:// URL with a host");
                    } else {
                        servers.add(uri);
                    }
                } catch (java.net.URISyntaxException e) {
                    problems.add("servers: '" + one.trim() + "' is not a URL");
                }
            }
        }
        DirectorySettings.Auth auth =
                switch (p.getProperty("auth", "simple").trim().toLowerCase(Locale.ROOT)) {
                    case "simple" -> DirectorySettings.Auth.SIMPLE;
                    case "kerberos" -> DirectorySettings.Auth.KERBEROS;
                    default -> {
                        problems.add("auth must be simple or kerberos");
                        yield DirectorySettings.Auth.SIMPLE;
                    }
                };
        DirectorySettings.Tls tls =
                switch (p.getProperty("tls", "verify").trim().toLowerCase(Locale.ROOT)) {
                    case "verify" -> DirectorySettings.Tls.VERIFY;
                    case "none" -> DirectorySettings.Tls.NONE;
                    default -> {
                        problems.add("tls must be verify or none");
                        yield DirectorySettings.Tls.VERIFY;
                    }
                };
        if (tls == DirectorySettings.Tls.NONE && auth != DirectorySettings.Auth.KERBEROS) {
            problems.add("tls=none is allowed with auth=kerberos only: a simple bind would send the password in clear");
        }
        String user = trimmed(p, "user");
        String password = p.getProperty("password");
        if (auth == DirectorySettings.Auth.SIMPLE && (user == null || password == null || password.isEmpty())) {
            problems.add("auth=simple needs user and password");
        }
        if (auth == DirectorySettings.Auth.KERBEROS && user == null) {
            problems.add(
                    "auth=kerberos needs user: the principal, such as HOST$@CORP.EXAMPLE.COM with the host's keytab");
        }
        String ca = trimmed(p, "ca_file");
        Path caFile = ca == null ? null : Path.of(ca);
        if (caFile != null && !Files.isReadable(caFile)) {
            problems.add("ca_file " + caFile + " cannot be read");
        }
        String keytab = trimmed(p, "keytab");
        if (keytab != null && auth != DirectorySettings.Auth.KERBEROS) {
            problems.add("keytab is for auth=kerberos only");
        } else if (keytab != null && !Files.isReadable(Path.of(keytab))) {
            problems.add("keytab " + keytab + " cannot be read");
        }
        int pageSize = 0;
        String page = trimmed(p, "page_size");
        if (page != null) {
            try {
                pageSize = Integer.parseInt(page);
                if (pageSize < 1 || pageSize > 5000) {
                    problems.add("page_size must be between 1 and 5000");
                }
            } catch (NumberFormatException e) {
                problems.add("page_size must be a whole number");
            }
        }
        Duration timeout = null;
        String time = trimmed(p, "timeout");
        if (time != null) {
            try {
                timeout = time.chars().allMatch(Character::isDigit)
                        ? Duration.ofSeconds(Long.parseLong(time))
                        : Duration.parse(time);
                if (timeout.isNegative() || timeout.isZero()) {
                    problems.add("timeout must be positive");
                }
            } catch (DateTimeParseException | NumberFormatException e) {
                problems.add("timeout must be seconds or a duration such as PT1M");
            }
        }
        if (!problems.isEmpty()) {
            throw new DirectoryError(source + ": " + String.join("; ", problems));
        }
        return new DirectorySettings(
                domain.toLowerCase(Locale.ROOT),
                servers,
                tls,
                caFile,
                auth,
                user,
                password == null ? null : password.toCharArray(),
                keytab == null ? null : Path.of(keytab),
                trimmed(p, "kdc"),
                trimmed(p, "sysvol_server"),
                pageSize,
                timeout);
    }

    private static void checkOwnerOnly(Path file) {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return; // Windows: the state folder's ACL admits SYSTEM and administrators only
        }
        try {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            for (PosixFilePermission permission : permissions) {
                if (permission.name().startsWith("GROUP") || permission.name().startsWith("OTHERS")) {
                    throw new DirectoryError(file + " may hold a password and must be readable by its owner only: "
                            + "chmod 600 " + file);
                }
            }
        } catch (IOException e) {
            throw new DirectoryError("Cannot read the permissions of " + file + ": " + e.getMessage(), e);
        }
    }

    private static String trimmed(Properties p, String name) {
        String value = p.getProperty(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
