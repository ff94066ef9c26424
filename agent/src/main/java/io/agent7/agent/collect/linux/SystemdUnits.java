package io.agent7.agent.collect.linux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The systemd unit files of a host, found the way systemd finds them: the first of the unit
 * directories that has a unit of a name wins, a link to /dev/null masks it, a link under
 * another name is an alias, and {@code <unit>.d/*.conf} drop-ins amend it. Whether a unit is
 * enabled comes from the links in /etc/systemd/system's {@code *.wants} and {@code *.requires}.
 */
final class SystemdUnits {

    static final String ADMIN_DIR = "/etc/systemd/system";
    static final List<String> UNIT_DIRS =
            List.of(ADMIN_DIR, "/run/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system");
    private static final List<String> INSTALL_KEYS = List.of("WantedBy", "RequiredBy", "UpheldBy", "Alias", "Also");

    /** A unit file as found: its host path, and whether it is a mask. */
    private record Found(String path, Path file, boolean masked) {}

    /**
     * A loaded unit.
     *
     * @param name     the unit's name, e.g. {@code getty@tty1.service}
     * @param path     the host path of its file (of the template for an instance)
     * @param masked   linked to /dev/null: it cannot start, and has no content
     * @param file     its settings with drop-ins applied; empty when masked
     * @param instance the instance of a template unit, or null
     */
    record Unit(String name, String path, boolean masked, IniFile file, String instance) {

        /** The name without its type suffix. */
        String prefixName() {
            int dot = name.lastIndexOf('.');
            return dot > 0 ? name.substring(0, dot) : name;
        }

        /** A setting with the unit specifiers systemd expands in it (%i, %I, %n, %N, %p, %P, %%). */
        String expand(String value) {
            if (value == null || value.indexOf('%') < 0) {
                return value;
            }
            String full = prefixName();
            int at = full.indexOf('@');
            String prefix = at >= 0 ? full.substring(0, at) : full;
            String inst = instance == null ? "" : instance;
            StringBuilder out = new StringBuilder(value.length() + 16);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c != '%' || i + 1 >= value.length()) {
                    out.append(c);
                    continue;
                }
                char s = value.charAt(++i);
                switch (s) {
                    case 'i':
                        out.append(inst);
                        break;
                    case 'I':
                        out.append(unescape(inst));
                        break;
                    case 'n':
                        out.append(name);
                        break;
                    case 'N':
                        out.append(full);
                        break;
                    case 'p':
                        out.append(prefix);
                        break;
                    case 'P':
                        out.append(unescape(prefix));
                        break;
                    case '%':
                        out.append('%');
                        break;
                    default:
                        out.append('%').append(s);
                }
            }
            return out.toString();
        }

        /** Reverses systemd-escape: "-" stands for "/", "\x2d" for a dash. */
        private static String unescape(String text) {
            StringBuilder out = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '-') {
                    out.append('/');
                } else if (c == '\\' && i + 3 < text.length() && text.charAt(i + 1) == 'x') {
                    try {
                        out.append((char) Integer.parseInt(text.substring(i + 2, i + 4), 16));
                        i += 3;
                    } catch (NumberFormatException e) {
                        out.append(c);
                    }
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }

    private final Root root;
    private final Map<String, Found> found = new LinkedHashMap<>();
    private final Set<String> aliases = new HashSet<>();
    private final Set<String> enabled = new HashSet<>();

    private SystemdUnits(Root root) {
        this.root = root;
    }

    static SystemdUnits scan(Root root) {
        SystemdUnits units = new SystemdUnits(root);
        for (String dir : UNIT_DIRS) {
            for (Path entry : Root.list(root.at(dir))) {
                units.index(dir, entry);
            }
        }
        for (Path entry : Root.list(root.at(ADMIN_DIR))) {
            String name = entry.getFileName().toString();
            if (Root.isDirectory(entry)
                    && (name.endsWith(".wants") || name.endsWith(".requires") || name.endsWith(".upholds"))) {
                for (Path link : Root.list(entry)) {
                    units.enabled.add(link.getFileName().toString());
                }
            } else if (Root.isSymbolicLink(entry) && units.aliases.contains(name)) {
                // an alias link in the admin directory is how "systemctl enable" installs Alias=
                String target = Root.linkText(entry);
                if (target != null) {
                    units.enabled.add(fileName(target));
                }
            }
        }
        return units;
    }

    private void index(String dir, Path entry) {
        String name = entry.getFileName().toString();
        if (name.indexOf('.') <= 0
                || name.endsWith(".d")
                || name.endsWith(".wants")
                || name.endsWith(".requires")
                || name.endsWith(".upholds")
                || found.containsKey(name)
                || aliases.contains(name)) {
            return;
        }
        String host = dir + "/" + name;
        if (Root.isSymbolicLink(entry)) {
            String target = Root.linkText(entry);
            if (target == null) {
                return;
            }
            if (target.equals("/dev/null")) {
                found.put(name, new Found(host, entry, true));
            } else if (!fileName(target).equals(name)) {
                aliases.add(name);
            } else {
                Path file = root.linkTarget(entry);
                if (file != null && Root.isRegularFile(file)) {
                    found.put(name, new Found(host, file, false));
                }
            }
        } else if (Root.isRegularFile(entry)) {
            found.put(name, new Found(host, entry, false));
        }
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Names of the units of a type (".service"), without templates or aliases, sorted. */
    List<String> names(String suffix) {
        List<String> names = new ArrayList<>();
        for (String name : found.keySet()) {
            if (name.endsWith(suffix) && !name.contains("@" + suffix)) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    /** Instances of templates that are enabled, e.g. getty@tty1.service. */
    List<String> enabledInstances(String suffix) {
        List<String> names = new ArrayList<>();
        for (String name : enabled) {
            int at = name.indexOf('@');
            if (name.endsWith(suffix) && at > 0 && at + 1 < name.length() - suffix.length()) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    /** The unit with its drop-ins, or null when no file defines it (an alias resolves to nothing here). */
    Unit load(String name) {
        Found unitFile = found.get(name);
        String instance = null;
        String template = null;
        int at = name.indexOf('@');
        int dot = name.lastIndexOf('.');
        if (at > 0 && dot > at) {
            instance = name.substring(at + 1, dot);
            template = name.substring(0, at + 1) + name.substring(dot);
            if (unitFile == null) {
                unitFile = found.get(template);
            }
        }
        if (unitFile == null) {
            return null;
        }
        if (unitFile.masked()) {
            return new Unit(name, unitFile.path(), true, IniFile.parse(null), instance);
        }
        String text = Root.read(unitFile.file());
        if (text == null) {
            return null;
        }
        IniFile file = IniFile.parse(text);
        for (Path dropIn : dropIns(name, template)) {
            String more = Root.read(dropIn);
            if (more != null) {
                file.add(more);
            }
        }
        return new Unit(name, unitFile.path(), false, file, instance);
    }

    /** {@code <unit>.d/*.conf} of every unit directory, by file name (an earlier directory wins), sorted. */
    private List<Path> dropIns(String name, String template) {
        Map<String, Path> byName = new TreeMap<>();
        for (String dir : UNIT_DIRS) {
            for (String unit : template == null ? List.of(name) : List.of(template, name)) {
                for (Path conf : Root.list(root.at(dir + "/" + unit + ".d"))) {
                    String file = conf.getFileName().toString();
                    if (file.endsWith(".conf")) {
                        byName.putIfAbsent(file, conf);
                    }
                }
            }
        }
        return new ArrayList<>(byName.values());
    }

    boolean isEnabled(String name) {
        return enabled.contains(name);
    }

    /** enabled, disabled, static (nothing to enable it with) or masked, as systemctl is-enabled says. */
    String startType(Unit unit) {
        if (unit.masked()) {
            return "masked";
        }
        if (enabled.contains(unit.name())) {
            return "enabled";
        }
        for (String key : INSTALL_KEYS) {
            if (!unit.file().all("Install", key).isEmpty()) {
                return "disabled";
            }
        }
        return "static";
    }

    /** The links in /etc/systemd/system/&lt;target&gt;.wants: what the target starts. */
    List<Path> wants(String target) {
        return Root.list(root.at(ADMIN_DIR + "/" + target + ".wants"));
    }

    /**
     * The unit's commands (ExecStart=, several for oneshot units), prefixes such as "-" (ignore
     * failure) and "+" (full privileges) removed. The command line holds every command, joined
     * by " ; ", so none is hidden from a search; the program and arguments are the first one's.
     */
    static CommandLine execStart(Unit unit, Root root) {
        List<String> commands = new ArrayList<>();
        for (String value : unit.file().all("Service", "ExecStart")) {
            String command = stripPrefixes(unit.expand(value));
            if (!command.isEmpty()) {
                commands.add(command);
            }
        }
        if (commands.isEmpty()) {
            return null;
        }
        CommandLine first = CommandLine.of(commands.get(0), root, CommandLine.SYSTEMD_PATH);
        String program = first.args().isEmpty() ? null : first.args().get(0);
        String executable = CommandLine.resolve(program, root, CommandLine.SYSTEMD_PATH);
        return new CommandLine(String.join(" ; ", commands), executable, first.args());
    }

    static String stripPrefixes(String command) {
        int i = 0;
        while (i < command.length() && "-@:+!|".indexOf(command.charAt(i)) >= 0) {
            i++;
        }
        return command.substring(i).strip();
    }

    /** The account the unit's processes run as: User=, else a dynamic user named after the unit, else root. */
    static String user(Unit unit) {
        String user = unit.expand(unit.file().last("Service", "User"));
        if (user != null) {
            return user;
        }
        if (Boolean.TRUE.equals(unit.file().bool("Service", "DynamicUser"))) {
            return unit.prefixName();
        }
        return "root";
    }

    /** Units systemd lists in systemctl show, by Id: the host's live view of them. */
    record State(String activeState, String subState, long mainPid, String loadState) {}

    /** Parses {@code systemctl show}'s blocks of Key=Value lines, one block a unit. */
    static Map<String, State> parseShow(String output) {
        Map<String, State> states = new HashMap<>();
        Map<String, String> block = new HashMap<>();
        for (String line : Root.splitLines(output + "\n\n")) {
            if (line.isBlank()) {
                String id = block.get("Id");
                if (id != null) {
                    long pid;
                    try {
                        pid = Long.parseLong(block.getOrDefault("MainPID", "0"));
                    } catch (NumberFormatException e) {
                        pid = 0;
                    }
                    states.put(
                            id,
                            new State(block.get("ActiveState"), block.get("SubState"), pid, block.get("LoadState")));
                }
                block.clear();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                block.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return states;
    }
}
