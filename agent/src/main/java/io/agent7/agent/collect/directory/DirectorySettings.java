package io.agent7.agent.collect.directory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How this agent reaches its domain's directory, from the agent's own configuration
 * ({@code directory.properties} in the state folder, readable by its owner only).
 *
 * @param domain      DNS name of the domain, e.g. {@code corp.example.com}
 * @param servers     LDAP URLs of the domain controllers to try in order: {@code ldaps://host:636}
 *                    or {@code ldap://host:389} (upgraded with StartTLS unless {@link #tls} is
 *                    {@link Tls#NONE})
 * @param tls         how the connection is protected
 * @param caFile      PEM file of the CA that signs the DCs' certificates; null for the system's trust store
 * @param auth        how the agent authenticates
 * @param user        the account to bind as, user@domain or DOMAIN&#92;user; null for Kerberos with the host's ticket
 * @param password    its password, for {@link Auth#SIMPLE}; never logged, never in a message
 * @param keytab      for {@link Auth#KERBEROS}, a keytab holding the account's keys (the host's
 *                    {@code /etc/krb5.keytab} on a domain-joined Linux host); null to use the ticket cache
 *                    or the password
 * @param kdc         for {@link Auth#KERBEROS}, the KDC to ask for tickets, {@code host} or
 *                    {@code host:port}; null for the domain controller the agent connected to
 *                    (every AD domain controller is a KDC)
 * @param sysvolHost  the server whose SYSVOL share is read (a DC's DNS name); null for the first server's host
 * @param pageSize    entries per page of a paged search (RFC 2696)
 * @param timeout     how long one connection attempt or one page may take
 */
public record DirectorySettings(
        String domain,
        List<URI> servers,
        Tls tls,
        Path caFile,
        Auth auth,
        String user,
        char[] password,
        Path keytab,
        String kdc,
        String sysvolHost,
        int pageSize,
        Duration timeout) {

    public static final int DEFAULT_PAGE_SIZE = 500;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** How the LDAP connection is protected. */
    public enum Tls {
        /** {@code ldaps://}, or StartTLS on {@code ldap://}: the certificate is verified either way. */
        VERIFY,
        /** Plain LDAP: only with Kerberos, which signs and seals the traffic itself. */
        NONE
    }

    /** How the agent proves who it is. */
    public enum Auth {
        /** A simple bind with the configured account and password, over TLS. */
        SIMPLE,
        /** Kerberos (GSSAPI) with the host's or the configured account's credentials. */
        KERBEROS
    }

    public DirectorySettings {
        Objects.requireNonNull(domain, "domain");
        servers = List.copyOf(servers);
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(auth, "auth");
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("directory.servers names no domain controller");
        }
        if (pageSize <= 0) {
            pageSize = DEFAULT_PAGE_SIZE;
        }
        timeout = Objects.requireNonNullElse(timeout, DEFAULT_TIMEOUT);
    }

    /** The host whose SYSVOL share the agent reads. */
    public String sysvolServer() {
        return sysvolHost != null ? sysvolHost : servers.get(0).getHost();
    }

    /**
     * The account as a Kerberos principal: {@code user@REALM}, the realm being the domain's name
     * in capitals unless the user names another (DOMAIN&#92;user and {@code user} become
     * {@code user@DOMAIN.NAME}).
     */
    public String kerberosPrincipal() {
        if (user == null) {
            return null;
        }
        int at = user.lastIndexOf('@');
        if (at >= 0) {
            return user.substring(0, at) + "@" + user.substring(at + 1).toUpperCase(java.util.Locale.ROOT);
        }
        return userName() + "@" + domain.toUpperCase(java.util.Locale.ROOT);
    }

    /** The account name without its domain, for protocols that take them apart (SMB). */
    public String userName() {
        if (user == null) {
            return null;
        }
        int slash = user.indexOf('\\');
        if (slash >= 0) {
            return user.substring(slash + 1);
        }
        int at = user.indexOf('@');
        return at >= 0 ? user.substring(0, at) : user;
    }

    @Override
    public String toString() {
        // Never the password: settings end up in log lines and exception messages.
        return "DirectorySettings[domain=" + domain + ", servers=" + servers + ", tls=" + tls + ", auth=" + auth
                + ", user=" + user + ", sysvolHost=" + sysvolServer() + "]";
    }
}
