package io.agent7.schema;

import static io.agent7.schema.FieldType.BOOLEAN;
import static io.agent7.schema.FieldType.DATE;
import static io.agent7.schema.FieldType.IP;
import static io.agent7.schema.FieldType.LONG;

import java.util.List;

/**
 * Data types collected from Active Directory by a directory collector (an agent the policy
 * gives that job, usually on or near a domain controller). Their documents carry the
 * collecting agent's {@code host.*} (the last one to write them); they belong to the domain
 * they describe, whose DNS name each type carries in its domain key
 * ({@link DataType#domainKey()}): the documents are keyed by it, so two agents collecting one
 * domain write the same documents.
 */
final class DirectoryTypes {

    static final DataType AD_USER = DataType.builder("ad_user")
            .description("A user account of an Active Directory domain: one per object with "
                    + "sAMAccountType=805306368, read over LDAP by the agent's directory collector; each field "
                    + "names the attribute it comes from or how it is derived.")
            .alias("ad_users", "domain_users")
            .caselessText("user.name", "sAMAccountName.")
            .keyword("user.id", "objectSid.")
            .caseless("user.domain", "NetBIOS name of the domain, as in DOMAIN\\user.")
            .caselessText("user.full_name", "displayName.")
            .keyword("user.email", "mail.")
            .caseless(
                    "user.group.name",
                    "sAMAccountNames of the groups the account is directly in (member of the group), "
                            + "its primary group (primaryGroupID) included.")
            .field(
                    "user.privileged",
                    BOOLEAN,
                    "Whether the account is privileged: adminCount=1, or a member, "
                            + "directly or through nesting, of a privileged group (Domain Admins, Enterprise Admins, "
                            + "Administrators, Account/Server/Backup/Print Operators, Schema Admins, ...).")
            .field("user.enabled", BOOLEAN, "Whether the account can log on: not ACCOUNTDISABLE, not expired.")
            .field("user.last_logon", DATE, "Last logon: lastLogonTimestamp (replicated, up to 14 days behind).")
            .field("user.password_last_set", DATE, "pwdLastSet.")
            .caseless("ad_user.sam_account_name", "sAMAccountName.")
            .caseless("ad_user.user_principal_name", "userPrincipalName.")
            .caseless("ad_user.distinguished_name", "distinguishedName.")
            .keyword("ad_user.object_guid", "objectGUID.")
            .field("ad_user.user_account_control", LONG, "userAccountControl.")
            .keyword(
                    "ad_user.uac_flags",
                    "userAccountControl as flag names: ACCOUNTDISABLE, DONT_EXPIRE_PASSWORD, "
                            + "TRUSTED_FOR_DELEGATION, DONT_REQ_PREAUTH, ...")
            .keyword("ad_user.service_principal_names", "servicePrincipalName: set on Kerberoastable accounts.")
            .field("ad_user.admin_count", LONG, "adminCount: 1 when AdminSDHolder protects the account.")
            .caseless("ad_user.member_of", "memberOf: distinguished names of the direct groups.")
            .field("ad_user.last_logon_dc", DATE, "lastLogon as read from the collecting domain controller.")
            .field("ad_user.bad_password_count", LONG, "badPwdCount.")
            .field("ad_user.account_expires", DATE, "accountExpires; absent when it never expires.")
            .field("ad_user.locked_out", BOOLEAN, "Whether the account is locked out now.")
            .field("ad_user.password_never_expires", BOOLEAN, "DONT_EXPIRE_PASSWORD is set.")
            .field("ad_user.password_not_required", BOOLEAN, "PASSWD_NOTREQD is set.")
            .field("ad_user.preauth_not_required", BOOLEAN, "DONT_REQ_PREAUTH is set: AS-REP roastable.")
            .keyword(
                    "ad_user.delegation",
                    "Kerberos delegation it has, each that applies: unconstrained (TRUSTED_FOR_DELEGATION), "
                            + "constrained (msDS-AllowedToDelegateTo), resource_based "
                            + "(msDS-AllowedToActOnBehalfOfOtherIdentity); none when neither.")
            .field("ad_user.when_created", DATE, "whenCreated.")
            .field("ad_user.when_changed", DATE, "whenChanged.")
            .keywordText("ad_user.description", "description.")
            .caseless("ad_user.domain_dns", "DNS name of the domain.")
            .field(
                    "ad_user.kerberoastable",
                    BOOLEAN,
                    "An enabled user (not a computer) with a servicePrincipalName: "
                            + "anyone in the domain can request a ticket and crack its password offline.")
            .keyword(
                    "ad_user.allowed_to_delegate_to",
                    "msDS-AllowedToDelegateTo: the services it may impersonate users to (constrained delegation).")
            .caseless(
                    "ad_user.privileged_groups",
                    "The privileged built-in groups the account is in, directly or through nesting.")
            .caseless(
                    "ad_user.privilege_path",
                    "What makes the account privileged, one path per privileged group, as "
                            + "'user > group > ... > Domain Admins', and 'adminCount=1' when that is set.")
            .caseless("ad_user.groups", "sAMAccountNames of every group it is in, directly or through nesting.")
            .fieldAliases("user.name", "username", "sAMAccountName", "name")
            .fieldAliases("user.id", "sid", "objectSid")
            .fieldAlias("is_priv", "user.privileged")
            .fieldAlias("active", "user.enabled")
            .fieldAliases("user.last_logon", "last_logon", "lastLogon")
            .fieldAliases("user.password_last_set", "pwdLastSet", "password_last_set")
            .fieldAlias("userAccountControl", "ad_user.user_account_control")
            .fieldAliases("ad_user.service_principal_names", "spn", "servicePrincipalName")
            .fieldAlias("adminCount", "ad_user.admin_count")
            .fieldAlias("memberOf", "ad_user.member_of")
            .fieldAlias("groups", "user.group.name")
            .fieldAlias("kerberoastable", "ad_user.kerberoastable")
            .identity("user.id")
            .domainKey("ad_user.domain_dns")
            .build();

    static final DataType AD_GROUP = DataType.builder("ad_group")
            .description("A group of an Active Directory domain, with its members: one per object "
                    + "with objectClass=group, read over LDAP by the agent's directory collector; members "
                    + "through the primary group (primaryGroupID) are not listed, as AD's member attribute omits them.")
            .alias("ad_groups", "domain_groups")
            .caselessText("group.name", "sAMAccountName of the group.")
            .keyword("group.id", "objectSid.")
            .caseless("group.domain", "NetBIOS name of the domain.")
            .caseless("ad_group.distinguished_name", "distinguishedName.")
            .keyword("ad_group.object_guid", "objectGUID.")
            .caseless("ad_group.members", "member: distinguished names of the direct members.")
            .caseless("ad_group.member_names", "sAMAccountNames of the direct members.")
            .field("ad_group.member_count", LONG, "Number of direct members.")
            .keyword("ad_group.type", "security or distribution.")
            .keyword("ad_group.scope", "domain_local, global or universal.")
            .field("ad_group.privileged", BOOLEAN, "Whether membership grants domain privileges.")
            .field("ad_group.admin_count", LONG, "adminCount.")
            .caseless("ad_group.member_of", "memberOf: groups this group is in.")
            .keywordText("ad_group.description", "description.")
            .field("ad_group.when_created", DATE, "whenCreated.")
            .field("ad_group.when_changed", DATE, "whenChanged.")
            .caseless(
                    "ad_group.transitive_member_names",
                    "sAMAccountNames of every member, direct or through nested groups, groups included.")
            .field("ad_group.transitive_member_count", LONG, "Number of members, direct or nested.")
            .caseless("ad_group.domain_dns", "DNS name of the domain.")
            .fieldAlias("name", "group.name")
            .fieldAlias("sid", "group.id")
            .fieldAlias("members", "ad_group.members")
            .fieldAlias("is_priv", "ad_group.privileged")
            .identity("group.id")
            .domainKey("ad_group.domain_dns")
            .build();

    static final DataType AD_COMPUTER = DataType.builder("ad_computer")
            .description("A computer account of an Active Directory domain: one per object with "
                    + "sAMAccountType=805306369, read over LDAP by the agent's directory collector.")
            .alias("ad_computers", "domain_computers")
            .caseless("ad_computer.name", "sAMAccountName without the trailing $.")
            .caseless("ad_computer.dns_hostname", "dNSHostName.")
            .keyword("ad_computer.sid", "objectSid.")
            .caseless("ad_computer.domain", "NetBIOS name of the domain.")
            .caseless("ad_computer.distinguished_name", "distinguishedName.")
            .keyword("ad_computer.object_guid", "objectGUID.")
            .keywordText("ad_computer.operating_system", "operatingSystem.")
            .keyword("ad_computer.operating_system_version", "operatingSystemVersion.")
            .field("ad_computer.enabled", BOOLEAN, "Whether the account is enabled.")
            .field("ad_computer.last_logon", DATE, "lastLogonTimestamp.")
            .field("ad_computer.password_last_set", DATE, "pwdLastSet: computers change it every 30 days by default.")
            .field("ad_computer.user_account_control", LONG, "userAccountControl.")
            .keyword("ad_computer.uac_flags", "userAccountControl as flag names.")
            .keyword("ad_computer.service_principal_names", "servicePrincipalName.")
            .field("ad_computer.domain_controller", BOOLEAN, "Whether it is a domain controller.")
            .keyword(
                    "ad_computer.delegation",
                    "Kerberos delegation it has, each that applies: unconstrained (TRUSTED_FOR_DELEGATION), "
                            + "constrained (msDS-AllowedToDelegateTo), resource_based "
                            + "(msDS-AllowedToActOnBehalfOfOtherIdentity); none when neither.")
            .field("ad_computer.laps", BOOLEAN, "Whether LAPS manages its local administrator password.")
            .caseless("ad_computer.member_of", "memberOf.")
            .field("ad_computer.when_created", DATE, "whenCreated.")
            .keywordText("ad_computer.description", "description.")
            .keyword(
                    "ad_computer.allowed_to_delegate_to",
                    "msDS-AllowedToDelegateTo: the services it may impersonate users to.")
            .caseless("ad_computer.domain_dns", "DNS name of the domain.")
            .fieldAlias("name", "ad_computer.name")
            .fieldAlias("dns_hostname", "ad_computer.dns_hostname")
            .fieldAlias("os", "ad_computer.operating_system")
            .fieldAlias("last_logon", "ad_computer.last_logon")
            .fieldAlias("active", "ad_computer.enabled")
            .identity("ad_computer.sid")
            .domainKey("ad_computer.domain_dns")
            .build();

    static final DataType AD_DOMAIN = DataType.builder("ad_domain")
            .description("An Active Directory domain, or one of its domain controllers (ad_domain.kind "
                    + "tells which), read over LDAP by the agent's directory collector: the domain object's "
                    + "policy attributes, the root DSE's functional levels, trustedDomain objects, and the "
                    + "configuration partition's server and NTDS Settings objects with fSMORoleOwner.")
            .alias("domains", "ad_domains", "domain_controllers")
            .keyword("ad_domain.kind", "domain or domain_controller.")
            .caseless("ad_domain.name", "DNS name of the domain.")
            .caseless("ad_domain.netbios_name", "NetBIOS name of the domain.")
            .keyword("ad_domain.sid", "Domain SID.")
            .caseless("ad_domain.forest", "DNS name of the forest root.")
            .keyword("ad_domain.functional_level", "Domain functional level.")
            .caseless("ad_domain.distinguished_name", "distinguishedName of the domain or the DC's server object.")
            .field("ad_domain.min_password_length", LONG, "minPwdLength.")
            .field("ad_domain.max_password_age_days", LONG, "maxPwdAge, in days.")
            .field(
                    "ad_domain.lockout_threshold",
                    LONG,
                    "lockoutThreshold: failed logons before lockout; 0 never locks.")
            .field("ad_domain.machine_account_quota", LONG, "ms-DS-MachineAccountQuota.")
            .field("ad_domain.password_complexity", BOOLEAN, "Whether passwords must be complex.")
            .field("ad_domain.min_password_age_days", LONG, "minPwdAge, in days.")
            .field("ad_domain.password_history_length", LONG, "pwdHistoryLength.")
            .field("ad_domain.lockout_duration_minutes", LONG, "lockoutDuration, in minutes.")
            .field("ad_domain.lockout_window_minutes", LONG, "lockOutObservationWindow, in minutes.")
            .keyword("ad_domain.forest_functional_level", "Forest functional level.")
            .caseless("ad_domain.trust.partner", "DNS names of the trusted or trusting domains.")
            .keyword("ad_domain.trust.direction", "For each trust, in order: inbound, outbound or bidirectional.")
            .keyword("ad_domain.trust.type", "For each trust, in order: downlevel, uplevel, mit or dce.")
            .caseless("ad_domain.controllers", "Host names of the domain's controllers.")
            .caseless("ad_domain.dc.name", "Host name of the domain controller.")
            .field("ad_domain.dc.ip", IP, "Addresses of the domain controller.")
            .keyword("ad_domain.dc.site", "AD site of the domain controller.")
            .keyword("ad_domain.dc.roles", "FSMO roles it holds: pdc, rid, infrastructure, schema, naming.")
            .field("ad_domain.dc.global_catalog", BOOLEAN, "Whether it is a global catalog.")
            .keyword("ad_domain.dc.os", "Its operating system.")
            .fieldAlias("name", "ad_domain.name")
            .fieldAlias("netbios", "ad_domain.netbios_name")
            .identity("ad_domain.kind", "ad_domain.name")
            .optionalIdentity("ad_domain.dc.name")
            .domainKey("ad_domain.name")
            .build();

    static final DataType SYSVOL_FILE = DataType.builder("sysvol_file")
            .description("A file or folder in SYSVOL with its permissions: who can change what every "
                    + "domain member runs. Read by the agent's SYSVOL collector over SMB2/3 (smbj) on Linux "
                    + "and through the UNC path with GetFileSecurity on Windows.")
            .alias("sysvol", "sysvol_files")
            .caselessText(
                    "file.path",
                    "Path below the SYSVOL share, e.g. \\\\agent7.test\\SYSVOL\\agent7.test\\Policies\\{GUID}\\GPT.INI.")
            .caseless("file.name", "File name.")
            .caseless("file.extension", "File extension, without the dot.")
            .caseless("file.directory", "Directory of the file.")
            .keyword("file.type", "file or dir.")
            .field("file.size", LONG, "Size in bytes.")
            .field("file.mtime", DATE, "Last modification.")
            .field("file.created", DATE, "Creation.")
            .keyword("file.hash.sha256", "SHA-256 of the content (files only).")
            .caseless("file.owner", "Owner, as DOMAIN\\name or a SID.")
            .caseless("sysvol_file.gpo_guid", "GUID of the GPO the file belongs to, when under Policies.")
            .nested("sysvol_file.aces", "The file's access control entries, in order.")
            .caseless("sysvol_file.aces.principal", "Whom the entry is for, as DOMAIN\\name.")
            .keyword("sysvol_file.aces.sid", "SID of that principal.")
            .keyword("sysvol_file.aces.type", "allow or deny.")
            .keyword(
                    "sysvol_file.aces.rights",
                    "Rights as names: read, write, modify, full_control, write_dac, write_owner, delete, ...")
            .field("sysvol_file.aces.access_mask", LONG, "The raw access mask.")
            .field("sysvol_file.aces.inherited", BOOLEAN, "Whether it is inherited from a parent.")
            .caseless(
                    "sysvol_file.writable_by",
                    "Principals that are not domain or enterprise admins or SYSTEM "
                            + "but may write, modify or take ownership: the finding to look for.")
            .field(
                    "sysvol_file.non_privileged_write",
                    BOOLEAN,
                    "Whether a principal that is not privileged in the domain may write, modify, "
                            + "change the permissions of or take ownership of it.")
            .caseless("sysvol_file.domain", "DNS name of the domain whose SYSVOL holds it.")
            .fieldAlias("path", "file.path")
            .fieldAlias("owner", "file.owner")
            .fieldAlias("writable", "sysvol_file.non_privileged_write")
            .identity("file.path")
            .domainKey("sysvol_file.domain")
            .build();

    static final DataType GPO = DataType.builder("gpo")
            .description("A Group Policy Object: its identity, state, links and where its files are. "
                    + "One per groupPolicyContainer under CN=Policies,CN=System, read over LDAP by the agent's "
                    + "directory collector with the gPLink attributes of the domain, its OUs and its sites.")
            .alias("gpos", "group_policies")
            .caseless("gpo.guid", "GUID, the groupPolicyContainer's name.")
            .keywordText("gpo.name", "displayName.")
            .caseless("gpo.distinguished_name", "distinguishedName.")
            .caseless("gpo.path", "gPCFileSysPath: the GPO's folder in SYSVOL.")
            .field(
                    "gpo.version",
                    LONG,
                    "versionNumber: the user version in the high 16 bits, the computer's in the low.")
            .field("gpo.user_version", LONG, "The user settings' version: versionNumber's high 16 bits.")
            .field("gpo.computer_version", LONG, "The computer settings' version: versionNumber's low 16 bits.")
            .keyword("gpo.status", "enabled, user_disabled, computer_disabled, all_disabled (from flags).")
            .field("gpo.flags", LONG, "flags.")
            .caseless("gpo.linked_to", "Distinguished names of the sites, domains and OUs it is linked to.")
            .field("gpo.linked", BOOLEAN, "Whether it is linked anywhere.")
            .nested("gpo.links", "Where it is linked (gPLink of sites, the domain and OUs), one entry per link.")
            .caseless("gpo.links.target", "Distinguished name of the site, domain or OU.")
            .keyword("gpo.links.target_kind", "site, domain or ou.")
            .field("gpo.links.enforced", BOOLEAN, "Whether the link is enforced (no override).")
            .field("gpo.links.enabled", BOOLEAN, "Whether the link is enabled.")
            .field("gpo.links.order", LONG, "The link's order at its target: 1 applies last and wins.")
            .keyword("gpo.wmi_filter", "gPCWQLFilter.")
            .keyword("gpo.machine_extensions", "gPCMachineExtensionNames: client-side extension GUIDs.")
            .keyword("gpo.user_extensions", "gPCUserExtensionNames.")
            .field("gpo.when_created", DATE, "whenCreated.")
            .field("gpo.when_changed", DATE, "whenChanged.")
            .caseless("gpo.domain", "DNS name of the domain.")
            .fieldAlias("name", "gpo.name")
            .fieldAlias("guid", "gpo.guid")
            .identity("gpo.guid")
            .domainKey("gpo.domain")
            .build();

    static final List<DataType> ALL = List.of(AD_USER, AD_GROUP, AD_COMPUTER, AD_DOMAIN, SYSVOL_FILE, GPO);

    private DirectoryTypes() {}
}
