package io.agent7.agent.collect.windows.accounts;

import io.agent7.agent.collect.Doc;
import io.agent7.agent.collect.directory.sysvol.Ace;
import io.agent7.agent.collect.directory.sysvol.SecurityDescriptors;
import io.agent7.agent.collect.windows.Sids;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code share} documents from NetShareEnum. Permissions are the share's own DACL (not the
 * folder's NTFS one) in the words of the share permission dialog: full, change, read.
 *
 * <p>Administrative shares (C$, ADMIN$) carry no security descriptor: the server lets only
 * Administrators connect to them, and the document says so. A share of another kind without
 * a descriptor has a null DACL, which lets everyone do everything. A level-1 share (the agent
 * could not read level 502) has no path, counts or permissions: none are guessed.
 */
public final class ShareDocs {

    static final int STYPE_SPECIAL = 0x80000000;
    private static final int STYPE_MASK = 0xFF;

    /** Full control, change and read of a share DACL ({@code FILE_ALL_ACCESS} and the rest). */
    private static final long FULL = 0x1F01FF;

    private static final long CHANGE = 0x1301BF;
    private static final long READ = 0x1200A9;
    private static final long GENERIC_ALL = 0x10000000L;
    private static final long GENERIC_WRITE = 0x40000000L;
    private static final long GENERIC_READ = 0x80000000L;

    /** Trustees that stand for anyone who reaches the share. */
    private static final Set<String> ANYONE = Set.of(Sids.EVERYONE, Sids.AUTHENTICATED_USERS, "S-1-5-7");

    private ShareDocs() {}

    public static List<ObjectNode> documents(List<ShareInfo> shares) {
        List<ObjectNode> docs = new ArrayList<>(shares.size());
        for (ShareInfo share : shares) {
            Doc doc = new Doc()
                    .text("share.name", share.name())
                    .text("share.path", share.path())
                    .text("share.type", type(share.type()))
                    .text("share.description", share.remark());
            if (share.level() == 502) {
                List<Ace> aces = aces(share);
                doc.texts("share.permissions", permissions(aces, share))
                        .bool("share.everyone_access", aces.stream().anyMatch(ShareDocs::anyone))
                        .number("share.current_users", Integer.toUnsignedLong(share.currentUses()));
                if (share.maxUses() != -1) {
                    doc.number("share.max_users", Integer.toUnsignedLong(share.maxUses()));
                }
            }
            docs.add(doc.build());
        }
        return docs;
    }

    static String type(int type) {
        int base = type & STYPE_MASK;
        if (base == 3) {
            return "ipc";
        }
        if ((type & STYPE_SPECIAL) != 0) {
            return "special";
        }
        return switch (base) {
            case 0 -> "disk";
            case 1 -> "print";
            case 2 -> "device";
            default -> null;
        };
    }

    private static List<Ace> aces(ShareInfo share) {
        if (share.securityDescriptor() != null) {
            return SecurityDescriptors.parse(share.securityDescriptor()).aces();
        }
        if ((share.type() & STYPE_MASK) == 3) {
            return List.of();
        }
        if ((share.type() & STYPE_SPECIAL) != 0) {
            return List.of(new Ace(Sids.ADMINISTRATORS, Ace.Type.ALLOW, FULL, false, false));
        }
        return Ace.NULL_DACL;
    }

    private static List<String> permissions(List<Ace> aces, ShareInfo share) {
        List<String> permissions = new ArrayList<>(aces.size());
        for (Ace ace : aces) {
            String name = share.sidNames()
                    .getOrDefault(ace.sid(), Sids.wellKnownName(ace.sid()).orElse(ace.sid()));
            String access = access(ace.mask());
            permissions.add(name + ":" + (ace.type() == Ace.Type.DENY ? "deny_" + access : access));
        }
        return permissions;
    }

    /** The widest of full, change and read the mask holds, else the mask itself in hex. */
    static String access(long mask) {
        if ((mask & FULL) == FULL || (mask & GENERIC_ALL) != 0) {
            return "full";
        }
        if ((mask & CHANGE) == CHANGE || (mask & GENERIC_WRITE) != 0) {
            return "change";
        }
        if ((mask & READ) == READ || (mask & GENERIC_READ) != 0) {
            return "read";
        }
        return "0x" + Long.toHexString(mask).toUpperCase(Locale.ROOT);
    }

    private static boolean anyone(Ace ace) {
        return ace.type() == Ace.Type.ALLOW && ANYONE.contains(ace.sid());
    }
}
