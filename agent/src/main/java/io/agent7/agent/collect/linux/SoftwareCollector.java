package io.agent7.agent.collect.linux;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.Doc;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Installed packages: dpkg's status database, and the rpm database where a host has one and
 * the rpm tool to read it (its files are a Berkeley DB or SQLite database, not text).
 */
public final class SoftwareCollector implements Collector {

    static final String RPM_FORMAT = "%{NAME}\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\t%{ARCH}\\t%{INSTALLTIME}"
            + "\\t%{SIZE}\\t%{VENDOR}\\t%{SUMMARY}\\t%{URL}\\t%{LICENSE}\\n";

    private final Root root;
    private final CommandRunner rpm;

    private final DataType type;

    public SoftwareCollector(Schema schema, Path root) {
        this(schema, root, CommandRunner.onPath("rpm") ? CommandRunner.processes() : null);
    }

    SoftwareCollector(Schema schema, Path root, CommandRunner rpm) {
        this.type = schema.require("software");
        this.root = new Root(root);
        this.rpm = rpm;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        List<ObjectNode> documents = new ArrayList<>();
        dpkg(documents);
        rpm(documents);
        return documents;
    }

    private void dpkg(List<ObjectNode> documents) {
        String status = Root.read(root.at("/var/lib/dpkg/status"));
        if (status == null) {
            return;
        }
        Path info = root.at("/var/lib/dpkg/info");
        Map<String, String> fields = new HashMap<>();
        for (String line : Root.splitLines(status + "\n\n")) {
            if (line.isEmpty()) {
                if (!fields.isEmpty()) {
                    ObjectNode doc = dpkgPackage(fields, info);
                    if (doc != null) {
                        documents.add(doc);
                    }
                    fields.clear();
                }
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                continue; // continuation of a multi-line field; only the first line of each is used
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
    }

    /**
     * A package whose status is "installed": "install ok installed", and also "hold ok
     * installed" (installed, pinned by the admin). Config-files-only and half-installed
     * packages are not installed software.
     */
    private ObjectNode dpkgPackage(Map<String, String> fields, Path info) {
        String name = fields.get("Package");
        String[] status = fields.getOrDefault("Status", "").split("\\s+");
        if (name == null || status.length != 3 || !status[1].equals("ok") || !status[2].equals("installed")) {
            return null;
        }
        String arch = fields.get("Architecture");
        Doc doc = new Doc()
                .text("package.name", name)
                .text("package.version", fields.get("Version"))
                .text("package.architecture", arch)
                .text("package.type", "deb")
                .text("package.description", fields.get("Description"))
                .text("package.install_scope", "global")
                .text("package.reference", fields.get("Homepage"))
                .text("software.vendor", fields.get("Maintainer"))
                .text("software.source", "dpkg")
                .date("package.installed", installed(info, name, arch));
        Long kib = Accounts.parseId(fields.getOrDefault("Installed-Size", ""));
        if (kib != null) {
            doc.number("package.size", kib * 1024);
        }
        return doc.build();
    }

    /** When dpkg last unpacked the package: the time of its file list in /var/lib/dpkg/info. */
    private static Instant installed(Path info, String name, String arch) {
        for (String file :
                arch == null ? List.of(name + ".list") : List.of(name + ".list", name + ":" + arch + ".list")) {
            try {
                return Files.getLastModifiedTime(info.resolve(file)).toInstant();
            } catch (IOException | RuntimeException e) {
                // try the multi-arch name
            }
        }
        return null;
    }

    private void rpm(List<ObjectNode> documents) {
        if (rpm == null || !Root.isDirectory(root.at("/var/lib/rpm"))) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("rpm", "-qa", "--queryformat", RPM_FORMAT));
        if (!root.isLive()) {
            command.add(1, "--root=" + root.at("/"));
        }
        rpm.run(command).ifPresent(output -> parseRpm(output, documents));
    }

    static void parseRpm(String output, List<ObjectNode> documents) {
        for (String line : Root.splitLines(output)) {
            String[] f = line.split("\t", -1);
            if (f.length < 9 || f[0].isEmpty() || f[0].equals("gpg-pubkey")) {
                continue; // gpg-pubkey "packages" are the keys rpm trusts, not software
            }
            Doc doc = new Doc()
                    .text("package.name", f[0])
                    .text("package.version", f[1])
                    .text("package.architecture", none(f[2]))
                    .text("package.type", "rpm")
                    .text("package.description", none(f[6]))
                    .text("package.install_scope", "global")
                    .text("package.reference", none(f[7]))
                    .text("package.license", none(f[8]))
                    .text("software.vendor", none(f[5]))
                    .text("software.source", "rpm");
            Long installed = Accounts.parseId(f[3]);
            if (installed != null && installed > 0) {
                doc.date("package.installed", Instant.ofEpochSecond(installed));
            }
            doc.number("package.size", Accounts.parseId(f[4]));
            documents.add(doc.build());
        }
    }

    /** rpm prints "(none)" for a tag the package lacks. */
    private static String none(String value) {
        return "(none)".equals(value) ? null : value;
    }
}
