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
import java.util.function.BiConsumer;
import java.util.function.Consumer;
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
        collectors.add(new LdapCollector(schema.require("ad_user"), directory, (session, sink) -> {
            DirectoryReader.Groups groups = session.groups();
            session.reader()
                    .users(e -> sink.accept(AdDocuments.user(e, session.domain(), groups.graph(), session.now())));
        }));
        collectors.add(new LdapCollector(schema.require("ad_group"), directory, (session, sink) -> {
            DirectoryReader.Groups groups = session.groups();
            for (var entry : groups.entries()) {
                sink.accept(AdDocuments.group(
                        entry,
                        groups.members().getOrDefault(entry.getDN(), List.of()),
                        session.domain(),
                        groups.graph()));
            }
        }));
        collectors.add(new LdapCollector(
                schema.require("ad_computer"),
                directory,
                (session, sink) -> session.reader()
                        .computers(e -> sink.accept(AdDocuments.computer(e, session.domain(), session.now())))));
        collectors.add(new LdapCollector(
                schema.require("ad_domain"),
                directory,
                (session, sink) -> session.reader().domainDocuments().forEach(sink)));
        collectors.add(new LdapCollector(schema.require("gpo"), directory, (session, sink) -> {
            Map<String, List<GpoDocuments.Link>> links = session.reader().gpoLinks();
            session.reader()
                    .gpos(e -> sink.accept(
                            GpoDocuments.gpo(e, links, session.domain().dns())));
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

    /** Hands each document over as its entry arrives: a domain's users are never all held at once. */
    private record LdapCollector(
            DataType type, Directory directory, BiConsumer<Directory.Session, Consumer<ObjectNode>> read)
            implements Collector {

        @Override
        public List<ObjectNode> collect() {
            List<ObjectNode> documents = new ArrayList<>();
            collect(documents::add);
            return documents;
        }

        @Override
        public void collect(Consumer<ObjectNode> sink) {
            directory.read(session -> {
                read.accept(session, sink);
                return null;
            });
        }
    }
}
