package io.agent7.search.commands;

import io.agent7.protocol.Command;
import io.agent7.protocol.CommandAllowlist;
import io.agent7.protocol.SettingsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * What the server lets each responder ask agents to do: the union of what their roles'
 * allowlists and their own allow ({@link CommandsProperties#allowlists}). Only the responder
 * and admin roles have one. Read once, when the service starts: a bad file stops the start,
 * naming what is wrong. The agent checks every command against its owner's list too, which no
 * server setting widens.
 */
@Component
public class ServerAllowlist {

    /** The roles that may send commands at all. */
    static final List<String> ROLES = List.of("responder", "admin");

    private static final Pattern FILE = Pattern.compile("(responder|admin|user-(.+))\\.properties");

    private final Map<String, CommandAllowlist> roles = new LinkedHashMap<>();
    private final Map<String, CommandAllowlist> users = new LinkedHashMap<>();

    ServerAllowlist(CommandsProperties properties) {
        for (String role : ROLES) {
            roles.put(role, CommandAllowlist.builtInsOnly());
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
                    CommandAllowlist list = CommandAllowlist.parse(SettingsFile.read(file), file.toString());
                    if (name.group(2) != null) {
                        users.put(name.group(2).toLowerCase(Locale.ROOT), list);
                    } else {
                        roles.put(name.group(1), list);
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

    /** Empty when {@code user}, with {@code userRoles}, may send {@code command}; otherwise why not. */
    public Optional<String> refusal(String user, List<String> userRoles, Command command) {
        List<CommandAllowlist> lists = new ArrayList<>();
        for (String role : userRoles) {
            if (roles.containsKey(role)) {
                lists.add(roles.get(role));
            }
        }
        if (lists.isEmpty()) {
            return Optional.of("only responders and admins may send commands");
        }
        CommandAllowlist own = users.get(user.toLowerCase(Locale.ROOT));
        if (own != null) {
            lists.add(own);
        }
        String reason = null;
        for (CommandAllowlist list : lists) {
            Optional<String> refused = list.check(command);
            if (refused.isEmpty()) {
                return Optional.empty();
            }
            reason = refused.get();
        }
        return Optional.of(reason + " for " + user);
    }
}
