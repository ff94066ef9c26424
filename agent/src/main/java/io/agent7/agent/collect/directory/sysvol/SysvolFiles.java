package io.agent7.agent.collect.directory.sysvol;

import io.agent7.agent.collect.directory.Principals;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps a SYSVOL entry to its {@code sysvol_file} document: the one mapping the collector and
 * the fleet simulator share.
 */
public final class SysvolFiles {

    /** {@code Policies\{GUID}} at the start of a relative path: the GPO's folder and everything in it. */
    private static final Pattern GPO_FOLDER = Pattern.compile(
            "^policies\\\\(\\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\})(\\\\|$)",
            Pattern.CASE_INSENSITIVE);

    private SysvolFiles() {}

    /**
     * The document of one file or folder.
     *
     * @param domain     the domain's DNS name; lower-cased, it is the document's domain key and
     *                   the server and folder of its UNC path
     * @param sha256     hex SHA-256 of a file's content; null for a folder or an unreadable file
     * @param principals names and privilege of the SIDs in the owner and DACL
     */
    public static ObjectNode document(String domain, SysvolEntry entry, String sha256, Principals principals) {
        String dns = domain.toLowerCase(Locale.ROOT);
        String root = root(dns);
        String relative = entry.relativePath();
        String path = relative.isEmpty() ? root : root + "\\" + relative;
        int slash = path.lastIndexOf('\\');
        String name = path.substring(slash + 1);
        SysvolDoc doc = new SysvolDoc()
                .text("file.path", path)
                .text("file.name", name)
                .text("file.directory", path.substring(0, slash))
                .text("file.type", entry.directory() ? "dir" : "file")
                .date("file.mtime", entry.modified())
                .date("file.created", entry.created());
        if (!entry.directory()) {
            doc.text("file.extension", extension(name)).number("file.size", entry.size());
            doc.text("file.hash.sha256", sha256);
        }
        if (entry.ownerSid() != null) {
            doc.text("file.owner", WellKnownSids.name(entry.ownerSid(), principals));
        }
        Set<String> writableBy = new LinkedHashSet<>();
        for (String sid : WriteAccess.nonPrivilegedWriters(entry.ownerSid(), entry.aces(), principals)) {
            writableBy.add(WellKnownSids.name(sid, principals));
        }
        return doc.text("sysvol_file.gpo_guid", gpoGuid(relative))
                .objects("sysvol_file.aces", aces(entry.aces(), principals))
                .texts("sysvol_file.writable_by", writableBy)
                .bool("sysvol_file.non_privileged_write", !writableBy.isEmpty())
                .text("sysvol_file.domain", dns)
                .build();
    }

    /** {@code \\<domain>\SYSVOL\<domain>}: the folder every relative path starts from. */
    public static String root(String domain) {
        String dns = domain.toLowerCase(Locale.ROOT);
        return "\\\\" + dns + "\\SYSVOL\\" + dns;
    }

    /** The GPO GUID of a path below {@code Policies\{GUID}}, upper-case with braces as AD writes it; else null. */
    static String gpoGuid(String relativePath) {
        Matcher matcher = GPO_FOLDER.matcher(relativePath);
        return matcher.find() ? matcher.group(1).toUpperCase(Locale.ROOT) : null;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && dot < name.length() - 1 ? name.substring(dot + 1) : null;
    }

    private static List<ObjectNode> aces(List<Ace> aces, Principals principals) {
        List<ObjectNode> nodes = new ArrayList<>(aces.size());
        for (Ace ace : aces) {
            nodes.add(new SysvolDoc()
                    .text("principal", WellKnownSids.name(ace.sid(), principals))
                    .text("sid", ace.sid())
                    .text("type", ace.type().name().toLowerCase(Locale.ROOT))
                    .texts("rights", AccessRights.names(ace.mask()))
                    .number("access_mask", ace.mask())
                    .bool("inherited", ace.inherited())
                    .build());
        }
        return nodes;
    }
}
