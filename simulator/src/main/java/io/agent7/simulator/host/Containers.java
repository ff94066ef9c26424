package io.agent7.simulator.host;

import java.util.List;

/** The containers a Docker host runs, decided by its key: image, ports, address. */
final class Containers {

    record Container(String program, int hostPort, int containerPort) {}

    private static final List<Container> KINDS = List.of(
            new Container("ct_node", 8080, 3000),
            new Container("ct_redis", 0, 6379),
            new Container("ct_gunicorn", 8000, 8000));

    private Containers() {}

    static int count(HostProfile host) {
        return host.role == Role.DOCKER ? 2 + Seeds.below(Seeds.of(host.key, 0xC0), 4) : 0;
    }

    static Container of(HostProfile host, int index) {
        Container kind = KINDS.get(Seeds.below(Seeds.of(host.key, 0xC1, index), KINDS.size()));
        int hostPort = kind.hostPort() == 0 ? 0 : kind.hostPort() + index;
        return new Container(kind.program(), hostPort, kind.containerPort());
    }

    static String address(int index) {
        return "172.17.0." + (2 + index);
    }

    /** The 64-hex container id, as containerd-shim's command line shows it. */
    static String id(HostProfile host, int index) {
        return Hashes.hex(Seeds.of(host.key, 0xC1D, index), 64);
    }
}
