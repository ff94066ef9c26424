package io.agent7.agent.collect.windows.process;

import java.util.List;

/** The four socket tables of one reading, each as the IP Helper API returned it. */
public record ConnectionTables(List<TcpRow> tcp, List<Tcp6Row> tcp6, List<UdpRow> udp, List<Udp6Row> udp6) {

    public ConnectionTables {
        tcp = List.copyOf(tcp);
        tcp6 = List.copyOf(tcp6);
        udp = List.copyOf(udp);
        udp6 = List.copyOf(udp6);
    }
}
