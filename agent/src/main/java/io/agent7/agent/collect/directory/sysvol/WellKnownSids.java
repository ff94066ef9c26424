package io.agent7.agent.collect.directory.sysvol;

import io.agent7.agent.collect.directory.Principals;
import io.agent7.agent.collect.windows.Sids;

/**
 * Names of the SIDs that are the same in every domain, for SIDs {@link Principals} does not name.
 * The names themselves are those every Windows collector uses ({@link Sids}).
 */
final class WellKnownSids {

    static final String EVERYONE = Sids.EVERYONE;
    static final String AUTHENTICATED_USERS = Sids.AUTHENTICATED_USERS;
    static final String CREATOR_OWNER = Sids.CREATOR_OWNER;
    static final String OWNER_RIGHTS = Sids.OWNER_RIGHTS;

    private WellKnownSids() {}

    /** The principal's name from the directory, else its well-known name, else the SID itself. */
    static String name(String sid, Principals principals) {
        return principals.name(sid).orElseGet(() -> Sids.wellKnownName(sid).orElse(sid));
    }
}
