package io.agent7.simulator.host;

import io.agent7.agent.collect.directory.sysvol.Ace;
import io.agent7.agent.collect.windows.Sids;
import io.agent7.agent.collect.windows.accounts.ShareInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** {@code share} documents: administrative and file shares on Windows, NFS exports on some Linux servers. */
final class ShareDocs {

    /** shi502_type: STYPE_DISKTREE, STYPE_IPC and the STYPE_SPECIAL flag of administrative shares. */
    private static final int DISK = 0;

    private static final int IPC = 3;
    private static final int SPECIAL = 0x80000000;
    /** shi502_max_uses of a share without a limit. */
    private static final int UNLIMITED = -1;

    /** Full control, change and read in a share's DACL. */
    private static final long FULL = 0x1F01FF;

    private static final long CHANGE = 0x1301BF;
    private static final long READ = 0x1200A9;

    /** A trustee of a share's DACL: its SID and the name LookupAccountSid gives it. */
    private record Trustee(String sid, String name) {}

    private static final Trustee EVERYONE = new Trustee(Sids.EVERYONE, "Everyone");
    private static final Trustee ADMINISTRATORS = new Trustee(Sids.ADMINISTRATORS, "BUILTIN\\Administrators");

    private ShareDocs() {}

    static List<ObjectNode> build(HostState h) {
        return h.profile.windows ? windows(h) : linux(h);
    }

    /**
     * The shares as the real collector would see them: NetShareEnum's level-502 records, each
     * file share with its DACL, turned into documents by the agent's own mapping.
     */
    private static List<ObjectNode> windows(HostState h) {
        HostProfile p = h.profile;
        List<ShareInfo> shares = new ArrayList<>();
        shares.add(special("ADMIN$", "C:\\Windows", "Remote Admin"));
        shares.add(special("C$", "C:\\", "Default share"));
        shares.add(new ShareInfo(502, "IPC$", SPECIAL | IPC, "Remote IPC", UNLIMITED, 0, "", null, Map.of()));
        for (Volumes.Volume v : Volumes.of(p)) {
            if (!v.mount().equals("C:")) {
                shares.add(special(v.mount().charAt(0) + "$", v.mount() + "\\", "Default share"));
            }
        }
        String domain = p.domainSid + "-";
        Trustee domainAdmins = new Trustee(domain + "512", Org.DOMAIN + "\\Domain Admins");
        if (p.role.server()) {
            shares.add(disk(
                    h,
                    "print$",
                    "C:\\Windows\\system32\\spool\\drivers",
                    "Printer Drivers",
                    false,
                    allow(EVERYONE, READ),
                    allow(ADMINISTRATORS, FULL)));
        }
        if (p.role == Role.FILE_SERVER) {
            shares.add(disk(
                    h,
                    "Shared",
                    "D:\\Shares\\Shared",
                    "Team files",
                    true,
                    allow(EVERYONE, CHANGE),
                    allow(ADMINISTRATORS, FULL)));
            shares.add(disk(
                    h,
                    "Users$",
                    "D:\\Shares\\Users",
                    "Home folders",
                    true,
                    allow(new Trustee(domain + "513", Org.DOMAIN + "\\Domain Users"), CHANGE),
                    allow(ADMINISTRATORS, FULL)));
            // The finance department's group of the simulated directory, Dept-Finance.
            shares.add(disk(
                    h,
                    "Finance",
                    "D:\\Shares\\Finance",
                    "Finance department",
                    true,
                    allow(new Trustee(domain + "1110", Org.DOMAIN + "\\Dept-Finance"), CHANGE),
                    allow(domainAdmins, FULL)));
            // Workstation Admins with the RID the hosts' local Administrators groups give it.
            shares.add(disk(
                    h,
                    "Software",
                    "D:\\Shares\\Software",
                    "Installers",
                    true,
                    allow(EVERYONE, READ),
                    allow(new Trustee(domain + "1101", Org.DOMAIN + "\\Workstation Admins"), FULL)));
            if (hasScans(p)) {
                shares.add(disk(h, "Scans", "D:\\Shares\\Scans", "Scanner drop folder", true, allow(EVERYONE, FULL)));
            }
        }
        if (p.role == Role.SQL_SERVER) {
            Principal backup = Accounts.windows(p, Accounts.SERVICE_ACCOUNT + 1);
            shares.add(disk(
                    h,
                    "Backup",
                    "E:\\Backup",
                    "SQL backups",
                    false,
                    allow(new Trustee(backup.id(), backup.qualified()), FULL),
                    allow(ADMINISTRATORS, FULL)));
        }
        return io.agent7.agent.collect.windows.accounts.ShareDocs.documents(shares);
    }

    /** An administrative share: no descriptor, as the server lets only Administrators in. */
    private static ShareInfo special(String name, String path, String remark) {
        return new ShareInfo(502, name, SPECIAL | DISK, remark, UNLIMITED, 0, path, null, Map.of());
    }

    private record Entry(Trustee trustee, Ace ace) {}

    private static Entry allow(Trustee trustee, long mask) {
        return new Entry(trustee, new Ace(trustee.sid(), Ace.Type.ALLOW, mask, false, false));
    }

    private static ShareInfo disk(
            HostState h, String name, String path, String remark, boolean busy, Entry... entries) {
        Map<String, String> names = new LinkedHashMap<>();
        List<Ace> aces = new ArrayList<>();
        for (Entry e : entries) {
            names.put(e.trustee().sid(), e.trustee().name());
            aces.add(e.ace());
        }
        int sessions = busy ? users(h.profile, name, h.clock) : 0;
        return new ShareInfo(502, name, DISK, remark, UNLIMITED, sessions, path, ShareDescriptor.of(aces), names);
    }

    private static List<ObjectNode> linux(HostState h) {
        HostProfile p = h.profile;
        List<ObjectNode> docs = new ArrayList<>();
        if (p.role == Role.APP && Seeds.chance(Seeds.of(p.key, 0x5F5), 0.3)) {
            ObjectNode doc = Json.doc();
            ObjectNode share = doc.putObject("share");
            share.put("name", "/srv/exports/uploads");
            share.put("path", "/srv/exports/uploads");
            share.put("type", "nfs");
            Json.texts(share, "permissions", List.of("10.30.0.0/16(rw,sync,no_subtree_check)"));
            share.put("everyone_access", false);
            share.put("current_users", 0);
            docs.add(doc);
        }
        return docs;
    }

    /** Whether a file server has the scanner drop folder its site's multifunction printer scans to. */
    static boolean hasScans(HostProfile p) {
        return p.role == Role.FILE_SERVER && Seeds.chance(Seeds.of(p.key, 0x5CA), 0.5);
    }

    /** Open connections to a file share, per hour: many in working hours, a few at night. */
    private static int users(HostProfile p, String share, long t) {
        long hour = Math.floorDiv(t, SimTime.HOUR);
        int peak = p.role == Role.FILE_SERVER ? 40 : 6;
        double busy = Smooth.workload(hour * SimTime.HOUR, p.tz) * Seeds.unit(Seeds.of(Seeds.of(p.key, share), hour));
        return Math.round((float) (peak * busy));
    }
}
