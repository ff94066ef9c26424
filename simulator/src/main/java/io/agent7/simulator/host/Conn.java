package io.agent7.simulator.host;

/**
 * An established TCP connection. Listening sockets are not stored: they follow from the
 * running processes and services (see {@link Listeners}).
 *
 * @param remoteIp  IPv4 as an int
 * @param endpoint  index in {@link RemoteEndpoints} for a public address, or -1 for an internal one
 * @param inbound   the remote side connected to us
 * @param end       when it closes, or {@code Long.MAX_VALUE} while its owner lives
 */
record Conn(
        int localIp, int localPort, int remoteIp, int remotePort, short endpoint, boolean inbound, int pid, long end) {}
