package io.agent7.agent.collect.directory.sysvol;

import io.agent7.agent.collect.directory.Principals;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The principals of a domain as the LDAP side would report them, for one domain SID prefix:
 * names for its well-known RIDs, privilege for the admin groups, the built-in Administrator
 * (adminCount=1) and the system principals.
 */
final class TestPrincipals implements Principals {

    static final String DOMAIN_SID = "S-1-5-21-1004336348-1177238915-682003330";
    static final String ADMINISTRATOR = DOMAIN_SID + "-500";
    static final String DOMAIN_ADMINS = DOMAIN_SID + "-512";
    static final String DOMAIN_USERS = DOMAIN_SID + "-513";
    static final String ENTERPRISE_ADMINS = DOMAIN_SID + "-519";
    static final String SYSTEM = "S-1-5-18";

    private static final Map<String, String> RIDS = Map.of(
            "500", "Administrator",
            "512", "Domain Admins",
            "513", "Domain Users",
            "515", "Domain Computers",
            "516", "Domain Controllers",
            "518", "Schema Admins",
            "519", "Enterprise Admins",
            "520", "Group Policy Creator Owners");
    private static final Set<String> PRIVILEGED_RIDS = Set.of("500", "512", "516", "518", "519");
    private static final Set<String> PRIVILEGED = Set.of("S-1-5-18", "S-1-5-32-544", "S-1-5-9", "S-1-3-0");

    private final String domainSid;
    private final String netbios;

    TestPrincipals(String domainSid, String netbios) {
        this.domainSid = domainSid;
        this.netbios = netbios;
    }

    /** The fixtures' domain, AGENT7 with {@link #DOMAIN_SID}. */
    TestPrincipals() {
        this(DOMAIN_SID, "AGENT7");
    }

    @Override
    public Optional<String> name(String sid) {
        String rid = rid(sid);
        return rid == null
                ? Optional.empty()
                : Optional.ofNullable(RIDS.get(rid)).map(name -> netbios + "\\" + name);
    }

    @Override
    public boolean privileged(String sid) {
        String rid = rid(sid);
        return PRIVILEGED.contains(sid) || (rid != null && PRIVILEGED_RIDS.contains(rid));
    }

    private String rid(String sid) {
        return sid.startsWith(domainSid + "-") ? sid.substring(domainSid.length() + 1) : null;
    }
}
