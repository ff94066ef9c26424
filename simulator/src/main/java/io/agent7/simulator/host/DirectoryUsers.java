package io.agent7.simulator.host;

import static io.agent7.simulator.host.DirectoryLayout.BASE;

import io.agent7.agent.collect.directory.AdValues;
import java.time.Instant;
import java.util.List;

/**
 * The directory's user accounts: built-in, the staff's, the administrators' adm- accounts, the
 * service accounts and a forgotten migration account. SIDs and names are the ones the fleet's
 * hosts show for the same accounts ({@link Accounts#windows}).
 */
final class DirectoryUsers {

    /** Disabled: about 45% of inactive persons, who left; the others are enabled but stale. */
    private static final double LEFT = 0.45;

    private static final long NORMAL = DirectoryEntries.NORMAL_ACCOUNT;

    private static final String STAFF = "OU=Corp," + BASE;
    private static final String ADMINS = "OU=Admins,OU=Tier0," + BASE;
    private static final String SERVICES = "OU=Service Accounts,OU=Tier1," + BASE;
    private static final String USERS = "CN=Users," + BASE;

    private final DirectoryLayout layout;
    private final DirectoryTime time;
    private final DirectoryEntries entries;

    DirectoryUsers(DirectoryLayout layout, DirectoryTime time, DirectoryEntries entries) {
        this.layout = layout;
        this.time = time;
        this.entries = entries;
    }

    void addAll() {
        builtins();
        for (int person = 0; person < People.COUNT; person++) {
            person(person);
        }
        for (int person : People.ADMINS) {
            admin(person);
        }
        services();
        migration();
    }

    private void builtins() {
        long created = layout.created;
        String administrator = "CN=Administrator," + USERS;
        long lastLogon = DirectoryTime.fixed(layout.hash("administrator"), 380, 480);
        entries.addUser(entries.account(
                        administrator,
                        "Administrator",
                        entries.sid(500),
                        NORMAL | AdValues.DONT_EXPIRE_PASSWORD,
                        513,
                        created,
                        lastLogon)
                .number("adminCount", 1)
                .fileTime("pwdLastSet", created + SimTime.DAY)
                .fileTime("lastLogonTimestamp", lastLogon)
                .fileTime("lastLogon", lastLogon)
                .text("description", "Built-in account for administering the computer/domain")
                .build());
        for (String group : List.of(
                "Administrators",
                "Domain Admins",
                "Enterprise Admins",
                "Schema Admins",
                "Group Policy Creator Owners")) {
            entries.join(group, administrator);
        }
        String guest = "CN=Guest," + USERS;
        entries.addUser(entries.account(
                        guest,
                        "Guest",
                        entries.sid(501),
                        NORMAL | AdValues.ACCOUNTDISABLE | AdValues.PASSWD_NOTREQD | AdValues.DONT_EXPIRE_PASSWORD,
                        514,
                        created,
                        created)
                .number("pwdLastSet", 0)
                .text("description", "Built-in account for guest access to the computer/domain")
                .build());
        entries.join("Guests", guest);
        entries.addUser(entries.account(
                        "CN=krbtgt," + USERS,
                        "krbtgt",
                        entries.sid(502),
                        NORMAL | AdValues.ACCOUNTDISABLE,
                        513,
                        created,
                        created)
                .number("adminCount", 1)
                // Never rotated since the domain was created: a finding of its own.
                .fileTime("pwdLastSet", created)
                .text("servicePrincipalName", "kadmin/changepw")
                .text("description", "Key Distribution Center Service Account")
                .build());
    }

    /**
     * A person's account. Most are in use: a logon within two weeks, a password changed within
     * its 180-day maximum age. Inactive persons ({@link People#inactive}) last logged on between
     * 2024 and mid-2025; those who left are disabled.
     */
    private void person(int person) {
        long h = Seeds.of(layout.seed, person, 0xAC7);
        String site = Org.site(Seeds.of(layout.seed, person, 0x5173)).name();
        String dn = "CN=" + People.fullName(person) + ",OU=Users,OU=" + site + "," + STAFF;
        boolean inactive = People.inactive(layout.seed, person);
        boolean left = inactive && Seeds.chance(Seeds.of(h, 1), LEFT);
        boolean neverExpires = Seeds.chance(Seeds.of(h, 2), 0.03);
        long uac = NORMAL;
        if (left) {
            uac |= AdValues.ACCOUNTDISABLE;
        }
        if (neverExpires) {
            uac |= AdValues.DONT_EXPIRE_PASSWORD;
        }
        if (Seeds.chance(Seeds.of(h, 3), 0.005)) {
            uac |= AdValues.PASSWD_NOTREQD;
        }
        long created;
        long lastLogonTimestamp;
        long lastLogon;
        long pwdLastSet;
        long changed;
        if (inactive) {
            lastLogonTimestamp = DirectoryTime.fixed(Seeds.of(h, 4), 100, 600);
            lastLogon = lastLogonTimestamp + Seeds.between(Seeds.of(h, 5), 0, 10) * SimTime.DAY;
            created = layout.created + Seeds.between(Seeds.of(h, 6), 30, 2_000) * SimTime.DAY;
            created = Math.min(created, lastLogonTimestamp - 60 * SimTime.DAY);
            pwdLastSet = Math.max(created, lastLogonTimestamp - Seeds.between(Seeds.of(h, 7), 0, 150) * SimTime.DAY);
            changed = left ? lastLogon + Seeds.between(Seeds.of(h, 8), 1, 30) * SimTime.DAY : lastLogonTimestamp;
        } else {
            created = layout.created + Seeds.between(Seeds.of(h, 6), 30, 2_700) * SimTime.DAY;
            lastLogonTimestamp = Math.max(created, time.refreshed(Seeds.of(h, 4), 14, 6, 4));
            lastLogon = Math.max(lastLogonTimestamp, time.recent(Seeds.of(h, 5), 3, 6, 10));
            pwdLastSet = neverExpires
                    ? created + Seeds.between(Seeds.of(h, 7), 0, 100) * SimTime.DAY
                    : Math.max(created, time.refreshed(Seeds.of(h, 7), 150, 8, 9));
            changed = Math.max(lastLogonTimestamp, pwdLastSet);
        }
        boolean helpdesk = layout.helpdesk.contains(person);
        AdEntry entry = entries.account(
                        dn, People.account(person), entries.sid(2000 + person), uac, 513, created, changed)
                .text("userPrincipalName", People.account(person) + "@" + Org.DNS_DOMAIN)
                .text("displayName", People.fullName(person))
                .text("mail", People.account(person) + "@" + Org.DNS_DOMAIN)
                .number("msDS-User-Account-Control-Computed", 0)
                .fileTime("pwdLastSet", pwdLastSet)
                .fileTime("lastLogonTimestamp", lastLogonTimestamp)
                .fileTime("lastLogon", lastLogon)
                .number("badPwdCount", Seeds.chance(Seeds.of(h, 9), 0.1) ? 1 + Seeds.below(Seeds.of(h, 10), 3) : 0)
                .text("description", left ? "Left " + month(changed) : null);
        if (helpdesk) {
            entry.number("adminCount", 1);
            entries.join("Helpdesk", dn);
        }
        entries.addUser(entry.build());
        entries.join("Dept-" + department(person, h), dn);
    }

    private static String department(int person, long h) {
        if (People.ADMINS.contains(person)) {
            return "IT";
        }
        List<String> departments = DirectoryEntries.DEPARTMENTS;
        return departments.get(Seeds.below(Seeds.of(h, 11), departments.size()));
    }

    /** An IT administrator's adm- account: privileged through IT-Admins, Tier0-Admins and Domain Admins. */
    private void admin(int person) {
        long h = Seeds.of(layout.seed, person, 0xAD3);
        String sam = People.adminAccount(person);
        String dn = "CN=" + sam + "," + ADMINS;
        long created = layout.created + Seeds.between(h, 30, 1_500) * SimTime.DAY;
        long lastLogonTimestamp = Math.max(created, time.refreshed(Seeds.of(h, 1), 14, 6, 10));
        long pwdLastSet = Math.max(created, time.refreshed(Seeds.of(h, 2), 60, 8, 9));
        entries.addUser(entries.account(
                        dn,
                        sam,
                        entries.sid(6000 + person),
                        NORMAL,
                        513,
                        created,
                        Math.max(lastLogonTimestamp, pwdLastSet))
                .text("userPrincipalName", sam + "@" + Org.DNS_DOMAIN)
                .text("displayName", People.fullName(person) + " (admin)")
                .number("adminCount", 1)
                .number("msDS-User-Account-Control-Computed", 0)
                .fileTime("pwdLastSet", pwdLastSet)
                .fileTime("lastLogonTimestamp", lastLogonTimestamp)
                .fileTime("lastLogon", Math.max(lastLogonTimestamp, time.recent(Seeds.of(h, 3), 2, 6, 10)))
                .number("badPwdCount", 0)
                .text("description", "Admin account of " + People.account(person))
                .build());
        entries.join("IT-Admins", dn);
    }

    /**
     * CORP\svc_sql, svc_backup and svc_web with their hosts' RIDs: every one Kerberoastable
     * (a user with SPNs), svc_sql privileged through SQL-Admins, svc_backup a Backup Operator
     * that needs no Kerberos pre-authentication, svc_web allowed to delegate to SQL Server.
     */
    private void services() {
        List<String> sqlSpns = layout.sqlSpns();
        for (int k = 0; k < Accounts.SERVICE_ACCOUNTS.size(); k++) {
            String sam = Accounts.SERVICE_ACCOUNTS.get(k);
            long h = layout.hash(sam);
            String dn = "CN=" + sam + "," + SERVICES;
            long created = layout.created + Seeds.between(h, 100, 900) * SimTime.DAY;
            long pwdLastSet = created + Seeds.between(Seeds.of(h, 1), 0, 200) * SimTime.DAY;
            long lastLogonTimestamp = time.refreshed(Seeds.of(h, 2), 14, 0, 24);
            long uac = NORMAL | AdValues.DONT_EXPIRE_PASSWORD;
            if (sam.equals("svc_backup")) {
                uac |= AdValues.DONT_REQ_PREAUTH;
            } else if (sam.equals("svc_web")) {
                uac |= AdValues.TRUSTED_TO_AUTH_FOR_DELEGATION;
            }
            AdEntry entry = entries.account(dn, sam, entries.sid(1200 + k), uac, 513, created, lastLogonTimestamp)
                    .text("userPrincipalName", sam + "@" + Org.DNS_DOMAIN)
                    .number("msDS-User-Account-Control-Computed", 0)
                    .fileTime("pwdLastSet", pwdLastSet)
                    .fileTime("lastLogonTimestamp", lastLogonTimestamp)
                    .fileTime("lastLogon", lastLogonTimestamp);
            switch (sam) {
                case "svc_sql" -> {
                    entry.texts("servicePrincipalName", sqlSpns)
                            .number("adminCount", 1)
                            .text("description", "SQL Server service account");
                    entries.join("SQL-Admins", dn);
                }
                case "svc_backup" -> {
                    entry.text("servicePrincipalName", "BackupAgent/backup." + Org.DNS_DOMAIN)
                            .number("adminCount", 1)
                            .text("description", "Backup agent (its legacy client needs no pre-authentication)");
                    entries.join("Backup Operators", dn);
                }
                default ->
                    entry.texts("servicePrincipalName", layout.webSpns())
                            .text("msDS-AllowedToDelegateTo", sqlSpns.get(0))
                            .text("description", "Intranet application pool identity");
            }
            entries.addUser(entry.build());
        }
    }

    /** Left in Domain Admins after the 2021 migration and not used since: a stale, enabled, privileged account. */
    private void migration() {
        long h = layout.hash("sa_migration");
        long created = SimTime.EPOCH - Seeds.between(h, 900, 1_000) * SimTime.DAY;
        long lastLogon = created + Seeds.between(Seeds.of(h, 1), 60, 120) * SimTime.DAY;
        String dn = "CN=sa_migration," + USERS;
        entries.addUser(entries.account(
                        dn,
                        "sa_migration",
                        entries.sid(1350),
                        NORMAL | AdValues.DONT_EXPIRE_PASSWORD,
                        513,
                        created,
                        lastLogon)
                .text("userPrincipalName", "sa_migration@" + Org.DNS_DOMAIN)
                .number("adminCount", 1)
                .number("msDS-User-Account-Control-Computed", 0)
                .fileTime("pwdLastSet", created)
                .fileTime("lastLogonTimestamp", lastLogon)
                .fileTime("lastLogon", lastLogon)
                .text("description", "Domain migration " + month(created).substring(0, 4) + " - temporary")
                .build());
        entries.join("Domain Admins", dn);
    }

    private static String month(long millis) {
        return Instant.ofEpochMilli(millis).toString().substring(0, 7);
    }
}
