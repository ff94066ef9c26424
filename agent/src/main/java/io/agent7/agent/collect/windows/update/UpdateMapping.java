package io.agent7.agent.collect.windows.update;

import io.agent7.agent.collect.Doc;
import io.agent7.agent.collect.windows.FileTimes;
import io.agent7.agent.collect.windows.Sids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the servicing store and the Windows Update history into {@code update} documents.
 *
 * <p>The hotfixes (source {@code qfe}) are what Win32_QuickFixEngineering lists: installed
 * servicing packages whose manifest names a KB and whose release type is an update's. A KB
 * ships as several packages (Package_for_KB..., Package_1_for_KB..., one per language); it is
 * one hotfix, installed when its first package was. Its title is the Windows Update title when
 * the history has one for that KB (the servicing store only says "Fix for KB..."), and its
 * link is the one Win32_QuickFixEngineering's Caption gives when the manifest has none.
 *
 * <p>The history (source {@code windows_update}) adds the successful installations that are
 * not hotfixes: Defender intelligence, drivers, Office and Store updates. An installation
 * of a KB the hotfixes already list is that hotfix, not a second item.
 */
public final class UpdateMapping {

    private static final Pattern KB = Pattern.compile("\\bKB(\\d{5,8})\\b", Pattern.CASE_INSENSITIVE);

    /** The release types Win32_QuickFixEngineering lists; features and language packs are not hotfixes. */
    private static final Map<String, String> HOTFIX_TYPES = Map.of(
            "security update", "security_update",
            "critical update", "update",
            "update", "update",
            "update rollup", "update",
            "service pack", "update",
            "hotfix", "hotfix");

    /** Days from the OLE Automation epoch, 1899-12-30, to 1970-01-01. */
    private static final double OLE_EPOCH_TO_UNIX_DAYS = 25_569d;

    private UpdateMapping() {}

    public static List<ObjectNode> documents(List<ServicingPackage> packages, List<HistoryEntry> history) {
        Map<String, String> historyTitles = new HashMap<>();
        for (HistoryEntry entry : history) {
            String kb = kb(entry.title());
            if (entry.installed() && kb != null) {
                historyTitles.putIfAbsent(kb, entry.title().strip());
            }
        }
        Map<String, Hotfix> hotfixes = hotfixes(packages);
        List<ObjectNode> documents = new ArrayList<>();
        hotfixes.forEach((kb, hotfix) -> documents.add(hotfix.document(kb, historyTitles.get(kb))));
        Set<String> identities = new HashSet<>();
        for (HistoryEntry entry : history) {
            String kb = kb(entry.title());
            if (!entry.installed() || (kb != null && hotfixes.containsKey(kb))) {
                continue;
            }
            String id = kb != null ? kb : blankToNull(entry.updateId());
            Instant at = oleDate(entry.date());
            if (id != null && identities.add(id.toUpperCase(Locale.ROOT) + "@" + at)) {
                documents.add(new Doc()
                        .text("update.id", id)
                        .text(
                                "update.title",
                                blankToNull(entry.title()) == null
                                        ? null
                                        : entry.title().strip())
                        .text("update.type", historyType(entry.title()))
                        .date("update.installed_at", at)
                        .text("update.installed_by", entry.clientApplicationId())
                        .text("update.source", "windows_update")
                        .text("update.reference", entry.supportUrl())
                        .build());
            }
        }
        return documents;
    }

    private static Map<String, Hotfix> hotfixes(List<ServicingPackage> packages) {
        Map<String, Hotfix> hotfixes = new LinkedHashMap<>();
        for (ServicingPackage pkg : packages) {
            ServicingManifest manifest = pkg.manifest();
            if (!pkg.installed() || manifest == null || manifest.releaseType() == null) {
                continue;
            }
            String type = HOTFIX_TYPES.get(manifest.releaseType().strip().toLowerCase(Locale.ROOT));
            String kb = kb(manifest.identifier());
            if (kb == null) {
                kb = kb(pkg.name().replace('_', ' '));
            }
            if (type == null || kb == null) {
                continue;
            }
            Instant at = FileTimes.instant(pkg.installTimeLow(), pkg.installTimeHigh())
                    .orElse(null);
            Hotfix found = new Hotfix(type, at, installer(pkg), manifest);
            hotfixes.merge(kb, found, Hotfix::earlier);
        }
        return hotfixes;
    }

    private static String installer(ServicingPackage pkg) {
        if (pkg.installUserName() != null && !pkg.installUserName().isBlank()) {
            return pkg.installUserName();
        }
        return Sids.name(pkg.installUser()).orElse(pkg.installUser());
    }

    /** One KB of the servicing store, from the package of it installed first. */
    private record Hotfix(String type, Instant installed, String installedBy, ServicingManifest manifest) {

        Hotfix earlier(Hotfix other) {
            if (installed == null) {
                return other;
            }
            return other.installed != null && other.installed.isBefore(installed) ? other : this;
        }

        ObjectNode document(String kb, String historyTitle) {
            String reference = blankToNull(manifest.supportInformation());
            return new Doc()
                    .text("update.id", kb)
                    .text("update.title", historyTitle != null ? historyTitle : manifest.description())
                    .text("update.type", type)
                    .date("update.installed_at", installed)
                    .text("update.installed_by", installedBy)
                    .text("update.source", "qfe")
                    .text(
                            "update.reference",
                            reference != null ? reference : "https://support.microsoft.com/help/" + kb.substring(2))
                    .build();
        }
    }

    /** The KB number a text names, as "KB" and its digits, or null. */
    static String kb(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = KB.matcher(text);
        return matcher.find() ? "KB" + matcher.group(1) : null;
    }

    /**
     * The kind of a history entry, from its title: the history has no release type. Microsoft
     * classifies the monthly cumulative update of Windows as a security update; its optional
     * preview ("Cumulative Update Preview") and everything else as updates.
     */
    static String historyType(String title) {
        String lower = title == null ? "" : title.toLowerCase(Locale.ROOT);
        boolean security = lower.contains("security update")
                || lower.contains("cumulative update for windows")
                || lower.contains("cumulative update for microsoft server operating system");
        return security ? "security_update" : "update";
    }

    /** An OLE Automation DATE as an instant, to the millisecond; null for 0 and earlier (no date). */
    static Instant oleDate(double date) {
        if (!(date > 0) || Double.isInfinite(date)) {
            return null;
        }
        return Instant.ofEpochMilli(Math.round((date - OLE_EPOCH_TO_UNIX_DAYS) * 86_400_000d));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
