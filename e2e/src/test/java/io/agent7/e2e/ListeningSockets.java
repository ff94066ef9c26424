package io.agent7.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP sockets listening on this host, read from {@code /proc/net/tcp} and {@code tcp6}
 * (Linux, as {@code ss -ltn} does): which addresses each port is bound to. The kernel's own
 * word on what a service bound, whatever its settings meant to say.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    /** Port to the addresses bound to it: {@code 127.0.0.1}, {@code ::1}, another address, or {@code *} for every one. */
    static Map<Integer, List<String>> read() throws IOException {
        Map<Integer, List<String>> ports = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (!fields[3].equals(LISTEN)) {
                    continue;
                }
                String[] local = fields[1].split(":");
                ports.computeIfAbsent(Integer.parseInt(local[1], 16), p -> new ArrayList<>())
                        .add(address(local[0]));
            }
        }
        return ports;
    }

    /** {@code /proc}'s hex address: IPv4 as one little-endian word, IPv6 as four. */
    static String address(String hex) {
        if (hex.chars().allMatch(c -> c == '0')) {
            return "*";
        }
        if (hex.length() == 8) {
            return ipv4(hex);
        }
        if (hex.startsWith("0000000000000000FFFF0000")) {
            return ipv4(hex.substring(24));
        }
        if (hex.equals("00000000000000000000000001000000")) {
            return "::1";
        }
        return hex;
    }

    private static String ipv4(String word) {
        long value = Long.parseLong(word, 16);
        return (value & 0xff) + "." + (value >> 8 & 0xff) + "." + (value >> 16 & 0xff) + "." + (value >> 24 & 0xff);
    }
}
