package io.agent7.simulator.host;

import java.util.function.Consumer;

/**
 * The listening sockets of a host, derived from what runs: each program's and service's
 * ports while its process lives, HTTP.sys ports under System (pid 4), and Docker's
 * published ports under docker-proxy. Derived rather than stored, so they always agree
 * with the process list.
 */
final class Listeners {

    /** One listening socket. */
    record Socket(boolean tcp, int bind, int port, int pid) {}

    private Listeners() {}

    static void forEach(HostState h, Consumer<Socket> out) {
        int dockerProxy = h.programs.has("dockerproxy") ? h.programs.index("dockerproxy") : -1;
        for (Proc proc : h.processes.all()) {
            Program program = h.programs.get(proc.program());
            for (Listen l : program.listens()) {
                out.accept(new Socket(l.tcp(), l.bind(), l.port(), proc.pid()));
            }
            for (int service : h.hostedServices(proc)) {
                ServiceDef def = h.services.get(service);
                for (Listen l : def.listens()) {
                    out.accept(new Socket(l.tcp(), l.bind(), l.port(), def.httpSys() ? 4 : proc.pid()));
                }
            }
            if (proc.program() == dockerProxy) {
                int port = Containers.of(h.profile, proc.arg()).hostPort();
                out.accept(new Socket(true, Listen.ANY4, port, proc.pid()));
                out.accept(new Socket(true, Listen.ANY6, port, proc.pid()));
            }
        }
    }

    static String address(HostProfile host, int bind) {
        return switch (bind) {
            case Listen.ANY4 -> "0.0.0.0";
            case Listen.ANY6 -> "::";
            case Listen.HOST -> Org.ipText(host.ip);
            case Listen.LOOP4 -> "127.0.0.1";
            case Listen.LOOP6 -> "::1";
            case Listen.RESOLVER -> "127.0.0.53";
            default -> throw new IllegalArgumentException("Unknown bind " + bind);
        };
    }

    static boolean ipv6(int bind) {
        return bind == Listen.ANY6 || bind == Listen.LOOP6;
    }
}
