package io.agent7.agent.collect.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The searches of one directory collection, over one {@link Ldap} connection: the domain and
 * its controllers, the group graph, and users, computers and GPOs streamed entry by entry.
 */
public final class DirectoryReader {

    /** sAMAccountType of user accounts (SAM_NORMAL_USER_ACCOUNT): indexed, and exact, unlike objectClass=user. */
    static final String USERS = "(sAMAccountType=805306368)";
    /** sAMAccountType of computer accounts (SAM_MACHINE_ACCOUNT). */
    static final String COMPUTERS = "(sAMAccountType=805306369)";

    static final String GROUPS = "(objectClass=group)";

    private final Ldap ldap;
    private final String configuration;
    private final String schema;
    private final String forestRoot;
    private final Long domainFunctionality;
    private final Long forestFunctionality;
    private final Entry domainEntry;
    private final AdDocuments.Domain domain;

    /** Reads the root DSE and the domain object; fails when the server is not a DC of the configured domain. */
    public DirectoryReader(Ldap ldap, String domainDns) {
        this.ldap = ldap;
        SearchResultEntry root = ldap.rootDse();
        String base = root.getAttributeValue("defaultNamingContext");
        String expected = AdValues.namingContext(domainDns);
        if (base == null || !AdValues.dnsName(base).equalsIgnoreCase(domainDns)) {
            // A DC of another domain in the forest, or a global catalog: read the configured domain by name.
            base = expected;
        }
        this.configuration = root.getAttributeValue("configurationNamingContext");
        this.schema = root.getAttributeValue("schemaNamingContext");
        String rootNc = root.getAttributeValue("rootDomainNamingContext");
        this.forestRoot = rootNc == null ? null : AdValues.dnsName(rootNc);
        this.domainFunctionality = AdValues.number(root, "domainFunctionality");
        this.forestFunctionality = AdValues.number(root, "forestFunctionality");
        Entry head = ldap.entry(base, DomainDocuments.DOMAIN_ATTRIBUTES.toArray(String[]::new));
        if (head == null) {
            throw new DirectoryError(
                    ldap.server() + " does not hold the domain " + domainDns + " (no entry " + base + ")");
        }
        this.domainEntry = head;
        String sid = AdValues.sid(head.getAttributeValueBytes("objectSid"));
        this.domain = new AdDocuments.Domain(domainDns.toLowerCase(Locale.ROOT), netbios(base, domainDns), sid, base);
    }

    public AdDocuments.Domain domain() {
        return domain;
    }

    private String netbios(String base, String domainDns) {
        if (configuration != null) {
            String[] found = new String[1];
            ldap.search(
                    "the domain's NetBIOS name",
                    "CN=Partitions," + configuration,
                    SearchScope.ONE,
                    "(&(objectClass=crossRef)(nCName=" + escape(base) + "))",
                    List.of("nETBIOSName"),
                    e -> found[0] = e.getAttributeValue("nETBIOSName"));
            if (found[0] != null) {
                return found[0];
            }
        }
        return domainDns.split("\\.")[0].toUpperCase(Locale.ROOT);
    }

    /** Groups with their members, and every account's primary group: the graph all memberships come from. */
    public record Groups(GroupGraph graph, List<SearchResultEntry> entries, Map<String, List<String>> members) {}

    /** Reads every group (all member ranges) and every account's name, SID and primary group. */
    public Groups groups() {
        GroupGraph graph = new GroupGraph(domain.netbios(), domain.sid());
        List<SearchResultEntry> entries = new ArrayList<>();
        Map<String, List<String>> members = new HashMap<>();
        ldap.search("groups", domain.baseDn(), SearchScope.SUB, GROUPS, AdDocuments.GROUP_ATTRIBUTES, entries::add);
        for (SearchResultEntry group : entries) {
            List<String> direct = ldap.allValues(group, "member");
            members.put(group.getDN(), direct);
            graph.addGroup(group, direct);
        }
        ldap.search(
                "accounts",
                domain.baseDn(),
                SearchScope.SUB,
                "(|" + USERS + COMPUTERS + ")",
                GroupGraph.ACCOUNT_ATTRIBUTES,
                graph::addAccount);
        return new Groups(graph.link(), entries, members);
    }

    /** Every user account, one entry at a time. */
    public void users(Consumer<SearchResultEntry> each) {
        ldap.search("users", domain.baseDn(), SearchScope.SUB, USERS, AdDocuments.USER_ATTRIBUTES, each);
    }

    /** Every computer account, one entry at a time. */
    public void computers(Consumer<SearchResultEntry> each) {
        ldap.search("computers", domain.baseDn(), SearchScope.SUB, COMPUTERS, AdDocuments.COMPUTER_ATTRIBUTES, each);
    }

    /** Every GPO of the domain, one entry at a time. */
    public void gpos(Consumer<SearchResultEntry> each) {
        ldap.search(
                "GPOs",
                "CN=Policies,CN=System," + domain.baseDn(),
                SearchScope.ONE,
                "(objectClass=groupPolicyContainer)",
                GpoDocuments.GPO_ATTRIBUTES,
                each);
    }

    /** Every link of a GPO to the domain, an OU or a site, by upper-case GPO GUID. */
    public Map<String, List<GpoDocuments.Link>> gpoLinks() {
        Map<String, List<GpoDocuments.Link>> links = new LinkedHashMap<>();
        Consumer<SearchResultEntry> add = e -> {
            for (GpoDocuments.Link link : GpoDocuments.links(e.getDN(), e.getAttributeValue("gPLink"))) {
                links.computeIfAbsent(link.guid(), g -> new ArrayList<>()).add(link);
            }
        };
        ldap.search("GPO links", domain.baseDn(), SearchScope.SUB, "(gPLink=*)", List.of("gPLink"), add);
        if (configuration != null) {
            ldap.search(
                    "site GPO links",
                    "CN=Sites," + configuration,
                    SearchScope.ONE,
                    "(gPLink=*)",
                    List.of("gPLink"),
                    add);
        }
        return links;
    }

    /** The domain document and one per controller. */
    public List<tools.jackson.databind.node.ObjectNode> domainDocuments() {
        List<Entry> trusts = new ArrayList<>();
        ldap.search(
                "trusts",
                "CN=System," + domain.baseDn(),
                SearchScope.ONE,
                "(objectClass=trustedDomain)",
                DomainDocuments.TRUST_ATTRIBUTES,
                trusts::add);
        DomainDocuments.Facts facts =
                new DomainDocuments.Facts(forestRoot, domainFunctionality, forestFunctionality, controllers(), trusts);
        return DomainDocuments.documents(domainEntry, domain, facts);
    }

    /**
     * The domain's controllers: the NTDS Settings objects in the configuration partition that
     * hold this domain, with the server object above each (name, site) and who holds which
     * FSMO role (each role's object names its holder's NTDS Settings in fSMORoleOwner).
     */
    private List<DomainDocuments.Controller> controllers() {
        if (configuration == null) {
            return List.of();
        }
        Map<String, String> roleHolders = new LinkedHashMap<>();
        roleHolders.put("pdc", domainEntry.getAttributeValue("fSMORoleOwner"));
        roleHolders.put("rid", owner("CN=RID Manager$,CN=System," + domain.baseDn()));
        roleHolders.put("infrastructure", owner("CN=Infrastructure," + domain.baseDn()));
        roleHolders.put("schema", schema == null ? null : owner(schema));
        roleHolders.put("naming", owner("CN=Partitions," + configuration));
        Map<String, String> osByHost = new HashMap<>();
        ldap.search(
                "domain controllers",
                domain.baseDn(),
                SearchScope.SUB,
                "(&" + COMPUTERS + "(userAccountControl:1.2.840.113556.1.4.803:=8192))",
                List.of("dNSHostName", "operatingSystem"),
                e -> {
                    String host = e.getAttributeValue("dNSHostName");
                    if (host != null) {
                        osByHost.put(host.toLowerCase(Locale.ROOT), e.getAttributeValue("operatingSystem"));
                    }
                });
        // Collected first: the server object above each is read on the same connection, which
        // must not start a request while a search's results are still arriving.
        List<SearchResultEntry> settings = new ArrayList<>();
        ldap.search(
                "NTDS settings",
                "CN=Sites," + configuration,
                SearchScope.SUB,
                "(objectClass=nTDSDSA)",
                List.of("options", "msDS-hasDomainNCs", "hasMasterNCs"),
                settings::add);
        List<DomainDocuments.Controller> controllers = new ArrayList<>();
        for (SearchResultEntry ntds : settings) {
            {
                List<String> ncs = new ArrayList<>(AdDocuments.values(ntds, "msDS-hasDomainNCs"));
                ncs.addAll(AdDocuments.values(ntds, "hasMasterNCs"));
                if (ncs.stream().noneMatch(nc -> sameDn(nc, domain.baseDn()))) {
                    continue; // a controller of another domain of the forest
                }
                String serverDn = parent(ntds.getDN());
                Entry server = serverDn == null ? null : ldap.entry(serverDn, "dNSHostName");
                String host = server == null ? null : server.getAttributeValue("dNSHostName");
                if (host == null) {
                    continue;
                }
                List<String> roles = new ArrayList<>();
                roleHolders.forEach((role, holder) -> {
                    if (holder != null && sameDn(holder, ntds.getDN())) {
                        roles.add(role);
                    }
                });
                Long options = AdValues.number(ntds, "options");
                controllers.add(new DomainDocuments.Controller(
                        host.toLowerCase(Locale.ROOT),
                        addresses(host),
                        site(serverDn),
                        roles,
                        options != null && (options & 1) != 0,
                        osByHost.get(host.toLowerCase(Locale.ROOT))));
            }
        }
        return controllers;
    }

    private String owner(String dn) {
        Entry entry = ldap.entry(dn, "fSMORoleOwner");
        return entry == null ? null : entry.getAttributeValue("fSMORoleOwner");
    }

    /** The controller's addresses, when this host can resolve its name. */
    private static List<String> addresses(String host) {
        try {
            List<String> found = new ArrayList<>();
            for (InetAddress address : InetAddress.getAllByName(host)) {
                found.add(address.getHostAddress());
            }
            return found;
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    /** The site of a server object: {@code CN=<server>,CN=Servers,CN=<site>,CN=Sites,...}. */
    private static String site(String serverDn) {
        try {
            DN dn = new DN(serverDn);
            DN servers = dn.getParent();
            DN site = servers == null ? null : servers.getParent();
            return site == null ? null : site.getRDN().getAttributeValues()[0];
        } catch (LDAPException e) {
            return null;
        }
    }

    private static String parent(String dn) {
        try {
            DN parent = new DN(dn).getParent();
            return parent == null ? null : parent.toString();
        } catch (LDAPException e) {
            return null;
        }
    }

    private static boolean sameDn(String a, String b) {
        try {
            return new DN(a).equals(new DN(b));
        } catch (LDAPException e) {
            return a.equalsIgnoreCase(b);
        }
    }

    private static String escape(String value) {
        return com.unboundid.ldap.sdk.Filter.encodeValue(value);
    }
}
