package io.agent7.agent.collect.directory;

import static io.agent7.agent.collect.directory.AdValues.fileTime;
import static io.agent7.agent.collect.directory.AdValues.generalizedTime;

import com.unboundid.ldap.sdk.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps directory entries to the documents of {@code ad_user}, {@code ad_group} and
 * {@code ad_computer}: the one mapping the agent's collectors and the fleet simulator share.
 * Attribute names are LDAP's; each method lists the attributes it reads.
 */
public final class AdDocuments {

    /** The attributes {@link #user} reads. */
    public static final List<String> USER_ATTRIBUTES = List.of(
            "sAMAccountName",
            "userPrincipalName",
            "objectSid",
            "objectGUID",
            "displayName",
            "mail",
            "userAccountControl",
            "msDS-User-Account-Control-Computed",
            "lastLogonTimestamp",
            "lastLogon",
            "pwdLastSet",
            "accountExpires",
            "adminCount",
            "servicePrincipalName",
            "memberOf",
            "primaryGroupID",
            "badPwdCount",
            "msDS-AllowedToDelegateTo",
            "msDS-AllowedToActOnBehalfOfOtherIdentity",
            "whenCreated",
            "whenChanged",
            "description");

    /** The attributes {@link #group} reads, {@code member} as well (its ranges are the reader's). */
    public static final List<String> GROUP_ATTRIBUTES = List.of(
            "sAMAccountName",
            "objectSid",
            "objectGUID",
            "groupType",
            "adminCount",
            "member",
            "memberOf",
            "description",
            "whenCreated",
            "whenChanged");

    /** The attributes {@link #computer} reads. */
    public static final List<String> COMPUTER_ATTRIBUTES = List.of(
            "sAMAccountName",
            "dNSHostName",
            "objectSid",
            "objectGUID",
            "operatingSystem",
            "operatingSystemVersion",
            "userAccountControl",
            "lastLogonTimestamp",
            "pwdLastSet",
            "accountExpires",
            "servicePrincipalName",
            "memberOf",
            "primaryGroupID",
            "msDS-AllowedToDelegateTo",
            "msDS-AllowedToActOnBehalfOfOtherIdentity",
            "ms-Mcs-AdmPwdExpirationTime",
            "msLAPS-PasswordExpirationTime",
            "whenCreated",
            "description");

    /** The domain the entries belong to. */
    public record Domain(String dns, String netbios, String sid, String baseDn) {}

    private AdDocuments() {}

    /** An {@code ad_user} document; {@code graph} knows the groups, {@code now} decides expiry. */
    public static ObjectNode user(Entry entry, Domain domain, GroupGraph graph, Instant now) {
        String sam = entry.getAttributeValue("sAMAccountName");
        long uac = uac(entry);
        List<String> spns = values(entry, "servicePrincipalName");
        Instant expires = fileTime(entry.getAttributeValue("accountExpires"));
        boolean enabled = (uac & AdValues.ACCOUNTDISABLE) == 0 && (expires == null || expires.isAfter(now));
        Long adminCount = AdValues.number(entry, "adminCount");

        Map<GroupGraph.Group, List<String>> paths = graph.privilegePaths(entry.getDN());
        List<String> pathTexts = new ArrayList<>();
        for (List<String> path : paths.values()) {
            pathTexts.add(sam + " > " + String.join(" > ", path));
        }
        if (adminCount != null && adminCount == 1) {
            pathTexts.add("adminCount=1");
        }
        Set<String> groups = new LinkedHashSet<>();
        graph.allGroupsOf(entry.getDN()).forEach(g -> groups.add(g.name()));

        Long computed = AdValues.number(entry, "msDS-User-Account-Control-Computed");
        return new AdDoc()
                .text("user.name", sam)
                .text("user.id", AdValues.sid(entry.getAttributeValueBytes("objectSid")))
                .text("user.domain", domain.netbios())
                .text("user.full_name", entry.getAttributeValue("displayName"))
                .text("user.email", entry.getAttributeValue("mail"))
                .texts(
                        "user.group.name",
                        graph.directGroupsOf(entry.getDN()).stream()
                                .map(GroupGraph.Group::name)
                                .toList())
                .bool("user.privileged", !pathTexts.isEmpty())
                .bool("user.enabled", enabled)
                .date("user.last_logon", fileTime(entry.getAttributeValue("lastLogonTimestamp")))
                .date("user.password_last_set", fileTime(entry.getAttributeValue("pwdLastSet")))
                .text("ad_user.sam_account_name", sam)
                .text("ad_user.user_principal_name", entry.getAttributeValue("userPrincipalName"))
                .text("ad_user.distinguished_name", entry.getDN())
                .text("ad_user.object_guid", AdValues.guid(entry.getAttributeValueBytes("objectGUID")))
                .number("ad_user.user_account_control", uac)
                .texts("ad_user.uac_flags", AdValues.uacFlags(uac))
                .texts("ad_user.service_principal_names", spns)
                .number("ad_user.admin_count", adminCount)
                .texts("ad_user.member_of", values(entry, "memberOf"))
                .date("ad_user.last_logon_dc", fileTime(entry.getAttributeValue("lastLogon")))
                .number("ad_user.bad_password_count", AdValues.number(entry, "badPwdCount"))
                .date("ad_user.account_expires", expires)
                .bool("ad_user.locked_out", computed == null ? null : (computed & AdValues.LOCKOUT) != 0)
                .bool("ad_user.password_never_expires", (uac & AdValues.DONT_EXPIRE_PASSWORD) != 0)
                .bool("ad_user.password_not_required", (uac & AdValues.PASSWD_NOTREQD) != 0)
                .bool("ad_user.preauth_not_required", (uac & AdValues.DONT_REQ_PREAUTH) != 0)
                .texts("ad_user.delegation", delegation(entry, uac))
                .date("ad_user.when_created", generalizedTime(entry.getAttributeValue("whenCreated")))
                .date("ad_user.when_changed", generalizedTime(entry.getAttributeValue("whenChanged")))
                .text("ad_user.description", entry.getAttributeValue("description"))
                .text("ad_user.domain_dns", domain.dns())
                .bool("ad_user.kerberoastable", enabled && !spns.isEmpty() && !"krbtgt".equalsIgnoreCase(sam))
                .texts("ad_user.allowed_to_delegate_to", values(entry, "msDS-AllowedToDelegateTo"))
                .texts(
                        "ad_user.privileged_groups",
                        paths.keySet().stream().map(GroupGraph.Group::name).toList())
                .texts("ad_user.privilege_path", pathTexts)
                .texts("ad_user.groups", groups)
                .build();
    }

    /** An {@code ad_group} document; {@code members} are its direct members' DNs, all ranges read. */
    public static ObjectNode group(Entry entry, List<String> members, Domain domain, GroupGraph graph) {
        Long groupType = AdValues.number(entry, "groupType");
        GroupGraph.Group node = graph.group(entry.getDN()).orElse(null);
        Set<String> transitive = node == null ? Set.of() : graph.transitiveMemberNames(node);
        return new AdDoc()
                .text("group.name", entry.getAttributeValue("sAMAccountName"))
                .text("group.id", AdValues.sid(entry.getAttributeValueBytes("objectSid")))
                .text("group.domain", domain.netbios())
                .text("ad_group.distinguished_name", entry.getDN())
                .text("ad_group.object_guid", AdValues.guid(entry.getAttributeValueBytes("objectGUID")))
                .texts("ad_group.members", members)
                .texts(
                        "ad_group.member_names",
                        members.stream().map(graph::memberName).toList())
                .number("ad_group.member_count", (long) members.size())
                .text(
                        "ad_group.type",
                        groupType == null ? null : (groupType & 0x80000000L) != 0 ? "security" : "distribution")
                .text("ad_group.scope", groupType == null ? null : scope(groupType))
                .bool("ad_group.privileged", node != null && graph.privileged(node))
                .number("ad_group.admin_count", AdValues.number(entry, "adminCount"))
                .texts("ad_group.member_of", values(entry, "memberOf"))
                .text("ad_group.description", entry.getAttributeValue("description"))
                .date("ad_group.when_created", generalizedTime(entry.getAttributeValue("whenCreated")))
                .date("ad_group.when_changed", generalizedTime(entry.getAttributeValue("whenChanged")))
                .texts("ad_group.transitive_member_names", transitive)
                .number("ad_group.transitive_member_count", (long) transitive.size())
                .text("ad_group.domain_dns", domain.dns())
                .build();
    }

    /** An {@code ad_computer} document. */
    public static ObjectNode computer(Entry entry, Domain domain, Instant now) {
        String sam = entry.getAttributeValue("sAMAccountName");
        long uac = uac(entry);
        Instant expires = fileTime(entry.getAttributeValue("accountExpires"));
        boolean dc = (uac & (AdValues.SERVER_TRUST_ACCOUNT | AdValues.PARTIAL_SECRETS_ACCOUNT)) != 0;
        boolean laps = entry.hasAttribute("ms-Mcs-AdmPwdExpirationTime")
                || entry.hasAttribute("msLAPS-PasswordExpirationTime");
        return new AdDoc()
                .text("ad_computer.name", sam != null && sam.endsWith("$") ? sam.substring(0, sam.length() - 1) : sam)
                .text("ad_computer.dns_hostname", entry.getAttributeValue("dNSHostName"))
                .text("ad_computer.sid", AdValues.sid(entry.getAttributeValueBytes("objectSid")))
                .text("ad_computer.domain", domain.netbios())
                .text("ad_computer.distinguished_name", entry.getDN())
                .text("ad_computer.object_guid", AdValues.guid(entry.getAttributeValueBytes("objectGUID")))
                .text("ad_computer.operating_system", entry.getAttributeValue("operatingSystem"))
                .text("ad_computer.operating_system_version", entry.getAttributeValue("operatingSystemVersion"))
                .bool(
                        "ad_computer.enabled",
                        (uac & AdValues.ACCOUNTDISABLE) == 0 && (expires == null || expires.isAfter(now)))
                .date("ad_computer.last_logon", fileTime(entry.getAttributeValue("lastLogonTimestamp")))
                .date("ad_computer.password_last_set", fileTime(entry.getAttributeValue("pwdLastSet")))
                .number("ad_computer.user_account_control", uac)
                .texts("ad_computer.uac_flags", AdValues.uacFlags(uac))
                .texts("ad_computer.service_principal_names", values(entry, "servicePrincipalName"))
                .bool("ad_computer.domain_controller", dc)
                .texts("ad_computer.delegation", delegation(entry, uac))
                .bool("ad_computer.laps", laps)
                .texts("ad_computer.member_of", values(entry, "memberOf"))
                .date("ad_computer.when_created", generalizedTime(entry.getAttributeValue("whenCreated")))
                .text("ad_computer.description", entry.getAttributeValue("description"))
                .texts("ad_computer.allowed_to_delegate_to", values(entry, "msDS-AllowedToDelegateTo"))
                .text("ad_computer.domain_dns", domain.dns())
                .build();
    }

    /**
     * Kinds of Kerberos delegation the account has: {@code unconstrained} (TRUSTED_FOR_DELEGATION),
     * {@code constrained} (msDS-AllowedToDelegateTo), {@code resource_based}
     * (msDS-AllowedToActOnBehalfOfOtherIdentity), or {@code none}.
     */
    static List<String> delegation(Entry entry, long uac) {
        List<String> kinds = new ArrayList<>();
        if ((uac & AdValues.TRUSTED_FOR_DELEGATION) != 0) {
            kinds.add("unconstrained");
        }
        if (entry.hasAttribute("msDS-AllowedToDelegateTo")) {
            kinds.add("constrained");
        }
        if (entry.hasAttribute("msDS-AllowedToActOnBehalfOfOtherIdentity")) {
            kinds.add("resource_based");
        }
        if (kinds.isEmpty()) {
            kinds.add("none");
        }
        return kinds;
    }

    private static String scope(long groupType) {
        if ((groupType & 0x2) != 0) {
            return "global";
        }
        if ((groupType & 0x8) != 0) {
            return "universal";
        }
        return (groupType & 0x5) != 0 ? "domain_local" : null;
    }

    private static long uac(Entry entry) {
        Long uac = AdValues.number(entry, "userAccountControl");
        return uac == null ? 0 : uac;
    }

    static List<String> values(Entry entry, String attribute) {
        String[] values = entry.getAttributeValues(attribute);
        return values == null ? List.of() : List.of(values);
    }

    static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
