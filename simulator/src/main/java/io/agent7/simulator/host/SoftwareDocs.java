package io.agent7.simulator.host;

import io.agent7.agent.collect.windows.software.SoftwareMapping;
import io.agent7.agent.collect.windows.software.UninstallEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code software} documents: on Windows the Uninstall keys, written as the registry would
 * hold them and turned into documents by the Windows collector's own mapping, plus the AppX
 * packages; dpkg's package list on Linux.
 */
final class SoftwareDocs {

    private static final DateTimeFormatter INSTALL_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SoftwareDocs() {}

    static List<ObjectNode> build(HostState h) {
        HostProfile p = h.profile;
        List<ObjectNode> docs = new ArrayList<>();
        List<UninstallEntry> uninstallKeys = new ArrayList<>();
        for (SoftwareEntry entry : h.software.all()) {
            if (!entry.listed()) {
                continue;
            }
            Installs.Install install = Installs.of(p, entry);
            if (install == null || !install.presentAt(h.clock)) {
                continue;
            }
            int level = install.level(h.clock);
            if (!p.windows) {
                docs.add(dpkg(entry, install, level));
            } else if (entry.type().equals("appx")) {
                docs.add(appx(p, entry, install, level));
            } else {
                uninstallKeys.add(uninstallKey(p, entry, install, level));
            }
        }
        docs.addAll(0, SoftwareMapping.documents(uninstallKeys));
        return docs;
    }

    /** The entry's Uninstall key: in the view of its architecture, in its user's hive when per-user. */
    private static UninstallEntry uninstallKey(
            HostProfile p, SoftwareEntry entry, Installs.Install install, int level) {
        String version = entry.version().at(level);
        String user = p.person >= 0 ? People.account(p.person) : "";
        String guid = Hashes.guid(Seeds.of(17, entry.key() + "@" + version));
        boolean msi = entry.type().equals("msi");
        return new UninstallEntry(
                entry.arch().equals("x86") ? UninstallEntry.VIEW_32 : UninstallEntry.VIEW_64,
                entry.perUser() ? userSid(p) : null,
                msi ? "{" + guid.toUpperCase(Locale.ROOT) + "}" : entry.key(),
                entry.name().at(level).replace("{v}", version),
                version,
                entry.vendor(),
                INSTALL_DATE.format(Instant.ofEpochMilli(install.levelInstalledAt(level))),
                entry.path().replace("{user}", user).replace("{v}", version),
                entry.uninstall()
                        .replace("{user}", user)
                        .replace("{v}", version)
                        .replace("{guid}", guid),
                (int) (entry.size() / 1024),
                null,
                null,
                msi ? 1 : null,
                entry.reference());
    }

    /** The hive a per-user program is in: the host's user's, or the local Administrator's on a server. */
    private static String userSid(HostProfile p) {
        return p.person >= 0 ? Accounts.windows(p, Accounts.PERSON + p.person).id() : p.machineSid + "-500";
    }

    private static ObjectNode appx(HostProfile p, SoftwareEntry entry, Installs.Install install, int level) {
        String version = entry.version().at(level);
        ObjectNode doc = common(entry, install, level);
        String user = p.person >= 0 ? People.account(p.person) : "";
        Json.text(
                (ObjectNode) doc.get("package"),
                "path",
                entry.path().replace("{user}", user).replace("{v}", version));
        Json.text((ObjectNode) doc.get("package"), "reference", entry.reference());
        ((ObjectNode) doc.get("software")).put("source", "appx");
        return doc;
    }

    private static ObjectNode dpkg(SoftwareEntry entry, Installs.Install install, int level) {
        ObjectNode doc = common(entry, install, level);
        ((ObjectNode) doc.get("package")).put("description", entry.description());
        ((ObjectNode) doc.get("software")).put("source", "dpkg");
        return doc;
    }

    private static ObjectNode common(SoftwareEntry entry, Installs.Install install, int level) {
        String version = entry.version().at(level);
        ObjectNode doc = Json.doc();
        ObjectNode pkg = doc.putObject("package");
        pkg.put("name", entry.name().at(level).replace("{v}", version));
        pkg.put("version", version);
        pkg.put("architecture", entry.arch());
        pkg.put("type", entry.type());
        Json.date(pkg, "installed", install.levelInstalledAt(level));
        pkg.put("install_scope", entry.scope());
        pkg.put("size", entry.size());
        doc.putObject("software").put("vendor", entry.vendor());
        return doc;
    }
}
