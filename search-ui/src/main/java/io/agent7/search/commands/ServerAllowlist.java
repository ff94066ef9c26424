package io.agent7.search.commands;

import io.agent7.protocol.Command;
import io.agent7.protocol.CommandAllowlist;
import io.agent7.protocol.SettingsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * What the server lets each responder ask agents to do: the union of what their roles'
 * allowlists and their own allow ({@link CommandsProperties#allowlists}), on every host or on
 * the hosts of named host groups. Only the responder and admin roles have one. Read once, when
 * the service starts: a bad file stops the start, naming what is wrong. The agent checks every
 * command against its owner's list too, which no server setting widens.
 *
 * <p>A file is in the format of an agent's {@code response.properties}; what it says under
 * {@code group.<name>.} ({@code group.web.actions}, {@code group.web.run.restart.path}, ...)
 * holds on the hosts of that host group only, on top of what the file allows everywhere. A
 * group's part allows what it names and nothing else: no built-in action unless listed.
 */
@Component
public class ServerAllowlist {

    /** The roles that may send commands at all. */
    static final List<String> ROLES = List.of("responder", "admin");

    private static final Pattern FILE = Pattern.compile("(responder|admin|user-(.+))\\.properties");
    private static final Pattern GROUP_KEY =
            Pattern.compile("group\\.(.+)\\.(actions|shell|run\\.[A-Za-z0-9_-]+\\.(?:path|args))");

    /** One role's or person's lists: on every host, and on the hosts of each group. */
    private record Lists(CommandAllowlist everywhere, Map<String, CommandAllowlist> byGroup) {}

    /**
     * What one person may send: a command allowed on every host, on the hosts of {@code groups}
     * only, or (with {@code refusal} saying why) on none.
     */
    public record Permission(boolean everywhere, Set<String> groups, String refusal) {

        /** Whether a host of {@code group} (null for a host in no group) may get the command. */
        public boolean allows(String group) {
            return everywhere || (group != null && groups.contains(group));
        }

        public boolean nowhere() {
            return !everywhere && groups.isEmpty();
        }
    }

    private final Map<String, Lists> roles = new LinkedHashMap<>();
    private final Map<String, Lists> users = new LinkedHashMap<>();

    ServerAllowlist(CommandsProperties properties) {
        for (String role : ROLES) {
            roles.put(role, new Lists(CommandAllowlist.builtInsOnly(), Map.of()));
        }
        Path folder = properties.allowlists();
        if (folder == null) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("agent7.commands.allowlists " + folder + " is not a folder");
        }
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                Matcher name = FILE.matcher(file.getFileName().toString());
                if (!name.matches()) {
                    problems.add(file.getFileName() + " is neither <role>.properties (responder, admin) nor"
                            + " user-<name>.properties");
                    continue;
                }
                try {
                    Lists lists = parse(SettingsFile.read(file), file.toString());
                    if (name.group(2) != null) {
                        users.put(name.group(2).toLowerCase(Locale.ROOT), lists);
                    } else {
                        roles.put(name.group(1), lists);
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read agent7.commands.allowlists " + folder, e);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("agent7.commands.allowlists: " + String.join("; ", problems));
        }
    }

    /** A file's lists: its {@code group.<name>.} settings per group, the rest for every host. */
    private static Lists parse(Properties file, String source) {
        Properties everywhere = new Properties();
        Map<String, Properties> groups = new LinkedHashMap<>();
        for (String key : file.stringPropertyNames()) {
            Matcher scoped = GROUP_KEY.matcher(key);
            if (scoped.matches()) {
                groups.computeIfAbsent(scoped.group(1), g -> new Properties())
                        .setProperty(scoped.group(2), file.getProperty(key));
            } else if (key.startsWith("group.")) {
                throw new IllegalArgumentException(source + ": '" + key + "' is not group.<name>.actions,"
                        + " group.<name>.shell or group.<name>.run.<name>.path/args");
            } else {
                everywhere.setProperty(key, file.getProperty(key));
            }
        }
        Map<String, CommandAllowlist> byGroup = new LinkedHashMap<>();
        for (Map.Entry<String, Properties> group : groups.entrySet()) {
            Properties part = group.getValue();
            // A group's part adds what it names: no built-in action unless it lists it.
            part.putIfAbsent("actions", "none");
            byGroup.put(group.getKey(), CommandAllowlist.parse(part, source + " (group " + group.getKey() + ")"));
        }
        return new Lists(CommandAllowlist.parse(everywhere, source), byGroup);
    }

    /** Where {@code user}, with {@code userRoles}, may send {@code command}. */
    public Permission permission(String user, List<String> userRoles, Command command) {
        List<Lists> lists = new ArrayList<>();
        for (String role : userRoles) {
            if (roles.containsKey(role)) {
                lists.add(roles.get(role));
            }
        }
        if (lists.isEmpty()) {
            return new Permission(false, Set.of(), "only responders and admins may send commands");
        }
        Lists own = users.get(user.toLowerCase(Locale.ROOT));
        if (own != null) {
            lists.add(own);
        }
        String reason = null;
        Set<String> groups = new TreeSet<>();
        for (Lists one : lists) {
            var refused = one.everywhere().check(command);
            if (refused.isEmpty()) {
                return new Permission(true, Set.of(), null);
            }
            reason = refused.get();
            one.byGroup().forEach((group, list) -> {
                if (list.check(command).isEmpty()) {
                    groups.add(group);
                }
            });
        }
        return new Permission(false, Collections.unmodifiableSet(groups), reason + " for " + user);
    }
}
