package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code software} documents: the uninstall list on Windows, dpkg's package list on Linux. */
final class SoftwareDocs {

    private SoftwareDocs() {}

    static List<ObjectNode> build(HostState h) {
        List<ObjectNode> docs = new ArrayList<>();
        HostProfile p = h.profile;
        for (SoftwareEntry entry : h.software.all()) {
            if (!entry.listed()) {
                continue;
            }
            Installs.Install install = Installs.of(p, entry);
            if (install == null || !install.presentAt(h.clock)) {
                continue;
            }
            int level = install.level(h.clock);
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
            ObjectNode software = doc.putObject("software");
            software.put("vendor", entry.vendor());
            if (p.windows) {
                String user = p.person >= 0 ? People.account(p.person) : "";
                Json.text(pkg, "path", entry.path().replace("{user}", user).replace("{v}", version));
                Json.text(pkg, "reference", entry.reference());
                software.put("source", entry.type().equals("appx") ? "appx" : "uninstall_key");
                Json.text(
                        software,
                        "uninstall_command",
                        entry.uninstall()
                                .replace("{user}", user)
                                .replace("{v}", version)
                                .replace("{guid}", Hashes.guid(Seeds.of(17, entry.key() + "@" + version))));
            } else {
                pkg.put("description", entry.description());
                software.put("source", "dpkg");
            }
            docs.add(doc);
        }
        return docs;
    }
}
