package io.agent7.agent.collect.directory.sysvol;

import io.agent7.agent.collect.directory.Principals;
import java.util.Map;

/** Names of the SIDs that are the same in every domain, for SIDs {@link Principals} does not name. */
final class WellKnownSids {

    static final String EVERYONE = "S-1-1-0";
    static final String AUTHENTICATED_USERS = "S-1-5-11";
    static final String CREATOR_OWNER = "S-1-3-0";
    static final String OWNER_RIGHTS = "S-1-3-4";

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(EVERYONE, "Everyone"),
            Map.entry(CREATOR_OWNER, "CREATOR OWNER"),
            Map.entry("S-1-3-1", "CREATOR GROUP"),
            Map.entry(OWNER_RIGHTS, "OWNER RIGHTS"),
            Map.entry("S-1-5-9", "NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS"),
            Map.entry(AUTHENTICATED_USERS, "NT AUTHORITY\\Authenticated Users"),
            Map.entry("S-1-5-18", "NT AUTHORITY\\SYSTEM"),
            Map.entry("S-1-5-32-544", "BUILTIN\\Administrators"),
            Map.entry("S-1-5-32-545", "BUILTIN\\Users"),
            Map.entry("S-1-5-32-549", "BUILTIN\\Server Operators"));

    private WellKnownSids() {}

    /** The principal's name from the directory, else its well-known name, else the SID itself. */
    static String name(String sid, Principals principals) {
        return principals.name(sid).orElseGet(() -> NAMES.getOrDefault(sid, sid));
    }
}
