package io.agent7.agent.collect.linux;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.Doc;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * systemd services, from their unit files: what they run, as whom, and whether they are
 * enabled. Where systemd runs, {@code systemctl show} adds each unit's state and main pid;
 * without it (containers, chroots) the state is left out rather than guessed.
 */
public final class ServiceCollector implements Collector {

    static final List<String> SYSTEMCTL_SHOW = List.of(
            "systemctl",
            "show",
            "--all",
            "--type=service",
            "--property=Id,LoadState,ActiveState,SubState,MainPID",
            "--no-pager");

    private final Root root;
    private final CommandRunner systemctl;
    private final FileHashes hashes = new FileHashes();

    private final DataType type;

    /** On the live root, asks systemctl for states; on any other root (a fixture) only its files count. */
    public ServiceCollector(Schema schema, Path root) {
        this(schema, root, new Root(root).isLive() ? CommandRunner.processes() : null);
    }

    ServiceCollector(Schema schema, Path root, CommandRunner systemctl) {
        this.type = schema.require("service");
        this.root = new Root(root);
        this.systemctl = systemctl;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        SystemdUnits units = SystemdUnits.scan(root);
        Map<String, SystemdUnits.State> states = states();
        Set<String> names = new LinkedHashSet<>(units.names(".service"));
        names.addAll(units.enabledInstances(".service"));
        for (Map.Entry<String, SystemdUnits.State> state : states.entrySet()) {
            // systemctl also lists units that something refers to but no file defines
            if (!"not-found".equals(state.getValue().loadState())) {
                names.add(state.getKey());
            }
        }
        if (names.isEmpty()) {
            return List.of();
        }
        Accounts accounts = Accounts.load(root);
        String hostName = HostName.of(root);
        List<ObjectNode> documents = new ArrayList<>(names.size());
        for (String name : names) {
            SystemdUnits.Unit unit = units.load(name);
            SystemdUnits.State state = states.get(name);
            if (unit == null && state == null) {
                continue;
            }
            Doc doc = new Doc().text("service.name", name);
            if (unit != null) {
                describe(doc, unit, units, accounts, hostName);
            }
            if (state != null) {
                doc.text("service.state", state.activeState());
                if (state.mainPid() > 0) {
                    doc.number("service.pid", state.mainPid());
                }
            }
            documents.add(doc.build());
        }
        return documents;
    }

    private void describe(Doc doc, SystemdUnits.Unit unit, SystemdUnits units, Accounts accounts, String hostName) {
        doc.text("service.unit_file", unit.path()).text("service.start_type", units.startType(unit));
        if (unit.masked()) {
            return;
        }
        IniFile file = unit.file();
        CommandLine command = SystemdUnits.execStart(unit, root);
        List<String> dependencies = new ArrayList<>(file.words("Unit", "Requires"));
        for (String key : List.of("Wants", "After")) {
            for (String dependency : file.words("Unit", key)) {
                if (!dependencies.contains(dependency)) {
                    dependencies.add(dependency);
                }
            }
        }
        String user = SystemdUnits.user(unit);
        Accounts.User account = accounts.user(user);
        doc.text("service.description", unit.expand(file.last("Unit", "Description")))
                .text("service.type", serviceType(file, command != null))
                .texts("service.dependencies", dependencies)
                .command(command)
                .text("process.working_directory", workingDirectory(unit))
                .account(user, accounts.id(user), accounts.domain(user, hostName))
                .bool("service.privileged", account != null ? account.uid() == 0 : "root".equals(user));
        if (command != null) {
            doc.text("process.hash.sha256", hashes.sha256(command.programFile(root)));
        }
    }

    /** Type=, or systemd's default: dbus with a BusName=, simple with an ExecStart=, oneshot without. */
    static String serviceType(IniFile file, boolean hasExecStart) {
        String type = file.last("Service", "Type");
        if (type != null) {
            return type;
        }
        if (file.last("Service", "BusName") != null) {
            return "dbus";
        }
        return hasExecStart ? "simple" : "oneshot";
    }

    private static String workingDirectory(SystemdUnits.Unit unit) {
        String dir = unit.expand(unit.file().last("Service", "WorkingDirectory"));
        if (dir == null) {
            return null;
        }
        // "-" only says a missing directory is no error
        return dir.startsWith("-") ? dir.substring(1) : dir;
    }

    private Map<String, SystemdUnits.State> states() {
        // /run/systemd/system exists exactly when systemd is PID 1 (sd_booted); without it systemctl can only fail
        if (systemctl == null || !Root.isDirectory(root.at("/run/systemd/system"))) {
            return Map.of();
        }
        return systemctl.run(SYSTEMCTL_SHOW).map(SystemdUnits::parseShow).orElse(Map.of());
    }
}
