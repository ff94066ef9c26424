package io.agent7.agent.collect.linux;

/** The host's name without domain, which names the "domain" of its local accounts. */
final class HostName {

    private HostName() {}

    static String of(Root root) {
        String name = Root.firstLine(root.at("/proc/sys/kernel/hostname"));
        if (name == null) {
            name = Root.firstLine(root.at("/etc/hostname"));
        }
        if (name == null) {
            return null;
        }
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
