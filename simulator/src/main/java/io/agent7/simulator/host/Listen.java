package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A socket a program or service listens on while it runs. */
record Listen(boolean tcp, int bind, int port) {

    static final int ANY4 = 0;
    static final int ANY6 = 1;
    /** The host's own IPv4 address (NetBIOS, SSDP). */
    static final int HOST = 2;

    static final int LOOP4 = 3;
    static final int LOOP6 = 4;
    /** systemd-resolved's stub listener, 127.0.0.53. */
    static final int RESOLVER = 5;

    /** Parses {@code tcp:135:any4,any6;udp:5353:any4}; empty for an empty spec. */
    static List<Listen> parse(String spec) {
        List<Listen> listens = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return listens;
        }
        for (String part : spec.split(";")) {
            String[] fields = part.trim().split(":");
            boolean tcp = fields[0].equals("tcp");
            int port = Integer.parseInt(fields[1]);
            for (String bind : fields[2].split(",")) {
                listens.add(new Listen(tcp, bindOf(bind.trim().toLowerCase(Locale.ROOT)), port));
            }
        }
        return List.copyOf(listens);
    }

    private static int bindOf(String name) {
        return switch (name) {
            case "any4" -> ANY4;
            case "any6" -> ANY6;
            case "host" -> HOST;
            case "loop4" -> LOOP4;
            case "loop6" -> LOOP6;
            case "resolver" -> RESOLVER;
            default -> throw new IllegalArgumentException("Unknown bind address " + name);
        };
    }
}
