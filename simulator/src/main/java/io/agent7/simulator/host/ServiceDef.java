package io.agent7.simulator.host;

import java.util.List;
import java.util.Locale;

/**
 * A Windows service or driver, or a systemd unit.
 *
 * @param type      Windows: own, share, kernel, fs; systemd: the unit's Type=
 * @param start     Windows: boot, system, auto, delayed_auto, manual, disabled; systemd: enabled, static, disabled
 * @param host      what runs it: a svchost group, {@code lsass}, a program key, a driver file, or {@code -}
 * @param account   Windows: LocalSystem, LocalService, NetworkService, NT Service\X, {@code sql}; Linux: user
 * @param roles     where it exists; see {@link Role#matches} and {@code sw:key} for "where that software is installed"
 * @param run       R running, T started on triggers now and then, S stopped, O (systemd) a oneshot that has exited
 * @param httpSys   its listeners belong to HTTP.sys, which netstat shows as the System process
 */
record ServiceDef(
        String name,
        String displayName,
        String type,
        String start,
        String host,
        String account,
        String roles,
        char run,
        List<String> dependencies,
        String dll,
        List<Listen> listens,
        boolean httpSys,
        String unitFile,
        String execStart,
        String description) {

    boolean shared() {
        return type.equals("share");
    }

    boolean driver() {
        return type.equals("kernel") || type.equals("fs");
    }

    boolean inLsass() {
        return host.equals("lsass");
    }

    /**
     * Whether the service shares one svchost with the rest of its group. Windows gives most
     * shared services a svchost of their own, but keeps these groups together
     * (SvcHostSplitDisable), which is what keeps a host at a few dozen svchosts.
     */
    boolean grouped() {
        if (!shared() || inLsass()) {
            return false;
        }
        String group = host.toLowerCase(Locale.ROOT);
        return group.equals("dcomlaunch -p")
                || group.equals("rpcss -p")
                || group.equals("localservicenonetworkfirewall -p");
    }

    /** Whether two services are hosted by the same grouped svchost. */
    boolean sameGroup(ServiceDef other) {
        return grouped() && other.grouped() && host.equalsIgnoreCase(other.host());
    }
}
