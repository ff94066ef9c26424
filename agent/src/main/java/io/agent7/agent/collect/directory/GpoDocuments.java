package io.agent7.agent.collect.directory;

import static io.agent7.agent.collect.directory.AdValues.generalizedTime;

import com.unboundid.ldap.sdk.Entry;
import io.agent7.schema.Documents;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps {@code groupPolicyContainer} entries and the {@code gPLink} attributes of sites, the
 * domain and OUs to {@code gpo} documents.
 *
 * <p>A gPLink value lists a target's links as {@code [LDAP://cn={GUID},cn=policies,...;N]...},
 * where bit 1 of N disables the link and bit 2 enforces it. The last link in the value is
 * applied last and wins: Group Policy Management shows it as link order 1.
 */
public final class GpoDocuments {

    /** The attributes {@link #gpo} reads. */
    public static final List<String> GPO_ATTRIBUTES = List.of(
            "cn",
            "displayName",
            "gPCFileSysPath",
            "versionNumber",
            "flags",
            "gPCWQLFilter",
            "gPCMachineExtensionNames",
            "gPCUserExtensionNames",
            "whenCreated",
            "whenChanged");

    private static final Pattern LINK =
            Pattern.compile("\\[LDAP://cn=(\\{[0-9a-fA-F-]+\\})[^;\\]]*;(\\d+)\\]", Pattern.CASE_INSENSITIVE);

    /** One link of a GPO to a site, domain or OU. */
    public record Link(String guid, String target, String targetKind, boolean enabled, boolean enforced, int order) {}

    private GpoDocuments() {}

    /** The links in one target's gPLink value, with their link order (1 wins). */
    public static List<Link> links(String targetDn, String gpLink) {
        List<Link> found = new ArrayList<>();
        if (gpLink == null) {
            return found;
        }
        Matcher m = LINK.matcher(gpLink);
        List<String[]> raw = new ArrayList<>();
        while (m.find()) {
            raw.add(new String[] {m.group(1).toUpperCase(Locale.ROOT), m.group(2)});
        }
        for (int i = 0; i < raw.size(); i++) {
            int options = Integer.parseInt(raw.get(i)[1]);
            found.add(new Link(
                    raw.get(i)[0],
                    targetDn,
                    targetKind(targetDn),
                    (options & 1) == 0,
                    (options & 2) != 0,
                    raw.size() - i));
        }
        return found;
    }

    private static String targetKind(String dn) {
        String lower = dn.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ou=")) {
            return "ou";
        }
        if (lower.startsWith("dc=")) {
            return "domain";
        }
        return lower.contains("cn=sites,") ? "site" : "other";
    }

    /**
     * A {@code gpo} document.
     *
     * @param linksByGuid every link of the domain and its sites, by upper-case GPO GUID
     */
    public static ObjectNode gpo(Entry entry, Map<String, List<Link>> linksByGuid, String domainDns) {
        String guid = entry.getAttributeValue("cn");
        String key = guid == null ? "" : guid.toUpperCase(Locale.ROOT);
        List<Link> links = new ArrayList<>(linksByGuid.getOrDefault(key, List.of()));
        links.sort(Comparator.comparing(Link::target).thenComparingInt(Link::order));
        Long version = AdValues.number(entry, "versionNumber");
        Long flags = AdValues.number(entry, "flags");
        List<ObjectNode> linkNodes = new ArrayList<>();
        for (Link link : links) {
            ObjectNode node = Documents.object();
            node.put("target", link.target());
            node.put("target_kind", link.targetKind());
            node.put("enforced", link.enforced());
            node.put("enabled", link.enabled());
            node.put("order", link.order());
            linkNodes.add(node);
        }
        return new AdDoc()
                .text("gpo.guid", key)
                .text("gpo.name", entry.getAttributeValue("displayName"))
                .text("gpo.distinguished_name", entry.getDN())
                .text("gpo.path", entry.getAttributeValue("gPCFileSysPath"))
                .number("gpo.version", version)
                .number("gpo.user_version", version == null ? null : (version >>> 16) & 0xFFFF)
                .number("gpo.computer_version", version == null ? null : version & 0xFFFF)
                .text("gpo.status", flags == null ? null : status(flags))
                .number("gpo.flags", flags)
                .texts(
                        "gpo.linked_to",
                        links.stream().map(Link::target).distinct().toList())
                .bool("gpo.linked", !links.isEmpty())
                .objects("gpo.links", linkNodes)
                .text("gpo.wmi_filter", entry.getAttributeValue("gPCWQLFilter"))
                .texts("gpo.machine_extensions", extensions(entry.getAttributeValue("gPCMachineExtensionNames")))
                .texts("gpo.user_extensions", extensions(entry.getAttributeValue("gPCUserExtensionNames")))
                .date("gpo.when_created", generalizedTime(entry.getAttributeValue("whenCreated")))
                .date("gpo.when_changed", generalizedTime(entry.getAttributeValue("whenChanged")))
                .text("gpo.domain", domainDns)
                .build();
    }

    private static String status(long flags) {
        return switch ((int) (flags & 3)) {
            case 1 -> "user_disabled";
            case 2 -> "computer_disabled";
            case 3 -> "all_disabled";
            default -> "enabled";
        };
    }

    /** The client-side extension GUIDs of {@code [{cse}{tool}][{cse}{tool}]}, each once. */
    static List<String> extensions(String value) {
        if (value == null) {
            return List.of();
        }
        Matcher m = Pattern.compile("\\{[0-9A-Fa-f-]{36}\\}").matcher(value);
        List<String> guids = new ArrayList<>();
        while (m.find()) {
            String guid = m.group().toUpperCase(Locale.ROOT);
            if (!guids.contains(guid)) {
                guids.add(guid);
            }
        }
        return guids;
    }
}
