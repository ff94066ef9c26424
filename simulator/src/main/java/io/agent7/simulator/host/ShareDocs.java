package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code share} documents: administrative and file shares on Windows, NFS exports on some Linux servers. */
final class ShareDocs {

    private record Share(
            String name,
            String path,
            String type,
            String description,
            List<String> permissions,
            boolean everyone,
            boolean busy) {}

    private ShareDocs() {}

    static List<ObjectNode> build(HostState h) {
        HostProfile p = h.profile;
        List<ObjectNode> docs = new ArrayList<>();
        for (Share s : shares(h)) {
            ObjectNode doc = Json.doc();
            ObjectNode share = doc.putObject("share");
            share.put("name", s.name());
            Json.text(share, "path", s.path());
            share.put("type", s.type());
            Json.text(share, "description", s.description());
            Json.texts(share, "permissions", s.permissions());
            share.put("everyone_access", s.everyone());
            share.put("current_users", s.busy() ? users(p, s.name(), h.clock) : 0);
            docs.add(doc);
        }
        return docs;
    }

    /** Open connections to a file share, per hour: many in working hours, a few at night. */
    private static int users(HostProfile p, String share, long t) {
        long hour = Math.floorDiv(t, SimTime.HOUR);
        int peak = p.role == Role.FILE_SERVER ? 40 : 6;
        double busy = Smooth.workload(hour * SimTime.HOUR, p.tz) * Seeds.unit(Seeds.of(Seeds.of(p.key, share), hour));
        return Math.round((float) (peak * busy));
    }

    private static List<Share> shares(HostState h) {
        HostProfile p = h.profile;
        List<Share> shares = new ArrayList<>();
        if (!p.windows) {
            if (p.role == Role.APP && Seeds.chance(Seeds.of(p.key, 0x5F5), 0.3)) {
                shares.add(new Share(
                        "/srv/exports/uploads",
                        "/srv/exports/uploads",
                        "nfs",
                        null,
                        List.of("10.30.0.0/16(rw,sync,no_subtree_check)"),
                        false,
                        false));
            }
            return shares;
        }
        List<String> admins = List.of("BUILTIN\\Administrators:full");
        shares.add(new Share("ADMIN$", "C:\\Windows", "special", "Remote Admin", admins, false, false));
        shares.add(new Share("C$", "C:\\", "special", "Default share", admins, false, false));
        shares.add(new Share("IPC$", null, "ipc", "Remote IPC", List.of(), false, false));
        for (Volumes.Volume v : Volumes.of(p)) {
            if (!v.mount().equals("C:")) {
                shares.add(new Share(
                        v.mount().charAt(0) + "$", v.mount() + "\\", "special", "Default share", admins, false, false));
            }
        }
        if (p.role.server()) {
            shares.add(new Share(
                    "print$",
                    "C:\\Windows\\system32\\spool\\drivers",
                    "disk",
                    "Printer Drivers",
                    List.of("Everyone:read", "BUILTIN\\Administrators:full"),
                    true,
                    false));
        }
        if (p.role == Role.FILE_SERVER) {
            shares.add(new Share(
                    "Shared",
                    "D:\\Shares\\Shared",
                    "disk",
                    "Team files",
                    List.of("Everyone:change", "BUILTIN\\Administrators:full"),
                    true,
                    true));
            shares.add(new Share(
                    "Users$",
                    "D:\\Shares\\Users",
                    "disk",
                    "Home folders",
                    List.of("CORP\\Domain Users:change", "BUILTIN\\Administrators:full"),
                    false,
                    true));
            shares.add(new Share(
                    "Finance",
                    "D:\\Shares\\Finance",
                    "disk",
                    "Finance department",
                    List.of("CORP\\Finance:change", "CORP\\Domain Admins:full"),
                    false,
                    true));
            shares.add(new Share(
                    "Software",
                    "D:\\Shares\\Software",
                    "disk",
                    "Installers",
                    List.of("Everyone:read", "CORP\\Workstation Admins:full"),
                    true,
                    true));
            if (Seeds.chance(Seeds.of(p.key, 0x5CA), 0.5)) {
                shares.add(new Share(
                        "Scans",
                        "D:\\Shares\\Scans",
                        "disk",
                        "Scanner drop folder",
                        List.of("Everyone:full"),
                        true,
                        true));
            }
        }
        if (p.role == Role.SQL_SERVER) {
            shares.add(new Share(
                    "Backup",
                    "E:\\Backup",
                    "disk",
                    "SQL backups",
                    List.of("CORP\\svc_backup:full", "BUILTIN\\Administrators:full"),
                    false,
                    false));
        }
        return shares;
    }
}
