package io.agent7.agent.collect.linux;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.Doc;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * What starts with the system or at logon: systemd units enabled for the multi-user and
 * graphical targets, /etc/rc.local, SysV init scripts linked into runlevels 2 to 5, XDG
 * autostart entries (for every user and per user) and {@code @reboot} cron jobs.
 */
public final class StartupItemCollector implements Collector {

    private static final List<String> TARGETS = List.of("multi-user.target", "graphical.target");
    /** Field codes of a desktop entry's Exec= that the launcher replaces with files, URLs or icons. */
    private static final String FIELD_CODES = "fFuUdDnNickvm";

    private final Root root;
    private final FileHashes hashes = new FileHashes();

    private final DataType type;

    public StartupItemCollector(Schema schema, Path root) {
        this.type = schema.require("startup_item");
        this.root = new Root(root);
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        Accounts accounts = Accounts.load(root);
        String hostName = HostName.of(root);
        List<ObjectNode> documents = new ArrayList<>();
        systemdUnits(documents, accounts, hostName);
        rcLocal(documents, accounts, hostName);
        initScripts(documents, accounts, hostName);
        xdgAutostart(documents, accounts, hostName);
        cronReboot(documents, accounts, hostName);
        return documents;
    }

    private void systemdUnits(List<ObjectNode> documents, Accounts accounts, String hostName) {
        SystemdUnits units = SystemdUnits.scan(root);
        for (String target : TARGETS) {
            for (Path link : units.wants(target)) {
                String name = link.getFileName().toString();
                Doc doc = item(root.show(link), name, "systemd_unit", "machine", true);
                SystemdUnits.Unit unit = units.load(name);
                if (unit != null && !unit.masked() && name.endsWith(".service")) {
                    String user = SystemdUnits.user(unit);
                    runs(doc, SystemdUnits.execStart(unit, root), user, accounts, hostName);
                }
                documents.add(doc.build());
            }
        }
    }

    private void rcLocal(List<ObjectNode> documents, Accounts accounts, String hostName) {
        Path rcLocal = root.at("/etc/rc.local");
        if (Root.isRegularFile(rcLocal) && Files.isExecutable(rcLocal)) {
            Doc doc = item("/etc/rc.local", "rc.local", "rc_local", "machine", true);
            runs(
                    doc,
                    new CommandLine("/etc/rc.local", "/etc/rc.local", List.of("/etc/rc.local")),
                    "root",
                    accounts,
                    hostName);
            documents.add(doc.build());
        }
    }

    /** Each script once, however many runlevels start it. */
    private void initScripts(List<ObjectNode> documents, Accounts accounts, String hostName) {
        Set<String> scripts = new LinkedHashSet<>();
        for (int level = 2; level <= 5; level++) {
            for (Path link : Root.list(root.at("/etc/rc" + level + ".d"))) {
                String linkName = link.getFileName().toString();
                String target = Root.linkText(link);
                if (linkName.startsWith("S") && target != null) {
                    scripts.add(SystemdUnits.fileName(target));
                }
            }
        }
        for (String script : scripts) {
            String path = "/etc/init.d/" + script;
            if (!Root.isRegularFile(root.at(path))) {
                continue;
            }
            Doc doc = item(path, script, "init_d", "machine", true);
            runs(doc, new CommandLine(path + " start", path, List.of(path, "start")), "root", accounts, hostName);
            documents.add(doc.build());
        }
    }

    private void xdgAutostart(List<ObjectNode> documents, Accounts accounts, String hostName) {
        for (Path entry : Root.list(root.at("/etc/xdg/autostart"))) {
            desktopEntry(documents, entry, null, accounts, hostName);
        }
        Map<String, String> homes = new LinkedHashMap<>();
        for (Accounts.User user : accounts.users()) {
            if (user.home().startsWith("/") && user.home().length() > 1) {
                homes.putIfAbsent(user.home(), user.name());
            }
        }
        for (Path home : Root.list(root.at("/home"))) {
            homes.putIfAbsent(root.show(home), home.getFileName().toString());
        }
        for (Map.Entry<String, String> home : homes.entrySet()) {
            for (Path entry : Root.list(root.at(home.getKey() + "/.config/autostart"))) {
                desktopEntry(documents, entry, home.getValue(), accounts, hostName);
            }
        }
    }

    private void desktopEntry(List<ObjectNode> documents, Path file, String user, Accounts accounts, String hostName) {
        if (!file.getFileName().toString().endsWith(".desktop") || !Root.isRegularFile(file)) {
            return;
        }
        String text = Root.read(file);
        if (text == null) {
            return;
        }
        IniFile entry = IniFile.parse(text);
        String section = "Desktop Entry";
        String name = entry.last(section, "Name");
        boolean enabled = !Boolean.TRUE.equals(entry.bool(section, "Hidden"))
                && !Boolean.FALSE.equals(entry.bool(section, "X-GNOME-Autostart-enabled"));
        Doc doc = item(
                root.show(file),
                name != null ? name : file.getFileName().toString(),
                "xdg_autostart",
                user == null ? "machine" : "user",
                enabled);
        String exec = withoutFieldCodes(entry.last(section, "Exec"));
        CommandLine command = CommandLine.of(exec, root, CommandLine.SYSTEMD_PATH);
        if (user != null) {
            runs(doc, command, user, accounts, hostName);
        } else {
            // an entry for every user runs as whoever logs on: no account, and not privileged as such
            doc.command(command);
            hash(doc, command);
        }
        documents.add(doc.build());
    }

    static String withoutFieldCodes(String exec) {
        if (exec == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(exec.length());
        for (int i = 0; i < exec.length(); i++) {
            char c = exec.charAt(i);
            if (c == '%' && i + 1 < exec.length()) {
                char code = exec.charAt(++i);
                if (code == '%') {
                    out.append('%');
                } else if (FIELD_CODES.indexOf(code) < 0) {
                    out.append('%').append(code);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString().strip().replaceAll("\\s{2,}", " ");
    }

    private void cronReboot(List<ObjectNode> documents, Accounts accounts, String hostName) {
        for (CronTables.Entry entry : CronTables.read(root)) {
            if (entry.atReboot()) {
                Doc doc = item(
                        entry.location(),
                        entry.displayName(),
                        "cron_reboot",
                        entry.userTable() ? "user" : "machine",
                        true);
                runs(doc, CronTables.command(entry, root), entry.user(), accounts, hostName);
                documents.add(doc.build());
            }
        }
    }

    private static Doc item(String location, String name, String source, String scope, boolean enabled) {
        return new Doc()
                .text("startup_item.location", location)
                .text("startup_item.name", name)
                .text("startup_item.source", source)
                .text("startup_item.scope", scope)
                .bool("startup_item.enabled", enabled);
    }

    private void runs(Doc doc, CommandLine command, String user, Accounts accounts, String hostName) {
        doc.command(command).account(user, accounts.id(user), accounts.domain(user, hostName));
        hash(doc, command);
        if (user != null) {
            doc.bool("startup_item.privileged", accounts.privileged(user));
        }
    }

    private void hash(Doc doc, CommandLine command) {
        if (command != null) {
            doc.text("process.hash.sha256", hashes.sha256(command.programFile(root)));
        }
    }
}
