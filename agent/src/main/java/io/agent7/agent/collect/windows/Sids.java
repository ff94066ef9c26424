package io.agent7.agent.collect.windows;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * SIDs in their text form ({@code S-1-5-32-544}): the names of those that are the same on every
 * Windows host and in every domain, and which of them give administrative power over a host.
 *
 * <p>Groups are told by SID rather than by name, so a localised ("Administrateurs") or renamed
 * group is still found. A domain-relative SID is the domain's or the machine's SID
 * ({@code S-1-5-21-a-b-c}) followed by a relative id (RID); the RIDs below 1000 are fixed by
 * Windows (500 the built-in Administrator, 512 Domain Admins ...), and are named here without
 * their domain, which only the host knows.
 */
public final class Sids {

    public static final String EVERYONE = "S-1-1-0";
    public static final String CREATOR_OWNER = "S-1-3-0";
    public static final String OWNER_RIGHTS = "S-1-3-4";
    public static final String AUTHENTICATED_USERS = "S-1-5-11";
    public static final String LOCAL_SYSTEM = "S-1-5-18";
    public static final String LOCAL_SERVICE = "S-1-5-19";
    public static final String NETWORK_SERVICE = "S-1-5-20";
    public static final String ADMINISTRATORS = "S-1-5-32-544";
    public static final String BACKUP_OPERATORS = "S-1-5-32-551";

    /** The prefix of domain and machine SIDs. */
    private static final String NT_NON_UNIQUE = "S-1-5-21-";

    private static final String BUILTIN = "S-1-5-32-";

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("S-1-0-0", "NULL SID"),
            Map.entry(EVERYONE, "Everyone"),
            Map.entry("S-1-2-0", "LOCAL"),
            Map.entry("S-1-2-1", "CONSOLE LOGON"),
            Map.entry(CREATOR_OWNER, "CREATOR OWNER"),
            Map.entry("S-1-3-1", "CREATOR GROUP"),
            Map.entry(OWNER_RIGHTS, "OWNER RIGHTS"),
            Map.entry("S-1-5-1", "NT AUTHORITY\\DIALUP"),
            Map.entry("S-1-5-2", "NT AUTHORITY\\NETWORK"),
            Map.entry("S-1-5-3", "NT AUTHORITY\\BATCH"),
            Map.entry("S-1-5-4", "NT AUTHORITY\\INTERACTIVE"),
            Map.entry("S-1-5-6", "NT AUTHORITY\\SERVICE"),
            Map.entry("S-1-5-7", "NT AUTHORITY\\ANONYMOUS LOGON"),
            Map.entry("S-1-5-9", "NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS"),
            Map.entry("S-1-5-10", "NT AUTHORITY\\SELF"),
            Map.entry(AUTHENTICATED_USERS, "NT AUTHORITY\\Authenticated Users"),
            Map.entry("S-1-5-13", "NT AUTHORITY\\TERMINAL SERVER USER"),
            Map.entry("S-1-5-14", "NT AUTHORITY\\REMOTE INTERACTIVE LOGON"),
            Map.entry("S-1-5-15", "NT AUTHORITY\\This Organization"),
            Map.entry("S-1-5-17", "NT AUTHORITY\\IUSR"),
            Map.entry(LOCAL_SYSTEM, "NT AUTHORITY\\SYSTEM"),
            Map.entry(LOCAL_SERVICE, "NT AUTHORITY\\LOCAL SERVICE"),
            Map.entry(NETWORK_SERVICE, "NT AUTHORITY\\NETWORK SERVICE"),
            Map.entry("S-1-5-113", "NT AUTHORITY\\Local account"),
            Map.entry("S-1-5-114", "NT AUTHORITY\\Local account and member of Administrators group"),
            Map.entry(ADMINISTRATORS, "BUILTIN\\Administrators"),
            Map.entry("S-1-5-32-545", "BUILTIN\\Users"),
            Map.entry("S-1-5-32-546", "BUILTIN\\Guests"),
            Map.entry("S-1-5-32-547", "BUILTIN\\Power Users"),
            Map.entry("S-1-5-32-548", "BUILTIN\\Account Operators"),
            Map.entry("S-1-5-32-549", "BUILTIN\\Server Operators"),
            Map.entry("S-1-5-32-550", "BUILTIN\\Print Operators"),
            Map.entry(BACKUP_OPERATORS, "BUILTIN\\Backup Operators"),
            Map.entry("S-1-5-32-552", "BUILTIN\\Replicator"),
            Map.entry("S-1-5-32-555", "BUILTIN\\Remote Desktop Users"),
            Map.entry("S-1-5-32-556", "BUILTIN\\Network Configuration Operators"),
            Map.entry("S-1-5-32-558", "BUILTIN\\Performance Monitor Users"),
            Map.entry("S-1-5-32-559", "BUILTIN\\Performance Log Users"),
            Map.entry("S-1-5-32-562", "BUILTIN\\Distributed COM Users"),
            Map.entry("S-1-5-32-568", "BUILTIN\\IIS_IUSRS"),
            Map.entry("S-1-5-32-569", "BUILTIN\\Cryptographic Operators"),
            Map.entry("S-1-5-32-573", "BUILTIN\\Event Log Readers"),
            Map.entry("S-1-5-32-578", "BUILTIN\\Hyper-V Administrators"),
            Map.entry("S-1-5-32-579", "BUILTIN\\Access Control Assistance Operators"),
            Map.entry("S-1-5-32-580", "BUILTIN\\Remote Management Users"),
            Map.entry("S-1-5-32-581", "BUILTIN\\System Managed Accounts Group"),
            Map.entry("S-1-5-32-583", "BUILTIN\\Device Owners"));

    /** Names of the fixed RIDs of a domain or a machine, without the domain. */
    private static final Map<Long, String> RELATIVE_NAMES = Map.ofEntries(
            Map.entry(500L, "Administrator"),
            Map.entry(501L, "Guest"),
            Map.entry(502L, "krbtgt"),
            Map.entry(503L, "DefaultAccount"),
            Map.entry(504L, "WDAGUtilityAccount"),
            Map.entry(512L, "Domain Admins"),
            Map.entry(513L, "Domain Users"),
            Map.entry(514L, "Domain Guests"),
            Map.entry(515L, "Domain Computers"),
            Map.entry(516L, "Domain Controllers"),
            Map.entry(517L, "Cert Publishers"),
            Map.entry(518L, "Schema Admins"),
            Map.entry(519L, "Enterprise Admins"),
            Map.entry(520L, "Group Policy Creator Owners"),
            Map.entry(521L, "Read-only Domain Controllers"),
            Map.entry(553L, "RAS and IAS Servers"));

    /**
     * The BUILTIN groups whose members administer the host or can take it over: Administrators,
     * and the Account, Server, Print and Backup Operators (Backup Operators read and write every
     * file whatever its ACL, Print Operators load drivers).
     */
    private static final Set<String> PRIVILEGED_BUILTIN =
            Set.of(ADMINISTRATORS, "S-1-5-32-548", "S-1-5-32-549", "S-1-5-32-550", BACKUP_OPERATORS);
    /** Domain Admins, Schema Admins, Enterprise Admins, Group Policy Creator Owners. */
    private static final Set<Long> PRIVILEGED_RIDS = Set.of(512L, 518L, 519L, 520L);

    private Sids() {}

    /**
     * The well-known name of a SID ({@code BUILTIN\Administrators}, {@code NT AUTHORITY\SYSTEM}),
     * or for a fixed domain-relative RID the account's name without its domain
     * ({@code Domain Admins}); empty for any other SID.
     */
    public static Optional<String> name(String sid) {
        Optional<String> name = wellKnownName(sid);
        if (name.isPresent()) {
            return name;
        }
        OptionalLong rid = domainRid(sid);
        return rid.isPresent() ? Optional.ofNullable(RELATIVE_NAMES.get(rid.getAsLong())) : Optional.empty();
    }

    /**
     * The name of a SID that is the same on every host and in every domain, qualified by its
     * authority ({@code BUILTIN\Administrators}); empty for a domain-relative SID, whose name
     * depends on the domain it belongs to.
     */
    public static Optional<String> wellKnownName(String sid) {
        return sid == null ? Optional.empty() : Optional.ofNullable(NAMES.get(sid));
    }

    /** The relative id of a domain or machine SID ({@code S-1-5-21-a-b-c-rid}); empty for any other. */
    public static OptionalLong domainRid(String sid) {
        if (sid == null || !sid.startsWith(NT_NON_UNIQUE)) {
            return OptionalLong.empty();
        }
        String[] parts = sid.substring(NT_NON_UNIQUE.length()).split("-", -1);
        if (parts.length != 4) {
            return OptionalLong.empty();
        }
        try {
            for (int i = 0; i < 3; i++) {
                Long.parseUnsignedLong(parts[i]);
            }
            return OptionalLong.of(Long.parseUnsignedLong(parts[3]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether the SID is one of the host's BUILTIN groups ({@code S-1-5-32-*}). */
    public static boolean builtin(String sid) {
        return sid != null && sid.startsWith(BUILTIN);
    }

    /**
     * Whether membership in the group with this SID makes an account privileged on a Windows
     * host: the privileged BUILTIN groups, and the domain groups that are members of the
     * host's Administrators wherever the host joins a domain (Domain Admins, Enterprise Admins)
     * or administer the domain it trusts (Schema Admins, Group Policy Creator Owners).
     */
    public static boolean privilegedGroup(String sid) {
        if (PRIVILEGED_BUILTIN.contains(sid)) {
            return true;
        }
        OptionalLong rid = domainRid(sid);
        return rid.isPresent() && PRIVILEGED_RIDS.contains(rid.getAsLong());
    }
}
