package io.agent7.agent.collect.windows.software;

import io.agent7.agent.collect.Doc;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns Uninstall keys into {@code software} documents, listing what Programs and Features
 * lists: entries without a DisplayName, hidden ones (SystemComponent = 1) and updates
 * (ParentKeyName set) are left out.
 *
 * <p>The architecture is the registry view's: 64-bit programs register in the 64-bit view,
 * 32-bit ones in WOW6432Node. A user hive's Uninstall key is the same in both views, so a
 * per-user entry has no architecture. The scope is global for HKEY_LOCAL_MACHINE and user for
 * a user hive.
 *
 * <p>One collection never holds the same item twice (its identity is name, version,
 * architecture and scope): the first entry of an identity wins. That happens when two users
 * installed the same per-user program, and when an installer wrote one entry to both views
 * under the same key name, which is one program, reported from the 64-bit view.
 */
public final class SoftwareMapping {

    /** InstallDate as documented; STRICT rejects 20241301 rather than rolling it over. */
    private static final DateTimeFormatter INSTALL_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    /** Windows Installer arrived in 1999; an earlier "install date" is a placeholder. */
    private static final LocalDate EARLIEST = LocalDate.of(1995, 1, 1);

    private SoftwareMapping() {}

    /** The documents of the listed programs among {@code entries}, in their order. */
    public static List<ObjectNode> documents(List<UninstallEntry> entries) {
        Set<String> sameKeyInBothViews = new HashSet<>();
        for (UninstallEntry entry : entries) {
            if (entry.userSid() == null && entry.view() == UninstallEntry.VIEW_64) {
                sameKeyInBothViews.add(twinKey(entry));
            }
        }
        List<ObjectNode> documents = new ArrayList<>();
        Set<String> identities = new HashSet<>();
        for (UninstallEntry entry : entries) {
            if (!listed(entry)) {
                continue;
            }
            boolean twin = entry.userSid() == null
                    && entry.view() == UninstallEntry.VIEW_32
                    && sameKeyInBothViews.contains(twinKey(entry));
            if (twin) {
                continue;
            }
            String architecture = architecture(entry);
            String identity = String.join(
                    "\u0000",
                    entry.displayName().strip().toLowerCase(Locale.ROOT),
                    String.valueOf(strip(entry.displayVersion())),
                    String.valueOf(architecture),
                    scope(entry));
            if (identities.add(identity)) {
                documents.add(document(entry, architecture));
            }
        }
        return documents;
    }

    /** Whether Programs and Features shows the entry. */
    static boolean listed(UninstallEntry entry) {
        return entry.displayName() != null
                && !entry.displayName().isBlank()
                && !Integer.valueOf(1).equals(entry.systemComponent())
                && (entry.parentKeyName() == null || entry.parentKeyName().isBlank());
    }

    private static ObjectNode document(UninstallEntry entry, String architecture) {
        Doc doc = new Doc()
                .text("package.name", entry.displayName().strip())
                .text("package.version", strip(entry.displayVersion()))
                .text("package.architecture", architecture)
                .text("package.type", Integer.valueOf(1).equals(entry.windowsInstaller()) ? "msi" : "exe")
                .date("package.installed", installDate(entry.installDate()))
                .text("package.install_scope", scope(entry))
                .text("package.path", strip(entry.installLocation()))
                .text("package.reference", strip(entry.helpLink()))
                .text("software.vendor", strip(entry.publisher()))
                .text("software.source", "uninstall_key")
                .text("software.uninstall_command", strip(entry.uninstallString()));
        if (entry.estimatedSize() != null && entry.estimatedSize() != 0) {
            doc.number("package.size", Integer.toUnsignedLong(entry.estimatedSize()) * 1024);
        }
        return doc.build();
    }

    /**
     * InstallDate as the start of that day in UTC: the registry keeps a day without a time
     * zone, and midnight UTC keeps the day as written. Anything but a plausible yyyyMMdd
     * (installers write "0", "2024-3-5", "05/03/2024", a FILETIME, ...) is no date.
     */
    static Instant installDate(String value) {
        if (value == null || value.strip().length() != 8) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(value.strip(), INSTALL_DATE);
            return day.isBefore(EARLIEST)
                    ? null
                    : day.atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null; // the value is free text written by the installer; no date is the answer
        }
    }

    private static String architecture(UninstallEntry entry) {
        if (entry.userSid() != null) {
            return null;
        }
        return entry.view() == UninstallEntry.VIEW_64 ? "x64" : "x86";
    }

    private static String scope(UninstallEntry entry) {
        return entry.userSid() == null ? "global" : "user";
    }

    /** Key names compare case-insensitively, as the registry compares them. */
    private static String twinKey(UninstallEntry entry) {
        return String.join(
                "\u0000",
                entry.keyName().toLowerCase(Locale.ROOT),
                String.valueOf(entry.displayName()),
                String.valueOf(entry.displayVersion()));
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
