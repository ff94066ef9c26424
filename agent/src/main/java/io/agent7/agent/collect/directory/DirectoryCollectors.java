package io.agent7.agent.collect.directory;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.directory.sysvol.SmbSysvol;
import io.agent7.agent.collect.directory.sysvol.SysvolFileCollector;
import io.agent7.agent.collect.directory.sysvol.SysvolSource;
import io.agent7.agent.collect.directory.sysvol.UncSysvol;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Active Directory collectors: {@code ad_user}, {@code ad_group}, {@code ad_computer},
 * {@code ad_domain} and {@code gpo} over LDAP, {@code sysvol_file} over SMB or the UNC path.
 * Every agent has them; the policy turns them on for the one or two hosts per domain that
 * should collect it (default: none), and the agent's {@code directory.properties} says how to
 * reach the domain. A collection that fails throws: the agent reports the error at check-in and
 * sends nothing, so the documents of the last good collection stay present.
 */
public final class DirectoryCollectors {

    private DirectoryCollectors() {}

    /** Every directory collector: the LDAP ones over {@code directory}, and SYSVOL's. */
    public static List<Collector> all(Schema schema, Directory directory, Supplier<DirectorySettings> settings) {
        List<Collector> collectors = new ArrayList<>(ldap(schema, directory));
        collectors.add(new SysvolCollector(schema.require("sysvol_file"), schema, directory, settings));
        return collectors;
    }

    /** The LDAP collectors over {@code directory}. */
    public static List<Collector> ldap(Schema schema, Directory directory) {
        List<Collector> collectors = new ArrayList<>();
        collectors.add(new LdapCollector(schema.require("ad_user"), directory, session -> {
            DirectoryReader.Groups groups = session.groups();
            List<ObjectNode> documents = new ArrayList<>();
            session.reader()
                    .users(e -> documents.add(AdDocuments.user(e, session.domain(), groups.graph(), session.now())));
            return documents;
        }));
        collectors.add(new LdapCollector(schema.require("ad_group"), directory, session -> {
            DirectoryReader.Groups groups = session.groups();
            List<ObjectNode> documents = new ArrayList<>();
            for (var entry : groups.entries()) {
                documents.add(AdDocuments.group(
                        entry,
                        groups.members().getOrDefault(entry.getDN(), List.of()),
                        session.domain(),
                        groups.graph()));
            }
            return documents;
        }));
        collectors.add(new LdapCollector(schema.require("ad_computer"), directory, session -> {
            List<ObjectNode> documents = new ArrayList<>();
            session.reader().computers(e -> documents.add(AdDocuments.computer(e, session.domain(), session.now())));
            return documents;
        }));
        collectors.add(new LdapCollector(
                schema.require("ad_domain"),
                directory,
                session -> session.reader().domainDocuments()));
        collectors.add(new LdapCollector(schema.require("gpo"), directory, session -> {
            Map<String, List<GpoDocuments.Link>> links = session.reader().gpoLinks();
            List<ObjectNode> documents = new ArrayList<>();
            session.reader()
                    .gpos(e -> documents.add(
                            GpoDocuments.gpo(e, links, session.domain().dns())));
            return documents;
        }));
        return collectors;
    }

    /**
     * SYSVOL through the UNC path on Windows (the host's own SMB client and credentials), over
     * SMB with smbj elsewhere; settings are read at each run, like the LDAP collectors'.
     */
    private record SysvolCollector(
            DataType type, Schema schema, Directory directory, Supplier<DirectorySettings> settings)
            implements Collector {

        @Override
        public List<ObjectNode> collect() {
            DirectorySettings current = settings.get();
            boolean windows = System.getProperty("os.name", "").startsWith("Windows");
            SysvolSource source = windows ? new UncSysvol(current) : new SmbSysvol(current);
            return new SysvolFileCollector(schema, current.domain(), source, directory::principals).collect();
        }
    }

    private record LdapCollector(DataType type, Directory directory, Function<Directory.Session, List<ObjectNode>> read)
            implements Collector {

        @Override
        public List<ObjectNode> collect() {
            return directory.read(read);
        }
    }
}
