package io.agent7.agent.collect.windows.config;

import io.agent7.agent.collect.windows.Sids;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The account a service runs as, from the start name the SCM stores ({@code LocalSystem},
 * {@code NT AUTHORITY\LocalService}, {@code NT Service\MSSQLSERVER}, {@code .\svc},
 * {@code CORP\svc}, {@code svc@corp.example}).
 *
 * @param privileged true for LocalSystem, false for the built-in service accounts and the
 *                   virtual {@code NT Service} accounts, null for other accounts (whether they
 *                   are administrators is a matter of group membership, not of the name)
 */
record ServiceAccount(String name, String domain, String id, Boolean privileged) {

    private static final String NT_AUTHORITY = "NT AUTHORITY";
    private static final String NT_SERVICE = "NT Service";

    /**
     * The account of a start name; null for a blank one.
     *
     * @param sid          what LookupAccountName gave, or null when it did not resolve
     * @param computerName the host's name, which {@code .} stands for
     */
    static ServiceAccount of(String startName, String sid, String computerName) {
        if (startName == null || startName.isBlank()) {
            return null;
        }
        String written = startName.strip();
        if (written.equalsIgnoreCase("LocalSystem") || written.equalsIgnoreCase(NT_AUTHORITY + "\\SYSTEM")) {
            return new ServiceAccount("LocalSystem", null, Sids.LOCAL_SYSTEM, true);
        }
        int slash = written.lastIndexOf('\\');
        int at = written.lastIndexOf('@');
        String domain = null;
        String name = written;
        if (slash >= 0) {
            domain = written.substring(0, slash);
            name = written.substring(slash + 1);
        } else if (at > 0) {
            name = written.substring(0, at);
            domain = written.substring(at + 1);
        }
        if (".".equals(domain)) {
            domain = computerName;
        }
        if (NT_AUTHORITY.equalsIgnoreCase(domain)) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "localservice", "local service" -> new ServiceAccount(name, domain, Sids.LOCAL_SERVICE, false);
                case "networkservice", "network service" ->
                    new ServiceAccount(name, domain, Sids.NETWORK_SERVICE, false);
                default -> new ServiceAccount(name, domain, sid, null);
            };
        }
        if (NT_SERVICE.equalsIgnoreCase(domain)) {
            return new ServiceAccount(name, domain, sid != null ? sid : virtualAccountSid(name), false);
        }
        return new ServiceAccount(name, domain, sid, Sids.LOCAL_SYSTEM.equals(sid) ? Boolean.TRUE : null);
    }

    /**
     * The SID of the virtual account {@code NT Service\name}: S-1-5-80 followed by the SHA-1 of
     * the upper-cased service name in UTF-16LE read as five little-endian 32-bit numbers, the
     * value {@code sc showsid} prints. Computed so that it is known when the lookup failed.
     */
    static String virtualAccountSid(String serviceName) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-1")
                    .digest(serviceName.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_16LE));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
        ByteBuffer words = ByteBuffer.wrap(digest).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder sid = new StringBuilder("S-1-5-80");
        for (int i = 0; i < 5; i++) {
            sid.append('-').append(Integer.toUnsignedString(words.getInt()));
        }
        return sid.toString();
    }
}
