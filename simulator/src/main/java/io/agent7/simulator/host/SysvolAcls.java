package io.agent7.simulator.host;

import io.agent7.agent.collect.directory.sysvol.Ace;
import java.util.ArrayList;
import java.util.List;

/**
 * The DACLs of a domain's SYSVOL as a fresh domain and Group Policy Management set them:
 * administrators, SYSTEM and (on GPO folders) Domain and Enterprise Admins in full control,
 * everyone else read only; the planted exception grants Domain Users modify.
 */
final class SysvolAcls {

    static final String ADMINISTRATORS = "S-1-5-32-544";
    private static final String SERVER_OPERATORS = "S-1-5-32-549";
    private static final String AUTHENTICATED_USERS = "S-1-5-11";
    private static final String ENTERPRISE_DCS = "S-1-5-9";
    private static final String SYSTEM = "S-1-5-18";
    private static final String CREATOR_OWNER = "S-1-3-0";

    private static final long FULL_CONTROL = 0x1F01FF;
    private static final long MODIFY = 0x1301BF;
    private static final long READ_EXECUTE = 0x1200A9;
    private static final long GENERIC_ALL = 0x10000000L;

    private final String domainSid;

    SysvolAcls(String domainSid) {
        this.domainSid = domainSid;
    }

    String domainAdmins() {
        return domainSid + "-512";
    }

    /** The domain folder's own entries, which everything below inherits. */
    List<Ace> root() {
        return List.of(
                allow(AUTHENTICATED_USERS, READ_EXECUTE, false),
                allow(SERVER_OPERATORS, READ_EXECUTE, false),
                allow(ADMINISTRATORS, FULL_CONTROL, false),
                allow(SYSTEM, FULL_CONTROL, false),
                new Ace(CREATOR_OWNER, Ace.Type.ALLOW, GENERIC_ALL, false, true));
    }

    /** The root's entries as a child inherits them; a folder keeps CREATOR OWNER's template for its own children. */
    List<Ace> inherited(boolean folder) {
        return copies(root(), folder);
    }

    /** A GPO's folder: the entries GPMC writes for it, not inherited from Policies. */
    List<Ace> gpoFolder() {
        return List.of(
                allow(domainAdmins(), FULL_CONTROL, false),
                allow(domainSid + "-519", FULL_CONTROL, false),
                allow(SYSTEM, FULL_CONTROL, false),
                allow(AUTHENTICATED_USERS, READ_EXECUTE, false),
                allow(ENTERPRISE_DCS, READ_EXECUTE, false),
                new Ace(CREATOR_OWNER, Ace.Type.ALLOW, GENERIC_ALL, false, true));
    }

    List<Ace> gpoChild(boolean folder) {
        return copies(gpoFolder(), folder);
    }

    List<Ace> gpoFile() {
        return gpoChild(false);
    }

    /** The planted finding: an explicit grant of modify to Domain Users before the inherited entries. */
    List<Ace> writableByDomainUsers() {
        List<Ace> aces = new ArrayList<>();
        aces.add(allow(domainSid + "-513", MODIFY, false));
        aces.addAll(inherited(false));
        return aces;
    }

    private static List<Ace> copies(List<Ace> parent, boolean folder) {
        List<Ace> aces = new ArrayList<>();
        for (Ace ace : parent) {
            if (ace.inheritOnly() && !folder) {
                continue; // CREATOR OWNER's template becomes the creator's own entry, not one on the file
            }
            aces.add(new Ace(ace.sid(), ace.type(), ace.mask(), true, ace.inheritOnly()));
        }
        return aces;
    }

    private static Ace allow(String sid, long mask, boolean inherited) {
        return new Ace(sid, Ace.Type.ALLOW, mask, inherited, false);
    }
}
