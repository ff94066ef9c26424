package io.agent7.simulator.host;

import com.unboundid.ldap.sdk.Entry;
import io.agent7.agent.collect.directory.AdDocuments;
import io.agent7.agent.collect.directory.DomainDocuments;
import io.agent7.agent.collect.directory.GpoDocuments;
import io.agent7.agent.collect.directory.GroupGraph;
import io.agent7.agent.collect.directory.sysvol.SysvolFiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * The organisation's Active Directory domain, CORP (corp.example), as its domain controllers
 * return it: entries with LDAP's attribute names and encodings, turned into documents only by
 * the agent's own mapping ({@link AdDocuments}, {@link GroupGraph}, {@link DomainDocuments},
 * {@link GpoDocuments}, {@link SysvolFiles}), so the simulator never writes a directory field
 * itself and the fleet shows what a real collector would.
 *
 * <p>The directory is one per fleet seed, kept small ({@link DirectoryLayout}: what never
 * changes); its entries and documents are built when a collector runs and never kept. Whatever
 * moves with time (lastLogonTimestamp, pwdLastSet) moves in whole days, each value a step
 * function of the simulated day, so two hosts collecting on the same day report the same
 * documents, as two agents reading one domain do.
 *
 * <p>Contents: every person's account (about 9% disabled or not logged on for months, see
 * {@link People#inactive}), the IT administrators' adm- accounts (privileged through IT-Admins,
 * Tier0-Admins and Domain Admins), the service accounts (Kerberoastable; svc_sql privileged
 * through SQL-Admins, svc_backup AS-REP roastable, svc_web with constrained delegation), a
 * forgotten migration account in Domain Admins, the built-in accounts and groups with their
 * real RIDs, department groups, computer accounts for the four DCs and the Windows hosts among
 * the fleet's first {@link DirectoryLayout#SAMPLE} indices, the two default GPOs and a few
 * linked to OUs, and their SYSVOL files, one of which Domain Users may change.
 */
final class SimulatedDirectory {

    /** One directory per fleet seed, shared by its two collecting hosts rather than kept on each. */
    private static final ConcurrentHashMap<Long, SimulatedDirectory> BY_SEED = new ConcurrentHashMap<>();

    private final DirectoryLayout layout;
    private final AdDocuments.Domain domain;

    private SimulatedDirectory(DirectoryLayout layout) {
        this.layout = layout;
        this.domain = new AdDocuments.Domain(Org.DNS_DOMAIN, Org.DOMAIN, layout.domainSid, DirectoryLayout.BASE);
    }

    static SimulatedDirectory of(long seed) {
        return BY_SEED.computeIfAbsent(seed, s -> new SimulatedDirectory(new DirectoryLayout(s)));
    }

    /**
     * Whether the host collects the directory: the two file servers among the first
     * {@link Role#BLOCK} hosts (every block has exactly two), Windows member servers as a real
     * deployment would choose. A fleet of fewer hosts may have one or none.
     */
    static boolean collects(HostProfile host) {
        return host.role == Role.FILE_SERVER && host.index < Role.BLOCK;
    }

    List<ObjectNode> users(long now) {
        DirectoryEntries entries = DirectoryEntries.at(layout, now);
        GroupGraph graph = graph(entries);
        Instant at = Instant.ofEpochMilli(now);
        List<ObjectNode> documents = new ArrayList<>(entries.users().size());
        for (Entry user : entries.users()) {
            documents.add(AdDocuments.user(user, domain, graph, at));
        }
        return documents;
    }

    List<ObjectNode> groups(long now) {
        DirectoryEntries entries = DirectoryEntries.at(layout, now);
        GroupGraph graph = graph(entries);
        List<ObjectNode> documents = new ArrayList<>(entries.groups().size());
        for (Entry group : entries.groups()) {
            documents.add(AdDocuments.group(group, members(group), domain, graph));
        }
        return documents;
    }

    List<ObjectNode> computers(long now) {
        Instant at = Instant.ofEpochMilli(now);
        List<ObjectNode> documents = new ArrayList<>();
        for (Entry computer : DirectoryEntries.at(layout, now).computers()) {
            documents.add(AdDocuments.computer(computer, domain, at));
        }
        return documents;
    }

    /** The domain and its controllers: the domain object's policy attributes and the configuration partition's facts. */
    List<ObjectNode> domains() {
        DomainDocuments.Facts facts = new DomainDocuments.Facts(
                Org.DNS_DOMAIN,
                DirectoryPolicies.FUNCTIONAL_LEVEL,
                DirectoryPolicies.FUNCTIONAL_LEVEL,
                DirectoryPolicies.controllers(),
                List.of());
        return DomainDocuments.documents(DirectoryPolicies.domainEntry(layout), domain, facts);
    }

    /** The GPOs, with their links read from every gPLink of the domain as the collector reads them. */
    List<ObjectNode> gpos() {
        Map<String, List<GpoDocuments.Link>> links = new LinkedHashMap<>();
        for (Entry target : DirectoryPolicies.linkTargets(layout)) {
            for (GpoDocuments.Link link : GpoDocuments.links(target.getDN(), target.getAttributeValue("gPLink"))) {
                links.computeIfAbsent(link.guid(), g -> new ArrayList<>()).add(link);
            }
        }
        List<ObjectNode> documents = new ArrayList<>();
        for (Entry gpo : DirectoryPolicies.gpoEntries(layout)) {
            documents.add(GpoDocuments.gpo(gpo, links, Org.DNS_DOMAIN));
        }
        return documents;
    }

    /** SYSVOL's files and folders, their owners and DACLs named by the day's group graph. */
    List<ObjectNode> sysvolFiles(long now) {
        GroupGraph principals = graph(DirectoryEntries.at(layout, now));
        List<ObjectNode> documents = new ArrayList<>();
        for (DirectoryPolicies.File file : DirectoryPolicies.sysvol(layout)) {
            String sha256 = file.entry().directory() ? null : Hashes.sha256Hex(file.content());
            documents.add(SysvolFiles.document(Org.DNS_DOMAIN, file.entry(), sha256, principals));
        }
        return documents;
    }

    /** The groups and accounts as the collector's group read adds them to the graph. */
    private GroupGraph graph(DirectoryEntries entries) {
        GroupGraph graph = new GroupGraph(domain.netbios(), domain.sid());
        for (Entry group : entries.groups()) {
            graph.addGroup(group, members(group));
        }
        entries.users().forEach(graph::addAccount);
        entries.computers().forEach(graph::addAccount);
        return graph.link();
    }

    private static List<String> members(Entry group) {
        String[] members = group.getAttributeValues("member");
        return members == null ? List.of() : List.of(members);
    }
}
