package io.agent7.simulator.host;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.state.HostFacts;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * One simulated endpoint of a fleet: a Windows workstation or server, or a Linux server,
 * with realistic, varied and slowly changing state, collected as the real collectors would
 * report it. Hosts are small (indices into shared catalogues, a few hundred compact
 * records) and build documents only when asked. Not thread-safe: use one host from one
 * thread at a time; different hosts are independent.
 */
public final class VirtualHost {

    private final HostState state;

    private VirtualHost(HostState state) {
        this.state = state;
    }

    /** Deterministic for a given (seed, index): the same fleet every run. */
    public static VirtualHost create(long seed, int index, Instant now) {
        if (index < 0) {
            throw new IllegalArgumentException("Host index must be 0 or more, got " + index);
        }
        long t = now.toEpochMilli();
        HostState state = new HostState(HostProfile.create(seed, index, t));
        state.initialLastLogons(t);
        state.run(t - HostState.WARM_UP, t);
        state.trim();
        return new VirtualHost(state);
    }

    /** Stable and unique per index: a MachineGuid on Windows, an /etc/machine-id on Linux. */
    public String machineId() {
        return state.profile.machineId;
    }

    public String hostName() {
        return state.profile.hostName;
    }

    /** "windows" or "linux". */
    public String osFamily() {
        return state.profile.windows ? "windows" : "linux";
    }

    /** What the host reports at enrollment; the kernel is the build or kernel it booted. */
    public HostFacts facts() {
        HostProfile p = state.profile;
        String kernel = p.windows ? p.os.windowsBuild(state.bootLevel) : p.os.linuxKernel(state.bootLevel);
        return new HostFacts(p.machineId, p.hostName, osFamily(), p.os.productName, p.os.version, kernel);
    }

    public List<String> ips() {
        HostProfile p = state.profile;
        List<String> ips = new ArrayList<>(3);
        ips.add(Org.ipText(p.ip));
        ips.add(p.linkLocal);
        if (p.role == Role.DOCKER) {
            ips.add("172.17.0.1");
        }
        return ips;
    }

    /**
     * The host's collectors, one per data type it has, each reporting the current items as a
     * real collector would: only the type's own fields, no host, agent or state fields. A
     * Windows host also has {@code registry_value}, {@code pipe}, {@code printer} and
     * {@code net_session} (servers' inbound SMB sessions; a workstation's list is empty), made
     * by the Windows collectors' mappings; a Linux host has none of these four. The agent's
     * scheduling drives them as it drives a real host's; documents are built when a collector
     * runs, and never kept.
     */
    public List<Collector> collectors(Schema schema) {
        List<Collector> collectors = new ArrayList<>();
        add(collectors, schema, "process", ProcessDocs::build);
        add(collectors, schema, "service", ServiceDocs::build);
        add(collectors, schema, "scheduled_task", ScheduledTaskDocs::build);
        add(collectors, schema, "startup_item", StartupDocs::build);
        add(collectors, schema, "software", SoftwareDocs::build);
        add(collectors, schema, "update", UpdateDocs::build);
        add(collectors, schema, "logged_on_user", SessionDocs::build);
        add(collectors, schema, "network_connection", ConnectionDocs::build);
        add(collectors, schema, "local_user", AccountDocs::users);
        add(collectors, schema, "local_group", AccountDocs::groups);
        add(collectors, schema, "share", ShareDocs::build);
        add(collectors, schema, "system_metric", MetricDocs::build);
        add(collectors, schema, "disk", DiskDocs::build);
        if (state.profile.windows) {
            add(collectors, schema, "registry_value", RegistryDocs::build);
            add(collectors, schema, "pipe", PipeDocs::build);
            add(collectors, schema, "printer", PrinterDocs::build);
            add(collectors, schema, "net_session", NetSessionDocs::build);
        }
        if (collectsDirectory()) {
            addDirectory(collectors, schema);
        }
        return collectors;
    }

    /**
     * The directory collectors, on the hosts {@link SimulatedDirectory#collects} chooses: present
     * as every agent's are, and run only when the policy turns them on (by default it does not).
     * The directory is looked up when a collector runs, so a host that never collects it never
     * builds it.
     */
    private void addDirectory(List<Collector> collectors, Schema schema) {
        long seed = state.profile.seed;
        add(collectors, schema, "ad_user", s -> SimulatedDirectory.of(seed).users(s.clock));
        add(collectors, schema, "ad_group", s -> SimulatedDirectory.of(seed).groups(s.clock));
        add(collectors, schema, "ad_computer", s -> SimulatedDirectory.of(seed).computers(s.clock));
        add(collectors, schema, "ad_domain", s -> SimulatedDirectory.of(seed).domains());
        add(collectors, schema, "gpo", s -> SimulatedDirectory.of(seed).gpos());
        add(collectors, schema, "sysvol_file", s -> SimulatedDirectory.of(seed).sysvolFiles(s.clock));
    }

    /** Whether this host has the directory collectors. */
    boolean collectsDirectory() {
        return SimulatedDirectory.collects(state.profile);
    }

    private void add(
            List<Collector> collectors, Schema schema, String type, Function<HostState, List<ObjectNode>> documents) {
        collectors.add(new StateCollector(schema.require(type), () -> documents.apply(state)));
    }

    /** A collector of a virtual host: builds its documents from the host's state when it runs. */
    private record StateCollector(DataType type, Supplier<List<ObjectNode>> documents) implements Collector {
        @Override
        public List<ObjectNode> collect() {
            return documents.get();
        }
    }

    /**
     * Moves the host's state forward by {@code elapsed} of simulated time, ending at
     * {@code now}: processes start and stop, users log on and off, software upgrades,
     * patches install and hosts reboot on schedule. Deterministic: the same calls give the
     * same state. The simulated span never reaches back before the previous {@code now};
     * when {@code elapsed} is shorter than the time since then, the host jumps over the gap
     * (boots, logons and upgrades in it still happen, short-lived activity does not).
     */
    public void advance(Duration elapsed, Instant now) {
        if (elapsed.isNegative()) {
            throw new IllegalArgumentException("Cannot advance by a negative duration: " + elapsed);
        }
        long t = now.toEpochMilli();
        if (t < state.clock) {
            throw new IllegalArgumentException(
                    "Cannot advance to " + now + ", before the host's last time " + Instant.ofEpochMilli(state.clock));
        }
        state.run(Math.max(t - elapsed.toMillis(), state.clock), t);
    }

    /** Names of the suspicious items planted on this host; empty for about 49 hosts in 50. */
    public Set<String> plantedFindings() {
        Planted planted = state.profile.planted;
        if (planted == null) {
            return Set.of();
        }
        Set<String> labels = new LinkedHashSet<>();
        for (Finding f : planted.findings) {
            labels.add(f.label);
        }
        return Collections.unmodifiableSet(labels);
    }

    /** The role, for tests and the fleet's own reports. */
    String role() {
        return state.profile.role.name();
    }
}
