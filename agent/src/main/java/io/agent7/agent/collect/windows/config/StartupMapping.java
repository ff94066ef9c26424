package io.agent7.agent.collect.windows.config;

import io.agent7.agent.collect.Doc;
import io.agent7.agent.collect.windows.WindowsCommandLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns what starts with Windows into {@code startup_item} documents.
 *
 * @param environment the environment the entries are expanded with (a user's own variables
 *                    such as %APPDATA% differ per user; the system ones are what is known here)
 * @param fileExists  whether a file exists at an absolute Windows path
 */
public record StartupMapping(Map<String, String> environment, Predicate<String> fileExists) {

    public StartupMapping {
        environment = Map.copyOf(environment);
    }

    /**
     * The documents of one entry: one, except for Winlogon's Userinit, a comma-separated list
     * whose every program runs at logon (a program appended to it is a known persistence).
     */
    public List<ObjectNode> documents(StartupValue value) {
        List<ObjectNode> docs = new ArrayList<>();
        if ("winlogon".equals(value.source()) && "Userinit".equalsIgnoreCase(value.name()) && value.data() != null) {
            for (String program : value.data().split(",")) {
                if (!program.isBlank()) {
                    docs.add(document(value, program.strip(), null));
                }
            }
            if (!docs.isEmpty()) {
                return docs;
            }
        }
        if (value.link() != null) {
            docs.add(document(
                    value,
                    linkCommand(value),
                    WindowsCommandLine.expand(value.link().workingDir(), environment)));
        } else {
            docs.add(document(value, value.data(), null));
        }
        return docs;
    }

    private ObjectNode document(StartupValue value, String command, String workingDirectory) {
        return new Doc()
                .text("startup_item.name", value.name())
                .text("startup_item.location", value.location())
                .text("startup_item.source", value.source())
                .text("startup_item.scope", value.userSid() == null ? "machine" : "user")
                .bool("startup_item.enabled", enabled(value))
                // Run keys, Startup folders, Winlogon and Active Setup all start in the session
                // of the user logging on, unelevated even for an administrator.
                .bool("startup_item.privileged", false)
                .command(WindowsCommandLine.of(command, environment, fileExists))
                .text("process.working_directory", workingDirectory)
                .account(value.userName(), value.userSid(), value.userDomain())
                .build();
    }

    /** The shortcut's target, quoted as the shell starts it whole, and its arguments. */
    private static String linkCommand(StartupValue value) {
        ShellLink link = value.link();
        String target = link.target();
        if (target == null && link.relativePath() != null) {
            target = value.location() + "\\" + link.relativePath();
        }
        if (target == null) {
            return null;
        }
        String quoted = target.startsWith("\"") ? target : "\"" + target + "\"";
        return link.arguments() == null ? quoted : quoted + " " + link.arguments();
    }

    static boolean enabled(StartupValue value) {
        if (value.isInstalled() != null) {
            return value.isInstalled() != 0;
        }
        return value.startupApproved() == null || (value.startupApproved() & 1) == 0;
    }
}
