package io.agent7.simulator.host;

import io.agent7.agent.collect.windows.FileTimes;
import io.agent7.agent.collect.windows.update.HistoryEntry;
import io.agent7.agent.collect.windows.update.ServicingManifest;
import io.agent7.agent.collect.windows.update.ServicingPackage;
import io.agent7.agent.collect.windows.update.UpdateMapping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code update} documents: the hotfixes Win32_QuickFixEngineering lists on Windows (through
 * the Windows collector's mapping), and the last months of dpkg's log (installs, upgrades,
 * removals) on Linux, with who ran them.
 */
final class UpdateDocs {

    /** How far back dpkg's rotated logs reach. */
    private static final long DPKG_LOG = 180 * SimTime.DAY;

    /** Days from the OLE Automation epoch, 1899-12-30, to 1970-01-01. */
    private static final double OLE_EPOCH_TO_UNIX_DAYS = 25_569d;

    private UpdateDocs() {}

    static List<ObjectNode> build(HostState h) {
        return h.profile.windows ? windows(h) : linux(h);
    }

    /**
     * The hotfixes as the servicing store and the Windows Update history would hold them,
     * turned into documents by the Windows collector's own mapping.
     */
    private static List<ObjectNode> windows(HostState h) {
        HostProfile p = h.profile;
        List<ServicingPackage> packages = new ArrayList<>();
        List<HistoryEntry> history = new ArrayList<>();
        int image = Patches.imageMonth(p);
        int current = Patches.patchedMonth(p, h.clock);
        if (p.os == OsRelease.WIN10 || p.os == OsRelease.WS2019) {
            String kb = "KB" + (p.os.baseKb - 900 + 1250 * image);
            hotfix(
                    packages,
                    history,
                    kb,
                    monthName(image) + " Servicing Stack Update for " + p.os.longName + " (" + kb + ")",
                    "Update",
                    p.osInstalled);
        }
        for (int month = Math.max(image, current - 2); month <= current; month++) {
            long installed = month == image ? p.osInstalled : Patches.installTime(p, month);
            String kb = p.os.cumulativeUpdateKb(month);
            hotfix(
                    packages,
                    history,
                    kb,
                    monthName(month) + " Cumulative Update for " + p.os.longName + " (" + kb + ")",
                    "Security Update",
                    installed);
            if (Math.floorMod(month, 3) == 0) {
                String net = p.os.dotNetUpdateKb(month);
                hotfix(
                        packages,
                        history,
                        net,
                        monthName(month) + " Cumulative Update for .NET Framework 3.5 and 4.8.1 for " + p.os.longName
                                + " (" + net + ")",
                        "Update",
                        installed + 10 * SimTime.MINUTE);
            }
        }
        return UpdateMapping.documents(packages, history);
    }

    private static String monthName(int month) {
        var start = SimTime.monthStart(month);
        return String.format(Locale.ROOT, "%04d-%02d", start.getYear(), start.getMonthValue());
    }

    /** A KB's package in the servicing store, installed by Windows Update, and its history entry. */
    private static void hotfix(
            List<ServicingPackage> packages,
            List<HistoryEntry> history,
            String kb,
            String title,
            String releaseType,
            long installed) {
        long ticks = FileTimes.ticks(Instant.ofEpochMilli(installed));
        String support = "https://support.microsoft.com/help/" + kb.substring(2);
        packages.add(new ServicingPackage(
                "Package_for_" + kb + "~31bf3856ad364e35~amd64~~10.0.1.0",
                ServicingPackage.INSTALLED,
                (int) ticks,
                (int) (ticks >>> 32),
                "S-1-5-18",
                "NT AUTHORITY\\SYSTEM",
                new ServicingManifest(kb, releaseType, "Fix for " + kb, support)));
        history.add(new HistoryEntry(
                HistoryEntry.INSTALLATION,
                HistoryEntry.SUCCEEDED,
                installed / 86_400_000d + OLE_EPOCH_TO_UNIX_DAYS,
                title,
                Hashes.guid(Seeds.of(23, kb)),
                1,
                "UpdateOrchestrator",
                support));
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
