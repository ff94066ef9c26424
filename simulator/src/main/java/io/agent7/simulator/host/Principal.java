package io.agent7.simulator.host;

/**
 * An account something runs as: its name, the domain or authority it belongs to (null on
 * Linux) and its SID or uid.
 */
record Principal(String name, String domain, String id) {

    /** DOMAIN\name on Windows, the bare name on Linux: how process listings show it. */
    String qualified() {
        return domain == null ? name : domain + "\\" + name;
    }
}
