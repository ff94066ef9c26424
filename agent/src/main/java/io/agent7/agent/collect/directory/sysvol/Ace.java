package io.agent7.agent.collect.directory.sysvol;

import java.util.List;
import java.util.Objects;

/**
 * One access control entry of a DACL, whichever source read it: an allow or deny of
 * {@code mask} to {@code sid}.
 *
 * @param sid         the trustee, e.g. {@code S-1-5-21-1-2-3-513}
 * @param type        allow or deny
 * @param mask        the raw access mask, generic bits included as stored
 * @param inherited   INHERITED_ACE (0x10): copied from a parent folder's inheritable entries
 * @param inheritOnly INHERIT_ONLY_ACE (0x08): a template for children that grants nothing on
 *                    this file or folder itself
 */
public record Ace(String sid, Type type, long mask, boolean inherited, boolean inheritOnly) {

    /** ACE header flag INHERIT_ONLY_ACE ([MS-DTYP] 2.4.4.1). */
    static final int INHERIT_ONLY_ACE = 0x08;
    /** ACE header flag INHERITED_ACE ([MS-DTYP] 2.4.4.1). */
    static final int INHERITED_ACE = 0x10;

    /**
     * What a file without a DACL (a "null DACL") grants: everything, to everyone. Both
     * sources write it as this one entry so that the document shows, and the write check
     * counts, what Windows actually enforces; an empty DACL, by contrast, is no entries at all
     * and grants nothing to anyone but the owner's implicit rights.
     */
    public static final List<Ace> NULL_DACL =
            List.of(new Ace(WellKnownSids.EVERYONE, Type.ALLOW, AccessRights.FILE_ALL_ACCESS, false, false));

    /** Whether the entry grants or refuses its rights. */
    public enum Type {
        ALLOW,
        DENY
    }

    public Ace {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(type, "type");
    }

    /** An entry from the raw ACE header flags. */
    static Ace of(String sid, Type type, long mask, int headerFlags) {
        return new Ace(sid, type, mask, (headerFlags & INHERITED_ACE) != 0, (headerFlags & INHERIT_ONLY_ACE) != 0);
    }
}
