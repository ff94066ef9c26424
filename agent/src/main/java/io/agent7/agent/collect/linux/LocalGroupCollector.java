package io.agent7.agent.collect.linux;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.Doc;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The groups of /etc/group. Members are the names the group lists and the accounts whose
 * primary group it is: /etc/group leaves those out, but they belong to it all the same.
 */
public final class LocalGroupCollector implements Collector {

    /** Groups whose members are root or may become root. */
    static final Set<String> PRIVILEGED = Set.of("root", "sudo", "wheel", "admin");

    private final Root root;

    private final DataType type;

    public LocalGroupCollector(Schema schema, Path root) {
        this.type = schema.require("local_group");
        this.root = new Root(root);
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        Accounts accounts = Accounts.load(root);
        if (accounts.groups().isEmpty()) {
            return List.of();
        }
        String hostName = HostName.of(root);
        Map<Long, List<String>> byPrimaryGroup = new HashMap<>();
        for (Accounts.User user : accounts.users()) {
            byPrimaryGroup.computeIfAbsent(user.gid(), gid -> new ArrayList<>()).add(user.name());
        }
        List<ObjectNode> documents = new ArrayList<>(accounts.groups().size());
        for (Accounts.Group group : accounts.groups()) {
            Set<String> members = new LinkedHashSet<>(group.members());
            members.addAll(byPrimaryGroup.getOrDefault(group.gid(), List.of()));
            List<String> ids = new ArrayList<>(members.size());
            for (String member : members) {
                Accounts.User user = accounts.user(member);
                if (user != null) {
                    ids.add(Long.toString(user.uid()));
                }
            }
            documents.add(new Doc()
                    .text("group.name", group.name())
                    .text("group.id", Long.toString(group.gid()))
                    .text("group.domain", hostName)
                    .texts("local_group.members", new ArrayList<>(members))
                    .texts("local_group.member_ids", ids)
                    .number("local_group.member_count", members.size())
                    .bool("local_group.privileged", PRIVILEGED.contains(group.name()) || group.gid() == 0)
                    .build());
        }
        return documents;
    }
}
