package io.agent7.agent.collect.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of /proc/net/tcp, tcp6, udp or udp6.
 *
 * @param transport  tcp or udp
 * @param localIp    local address, text form; IPv4-mapped addresses as IPv4
 * @param remoteIp   remote address, or null when the socket has none (listening, unconnected)
 * @param remotePort remote port, 0 when there is no remote
 * @param state      the kernel's TCP state number (UDP uses 1 connected, 7 unconnected)
 * @param uid        owner's uid
 * @param inode      socket inode, 0 once no process holds it (TIME_WAIT)
 */
record InetSocket(
        String transport,
        String localIp,
        int localPort,
        String remoteIp,
        int remotePort,
        int state,
        long uid,
        long inode) {

    static final int ESTABLISHED = 1;
    static final int LISTEN = 10;
    private static final String[] TCP_STATES = {
        null,
        "established",
        "syn_sent",
        "syn_recv",
        "fin_wait1",
        "fin_wait2",
        "time_wait",
        "close",
        "close_wait",
        "last_ack",
        "listen",
        "closing",
        "new_syn_recv"
    };

    /** Whether the socket waits for peers: a TCP listener, or a UDP socket bound without a remote. */
    boolean listening() {
        return "tcp".equals(transport) ? state == LISTEN : remoteIp == null;
    }

    /** The state's name as the kernel calls it, lower case; UDP sockets that wait for datagrams are "listen". */
    String stateName() {
        if ("udp".equals(transport)) {
            return remoteIp == null ? "listen" : "established";
        }
        return state > 0 && state < TCP_STATES.length ? TCP_STATES[state] : null;
    }

    /** ipv4 or ipv6, by the traffic: an IPv6 socket carrying IPv4 (mapped addresses) is ipv4. */
    String networkType() {
        return localIp.indexOf(':') >= 0 ? "ipv6" : "ipv4";
    }

    /** Every socket of tcp or udp, both address families; empty when the files are missing. */
    static List<InetSocket> read(Root root, String transport) {
        List<InetSocket> sockets = new ArrayList<>();
        parse(Root.read(root.at("/proc/net/" + transport)), transport, sockets);
        parse(Root.read(root.at("/proc/net/" + transport + "6")), transport, sockets);
        return sockets;
    }

    static void parse(String text, String transport, List<InetSocket> out) {
        if (text == null) {
            return;
        }
        int lineStart = text.indexOf('\n') + 1; // the first line is the column header
        while (lineStart > 0 && lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            InetSocket socket = parseLine(text, lineStart, lineEnd, transport);
            if (socket != null) {
                out.add(socket);
            }
            lineStart = lineEnd + 1;
        }
    }

    /** Columns: sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ... */
    private static InetSocket parseLine(String text, int start, int end, String transport) {
        int[] bounds = new int[20];
        int count = 0;
        int i = start;
        while (i < end && count < 20) {
            while (i < end && text.charAt(i) == ' ') {
                i++;
            }
            if (i >= end) {
                break;
            }
            int wordStart = i;
            while (i < end && text.charAt(i) != ' ') {
                i++;
            }
            bounds[count++] = wordStart;
            bounds[count++] = i;
        }
        if (count < 20) {
            return null;
        }
        Endpoint local = endpoint(text, bounds[2], bounds[3]);
        Endpoint remote = endpoint(text, bounds[4], bounds[5]);
        if (local == null || remote == null) {
            return null;
        }
        try {
            int state = Integer.parseInt(text, bounds[6], bounds[7], 16);
            long uid = Long.parseLong(text, bounds[14], bounds[15], 10);
            long inode = Long.parseLong(text, bounds[18], bounds[19], 10);
            boolean noRemote = Addresses.isUnspecified(remote.address) && remote.port == 0;
            return new InetSocket(
                    transport,
                    Addresses.format(local.address),
                    local.port,
                    noRemote ? null : Addresses.format(remote.address),
                    remote.port,
                    state,
                    uid,
                    inode);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private record Endpoint(byte[] address, int port) {}

    private static Endpoint endpoint(String text, int start, int end) {
        int colon = text.indexOf(':', start);
        if (colon < 0 || colon >= end) {
            return null;
        }
        byte[] address = Addresses.fromProcHex(text, start, colon);
        if (address == null) {
            return null;
        }
        try {
            return new Endpoint(address, Integer.parseInt(text, colon + 1, end, 16));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
