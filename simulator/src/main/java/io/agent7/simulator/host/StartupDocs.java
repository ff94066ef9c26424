package io.agent7.simulator.host;

import io.agent7.agent.collect.windows.config.ShellLink;
import io.agent7.agent.collect.windows.config.StartupMapping;
import io.agent7.agent.collect.windows.config.StartupValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.node.ObjectNode;

/** {@code startup_item} documents: Run keys, startup folders and Winlogon; enabled systemd units and @reboot cron lines. */
final class StartupDocs {

    /**
     * The agent's mapping, with the environment every simulated Windows host has; the files
     * that exist are the catalog's programs at fixed paths (Winlogon's bare "explorer.exe" is
     * found in the Windows folder, as on a real host).
     */
    private static final StartupMapping STARTUP =
            new StartupMapping(WindowsEnvironment.VARIABLES, programFiles()::contains);

    private StartupDocs() {}

    private static Set<String> programFiles() {
        Set<String> files = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Programs.WINDOWS.all().stream()
                .map(Program::path)
                .filter(path -> path.indexOf('{') < 0)
                .forEach(files::add);
        return files;
    }

    static List<ObjectNode> build(HostState h) {
        return h.profile.windows ? windows(h) : linux(h);
    }

    /**
     * What the real collector reads for each entry (the registry value as stored, or the
     * shortcut), turned into documents by the agent's own mapping; the image facts the agent
     * reads from files are added after.
     */
    private static List<ObjectNode> windows(HostState h) {
        List<ObjectNode> docs = new ArrayList<>();
        for (StartupEntries.Entry e : StartupEntries.of(h)) {
            Principal user = e.user();
            StartupValue value = new StartupValue(
                    e.location(),
                    e.name(),
                    e.source(),
                    e.registry() ? e.data() : null,
                    e.registry() ? null : shortcut(e),
                    null,
                    null,
                    user == null ? null : user.id(),
                    user == null ? null : user.name(),
                    user == null ? null : user.domain());
            for (ObjectNode doc : STARTUP.documents(value)) {
                ObjectNode process = Json.obj(doc, "process");
                ImageFields.write(
                        process,
                        process.path("executable").asString(null),
                        null,
                        false,
                        e.hash(),
                        e.version(),
                        e.signed() ? "Microsoft Corporation" : "",
                        "",
                        true,
                        e.signed());
                docs.add(doc);
            }
        }
        return docs;
    }

    /** The shortcut a Startup folder entry is: its target, and the arguments its command adds. */
    private static ShellLink shortcut(StartupEntries.Entry e) {
        String quoted = "\"" + e.data() + "\"";
        String arguments = e.command().startsWith(quoted)
                ? e.command().substring(quoted.length()).strip()
                : null;
        return new ShellLink(
                e.data(), null, null, null, null, arguments == null || arguments.isEmpty() ? null : arguments, null);
    }

    private static List<ObjectNode> linux(HostState h) {
        List<ObjectNode> docs = new ArrayList<>();
        for (int i = 0; i < h.services.size(); i++) {
            ServiceDef def = h.services.get(i);
            if (!def.start().equals("enabled") || !h.serviceExists(def, h.clock)) {
                continue;
            }
            String name = ProcessVars.distroProduct(h.profile, def.name());
            String command = ProcessVars.distroProduct(h.profile, def.execStart());
            String executable = def.host().equals("-")
                    ? ServiceDocs.executableOf(command)
                    : ProcessVars.distroProduct(
                            h.profile, h.programs.get(def.host()).path());
            docs.add(linuxItem(
                    h,
                    name,
                    wants(name),
                    "machine",
                    "systemd_unit",
                    command,
                    executable,
                    LinuxModel.uid(h, def.account()),
                    true));
        }
        Planted planted = h.profile.planted;
        if (planted != null && planted.has(Finding.SYSTEMD_UNIT_IN_TMP)) {
            docs.add(linuxItem(
                    h,
                    planted.unitName,
                    "/etc/systemd/system/multi-user.target.wants/" + planted.unitName,
                    "machine",
                    "systemd_unit",
                    planted.unitBinary,
                    planted.unitBinary,
                    0,
                    false));
        }
        if (planted != null && planted.has(Finding.CRON_REBOOT_IN_TMP)) {
            String command = ScheduledTaskDocs.plantedCronCommand(planted);
            docs.add(linuxItem(
                    h,
                    ScheduledTaskDocs.cronName(ScheduledTaskDocs.PLANTED_CRONTAB, command),
                    ScheduledTaskDocs.PLANTED_CRONTAB + ":" + ScheduledTaskDocs.PLANTED_CRON_LINE,
                    "user",
                    "cron_reboot",
                    command,
                    planted.cronBinary,
                    0,
                    false));
        }
        return docs;
    }

    /** The link systemctl enable made for a unit, in the .wants directory of the target it is wanted by. */
    private static String wants(String unit) {
        String target = "multi-user.target";
        if (unit.startsWith("getty@")) {
            target = "getty.target";
        } else if (unit.equals("systemd-timesyncd.service") || unit.equals("e2scrub_reap.service")) {
            target = "sysinit.target";
        }
        return "/etc/systemd/system/" + target + ".wants/" + unit;
    }

    private static ObjectNode linuxItem(
            HostState h,
            String name,
            String location,
            String scope,
            String source,
            String command,
            String executable,
            int uid,
            boolean packaged) {
        ObjectNode doc = Json.doc();
        ObjectNode item = doc.putObject("startup_item");
        item.put("name", name);
        item.put("location", location);
        item.put("source", source);
        item.put("scope", scope);
        item.put("enabled", true);
        item.put("privileged", uid == 0);
        ImageFields.write(
                doc.putObject("process"),
                executable,
                command,
                !packaged,
                executable,
                packaged ? "" : "1.0",
                "",
                "",
                false,
                packaged);
        Principal principal = h.principal(uid);
        ObjectNode user = doc.putObject("user");
        user.put("name", principal.name());
        user.put("id", principal.id());
        return doc;
    }
}
