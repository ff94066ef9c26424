package io.agent7.agent.collect.directory;

import java.util.Optional;

/**
 * What the directory collectors know of the domain's security principals, read once per
 * collection from LDAP: a name for each SID, and which SIDs hold domain privilege.
 */
public interface Principals {

    /** The principal's name as {@code DOMAIN\name} (or a well-known name such as {@code NT AUTHORITY\SYSTEM}). */
    Optional<String> name(String sid);

    /**
     * Whether the SID is privileged in the domain: a built-in privileged group, a member of
     * one (directly or through nesting), an account with adminCount=1, or a system principal
     * (SYSTEM, Enterprise Domain Controllers, CREATOR OWNER, the domain controllers).
     */
    boolean privileged(String sid);
}
