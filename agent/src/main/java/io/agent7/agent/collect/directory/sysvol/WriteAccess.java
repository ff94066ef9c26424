package io.agent7.agent.collect.directory.sysvol;

import io.agent7.agent.collect.directory.Principals;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which principals that are not privileged in the domain may change a file or folder (see
 * {@link AccessRights#WRITE_RIGHTS}), from its owner and DACL.
 *
 * <p>Each principal is checked on its own, the way the access check walks a DACL: entries in
 * order, a deny taking the bits it names that no earlier allow granted, an allow granting the
 * bits no earlier deny took. So an explicit deny of the same SID before its allow cancels
 * it, and a deny after it does not. A deny to Everyone or Authenticated Users applies to
 * every principal, since every domain account holds both; other group memberships are not
 * known here, so a deny to a group does not cancel an allow to one of its members, and the
 * answer errs towards reporting a writer. Not applied: inherit-only entries (templates for
 * children), entries for CREATOR OWNER (replaced by the creator when inherited; in an
 * effective entry nobody holds it). The owner may always change the DACL (implicit
 * WRITE_DAC) unless the DACL has OWNER RIGHTS entries, which then say what the owner may do.
 */
final class WriteAccess {

    private static final long OWNER_IMPLICIT = AccessRights.READ_CONTROL | AccessRights.WRITE_DAC;

    private WriteAccess() {}

    /** The SIDs of the non-privileged writers, in the order the DACL first names them, the owner last. */
    static List<String> nonPrivilegedWriters(String ownerSid, List<Ace> aces, Principals principals) {
        boolean ownerRightsSet =
                aces.stream().anyMatch(ace -> !ace.inheritOnly() && ace.sid().equals(WellKnownSids.OWNER_RIGHTS));
        Set<String> candidates = new LinkedHashSet<>();
        for (Ace ace : aces) {
            if (ace.type() == Ace.Type.ALLOW
                    && !ace.inheritOnly()
                    && !ace.sid().equals(WellKnownSids.CREATOR_OWNER)
                    && !ace.sid().equals(WellKnownSids.OWNER_RIGHTS)) {
                candidates.add(ace.sid());
            }
        }
        if (ownerSid != null) {
            candidates.add(ownerSid);
        }
        return candidates.stream()
                .filter(sid -> !principals.privileged(sid))
                .filter(sid -> (granted(sid, ownerSid, ownerRightsSet, aces) & AccessRights.WRITE_RIGHTS) != 0)
                .toList();
    }

    private static long granted(String sid, String ownerSid, boolean ownerRightsSet, List<Ace> aces) {
        boolean owner = sid.equals(ownerSid);
        long granted = owner && !ownerRightsSet ? OWNER_IMPLICIT : 0;
        long denied = 0;
        for (Ace ace : aces) {
            if (ace.inheritOnly() || !appliesTo(ace, sid, owner)) {
                continue;
            }
            long mask = AccessRights.effective(ace.mask());
            if (ace.type() == Ace.Type.DENY) {
                denied |= mask & ~granted;
            } else {
                granted |= mask & ~denied;
            }
        }
        return granted;
    }

    private static boolean appliesTo(Ace ace, String sid, boolean owner) {
        String trustee = ace.sid();
        if (trustee.equals(sid)) {
            return true;
        }
        if (owner && trustee.equals(WellKnownSids.OWNER_RIGHTS)) {
            return true;
        }
        return ace.type() == Ace.Type.DENY
                && (trustee.equals(WellKnownSids.EVERYONE) || trustee.equals(WellKnownSids.AUTHENTICATED_USERS));
    }
}
