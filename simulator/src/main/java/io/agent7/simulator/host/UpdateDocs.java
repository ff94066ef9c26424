package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code update} documents: the hotfixes Win32_QuickFixEngineering lists on Windows, and
 * the last months of dpkg's log (installs, upgrades, removals) on Linux, with who ran them.
 */
final class UpdateDocs {

    /** How far back dpkg's rotated logs reach. */
    private static final long DPKG_LOG = 180 * SimTime.DAY;

    private UpdateDocs() {}

    static List<ObjectNode> build(HostState h) {
        return h.profile.windows ? windows(h) : linux(h);
    }

    private static List<ObjectNode> windows(HostState h) {
        HostProfile p = h.profile;
        List<ObjectNode> docs = new ArrayList<>();
        int image = Patches.imageMonth(p);
        int current = Patches.patchedMonth(p, h.clock);
        if (p.os == OsRelease.WIN10 || p.os == OsRelease.WS2019) {
            String kb = "KB" + (p.os.baseKb - 900 + 1250 * image);
            docs.add(hotfix(
                    kb,
                    monthName(image) + " Servicing Stack Update for " + p.os.longName + " (" + kb + ")",
                    "update",
                    p.osInstalled));
        }
        for (int month = Math.max(image, current - 2); month <= current; month++) {
            long installed = month == image ? p.osInstalled : Patches.installTime(p, month);
            String kb = p.os.cumulativeUpdateKb(month);
            docs.add(hotfix(
                    kb,
                    monthName(month) + " Cumulative Update for " + p.os.longName + " (" + kb + ")",
                    "security_update",
                    installed));
            if (Math.floorMod(month, 3) == 0) {
                String net = p.os.dotNetUpdateKb(month);
                docs.add(hotfix(
                        net,
                        monthName(month) + " Cumulative Update for .NET Framework 3.5 and 4.8.1 for " + p.os.longName
                                + " (" + net + ")",
                        "update",
                        installed + 10 * SimTime.MINUTE));
            }
        }
        return docs;
    }

    private static String monthName(int month) {
        var start = SimTime.monthStart(month);
        return String.format(Locale.ROOT, "%04d-%02d", start.getYear(), start.getMonthValue());
    }

    private static ObjectNode hotfix(String kb, String title, String type, long installed) {
        ObjectNode doc = Json.doc();
        ObjectNode update = doc.putObject("update");
        update.put("id", kb);
        update.put("title", title);
        update.put("type", type);
        Json.date(update, "installed_at", installed);
        update.put("installed_by", "NT AUTHORITY\\SYSTEM");
        update.put("source", "qfe");
        update.put("reference", "https://support.microsoft.com/help/" + kb.substring(2));
        return doc;
    }

    private static List<ObjectNode> linux(HostState h) {
        HostProfile p = h.profile;
        long from = h.clock - DPKG_LOG;
        List<ObjectNode> docs = new ArrayList<>();
        for (SoftwareEntry entry : h.software.all()) {
            Installs.Install install = Installs.of(p, entry);
            if (install == null || install.installedAt() > h.clock) {
                continue;
            }
            boolean present = install.presentAt(h.clock);
            long until = present ? h.clock : install.removedAt();
            int level = install.level(until);
            String by = install.updater().period() == SimTime.DAY
                    ? "unattended-upgrades"
                    : People.login(p.admins[Seeds.below(Seeds.of(p.key, entry.key()), p.admins.length)]);
            for (int l = level; l > install.baseLevel(); l--) {
                long at = install.levelInstalledAt(l);
                if (at < from) {
                    break;
                }
                if (install.level(at) != l || at > until) {
                    continue;
                }
                int previous = install.level(at - 1);
                docs.add(apt(entry, l, "package_upgrade", at, by, install.version(previous)));
            }
            if (install.installedAt() >= from && install.installedAt() > p.osInstalled + SimTime.DAY) {
                String admin = People.login(p.admins[0]);
                docs.add(apt(entry, install.baseLevel(), "package_install", install.installedAt(), admin, null));
            }
            if (!present && install.removedAt() >= from) {
                docs.add(apt(entry, level, "package_remove", install.removedAt(), People.login(p.admins[0]), null));
            }
        }
        return docs;
    }

    private static ObjectNode apt(SoftwareEntry entry, int level, String type, long at, String by, String previous) {
        String version = entry.version().at(level);
        ObjectNode doc = Json.doc();
        ObjectNode update = doc.putObject("update");
        update.put("id", entry.key() + "@" + version);
        String verb = switch (type) {
            case "package_upgrade" -> "Upgrade";
            case "package_install" -> "Install";
            default -> "Remove";
        };
        update.put("title", verb + " " + entry.key() + " " + (previous != null ? previous + " -> " : "") + version);
        update.put("type", type);
        Json.date(update, "installed_at", at);
        update.put("installed_by", by);
        Json.text(update, "previous_version", previous);
        update.put("source", "dpkg_log");
        ObjectNode pkg = doc.putObject("package");
        pkg.put("name", entry.key());
        pkg.put("version", version);
        return doc;
    }
}
