package io.agent7.agent.collect.windows.accounts;

import io.agent7.schema.Values;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The address of a remote desktop client, from {@code WTS_CLIENT_ADDRESS}: an address family and
 * a 20-byte array in which, as Microsoft documents it, an AF_INET address starts at byte 2
 * (bytes 0 and 1 held a port in the underlying sockaddr) and an AF_INET6 address at byte 0.
 */
public final class ClientAddresses {

    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 23;

    private ClientAddresses() {}

    /** The address in text form, or null for AF_UNSPEC (the console has no client) and unknown families. */
    public static String text(int family, byte[] address) {
        try {
            return switch (family) {
                case AF_INET ->
                    Values.canonicalIp(InetAddress.getByAddress(Arrays.copyOfRange(address, 2, 6))
                            .getHostAddress());
                case AF_INET6 ->
                    Values.canonicalIp(InetAddress.getByAddress(Arrays.copyOfRange(address, 0, 16))
                            .getHostAddress());
                default -> null;
            };
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always an address", e);
        }
    }
}
