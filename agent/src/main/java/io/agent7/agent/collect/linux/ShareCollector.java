package io.agent7.agent.collect.linux;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.Doc;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the host shares: NFS exports (/etc/exports and /etc/exports.d/*.exports) and Samba
 * shares (/etc/samba/smb.conf), from their configuration.
 */
public final class ShareCollector implements Collector {

    /** Client specs that let any host mount an export. */
    private static final Set<String> ANY_HOST = Set.of("*", "", "0.0.0.0/0", "::/0");

    private final Root root;

    private final DataType type;

    public ShareCollector(Schema schema, Path root) {
        this.type = schema.require("share");
        this.root = new Root(root);
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public List<ObjectNode> collect() {
        List<ObjectNode> documents = new ArrayList<>();
        exports(Root.read(root.at("/etc/exports")), documents);
        for (Path file : Root.list(root.at("/etc/exports.d"))) {
            if (file.getFileName().toString().endsWith(".exports")) {
                exports(Root.read(file), documents);
            }
        }
        samba(Root.read(root.at("/etc/samba/smb.conf")), documents);
        return documents;
    }

    /** exports(5): a path, optional "-options" defaults, then clients as host(options). */
    static void exports(String text, List<ObjectNode> out) {
        if (text == null) {
            return;
        }
        StringBuilder logical = new StringBuilder();
        for (String raw : Root.splitLines(text)) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.endsWith("\\")) {
                logical.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            logical.append(line);
            ObjectNode export = export(logical.toString().strip());
            if (export != null) {
                out.add(export);
            }
            logical.setLength(0);
        }
    }

    private static ObjectNode export(String line) {
        List<String> words = CommandLine.split(line);
        if (words.isEmpty() || !words.get(0).startsWith("/")) {
            return null;
        }
        String path = words.get(0);
        String defaults = null;
        List<String> permissions = new ArrayList<>();
        boolean everyone = false;
        for (String word : words.subList(1, words.size())) {
            if (word.startsWith("-")) {
                defaults = word.substring(1);
                continue;
            }
            int paren = word.indexOf('(');
            String client = paren >= 0 ? word.substring(0, paren) : word;
            String options = paren >= 0 && word.endsWith(")") ? word.substring(paren + 1, word.length() - 1) : defaults;
            everyone |= ANY_HOST.contains(client);
            permissions.add((client.isEmpty() ? "*" : client) + "(" + (options == null ? "" : options) + ")");
        }
        if (permissions.isEmpty()) {
            // exportfs exports a path without clients to every host
            everyone = true;
            permissions.add("*(" + (defaults == null ? "" : defaults) + ")");
        }
        return new Doc()
                .text("share.name", path)
                .text("share.path", path)
                .text("share.type", "nfs")
                .texts("share.permissions", permissions)
                .bool("share.everyone_access", everyone)
                .build();
    }

    /**
     * smb.conf(5): every section but [global] is a share; [printers] and printable sections
     * share printers. Access entries are principal:read or principal:write, from valid users,
     * the read and write lists and read only; guest ok lets everyone in.
     */
    static void samba(String text, List<ObjectNode> out) {
        if (text == null) {
            return;
        }
        IniFile conf = IniFile.parse(text, true);
        for (String section : conf.sections()) {
            if (section.equalsIgnoreCase("global") || Boolean.FALSE.equals(conf.bool(section, "available"))) {
                continue;
            }
            boolean printer = section.equalsIgnoreCase("printers")
                    || Boolean.TRUE.equals(firstBool(conf, section, "printable", "printok"));
            boolean guest = Boolean.TRUE.equals(firstBool(conf, section, "guestok", "public"));
            Boolean readOnly = firstBool(conf, section, "readonly");
            if (readOnly == null) {
                Boolean writable = firstBool(conf, section, "writable", "writeable", "writeok");
                readOnly = writable == null ? Boolean.TRUE : !writable; // Samba shares are read-only by default
            }
            String access = readOnly ? "read" : "write";
            List<String> permissions = new ArrayList<>();
            List<String> validUsers = list(conf.last(section, "validusers"));
            for (String user : validUsers) {
                permissions.add(user + ":" + access);
            }
            if (validUsers.isEmpty()) {
                permissions.add((guest ? "everyone" : "authenticated_users") + ":" + access);
            } else if (guest) {
                permissions.add("everyone:" + access);
            }
            for (String user : list(conf.last(section, "readlist"))) {
                permissions.add(user + ":read");
            }
            for (String user : list(conf.last(section, "writelist"))) {
                permissions.add(user + ":write");
            }
            for (String user : list(conf.last(section, "adminusers"))) {
                permissions.add(user + ":full");
            }
            Doc doc = new Doc()
                    .text("share.name", section)
                    .text("share.path", conf.last(section, "path"))
                    .text("share.type", printer ? "print" : "samba")
                    .text("share.description", conf.last(section, "comment"))
                    .texts("share.permissions", permissions)
                    .bool("share.everyone_access", guest);
            String maxText = conf.last(section, "maxconnections");
            Long max = maxText == null ? null : Accounts.parseId(maxText);
            if (max != null && max > 0) {
                doc.number("share.max_users", max); // 0 is Samba's "no limit"
            }
            out.add(doc.build());
        }
    }

    private static Boolean firstBool(IniFile conf, String section, String... keys) {
        for (String key : keys) {
            Boolean value = conf.bool(section, key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** A Samba user list: names separated by commas or blanks, "@group" and "+group" kept as written. */
    private static List<String> list(String value) {
        List<String> names = new ArrayList<>();
        if (value != null) {
            for (String name : value.split("[,\\s]+")) {
                if (!name.isEmpty() && !names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
