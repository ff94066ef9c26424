package io.agent7.simulator.host;

import static io.agent7.simulator.host.DirectoryLayout.BASE;

import io.agent7.agent.collect.directory.AdValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The directory's computer accounts: the four domain controllers, the fleet's Windows hosts
 * among its first {@link DirectoryLayout#SAMPLE} indices (with LAPS, as their local
 * {@code localadmin} is), and two accounts of machines long gone.
 */
final class DirectoryComputers {

    static final String DOMAIN_CONTROLLERS = "OU=Domain Controllers," + BASE;
    static final String SERVERS = "OU=Servers,OU=Tier1," + BASE;
    static final String WORKSTATIONS = "OU=Workstations,";
    static final String STAFF = "OU=Corp," + BASE;
    /** The controllers' operating system. */
    static final OsRelease DC_OS = OsRelease.WS2022;

    private final DirectoryLayout layout;
    private final DirectoryTime time;
    private final DirectoryEntries entries;

    DirectoryComputers(DirectoryLayout layout, DirectoryTime time, DirectoryEntries entries) {
        this.layout = layout;
        this.time = time;
        this.entries = entries;
    }

    void addAll() {
        for (int i = 0; i < Org.SITES.size(); i++) {
            controller(i, Org.SITES.get(i).domainController());
        }
        boolean delegating = false;
        for (DirectoryLayout.Member host : layout.members) {
            // One application server was set up for unconstrained delegation years ago.
            boolean unconstrained = !delegating && host.role() == Role.APP_SERVER;
            delegating |= unconstrained;
            member(host, unconstrained);
        }
        gone("LEGACY-FS01", "Windows Server 2012 R2 Standard", "6.3 (9600)", SERVERS, false, 1400);
        gone("WS-OLD-0413", "Windows 10 Enterprise", "10.0 (19044)", WORKSTATIONS + STAFF, true, 1401);
    }

    private void controller(int i, String name) {
        String dn = "CN=" + name + "," + DOMAIN_CONTROLLERS;
        String dns = name + "." + Org.DNS_DOMAIN;
        long h = layout.hash(dn);
        long created = layout.created + i * 30L * SimTime.DAY;
        long lastLogonTimestamp = time.refreshed(h, 14, 0, 24);
        long pwdLastSet = time.refreshed(Seeds.of(h, 1), 30, 0, 24);
        List<String> spns = new ArrayList<>(hostSpns(name, dns));
        spns.add("ldap/" + dns);
        spns.add("ldap/" + dns + "/" + Org.DNS_DOMAIN);
        spns.add("GC/" + dns + "/" + Org.DNS_DOMAIN);
        spns.add("DNS/" + dns);
        spns.add("Dfsr-12F9A27C-BF97-4787-9364-D31B6C55EB04/" + dns);
        entries.addComputer(entries.account(
                        dn,
                        name + "$",
                        entries.sid(1000 + i),
                        AdValues.SERVER_TRUST_ACCOUNT | AdValues.TRUSTED_FOR_DELEGATION,
                        516,
                        created,
                        Math.max(lastLogonTimestamp, pwdLastSet))
                .text("dNSHostName", dns)
                .text("operatingSystem", DC_OS.productName)
                .text("operatingSystemVersion", "10.0 (" + DC_OS.build + ")")
                .texts("servicePrincipalName", spns)
                .fileTime("lastLogonTimestamp", lastLogonTimestamp)
                .fileTime("pwdLastSet", pwdLastSet)
                .build());
    }

    private void member(DirectoryLayout.Member host, boolean unconstrained) {
        String container = host.role() == Role.WORKSTATION ? WORKSTATIONS + "OU=" + host.site() + "," + STAFF : SERVERS;
        String dn = "CN=" + host.name() + "," + container;
        long h = layout.hash(dn);
        long created =
                Math.max(layout.created + 30 * SimTime.DAY, SimTime.EPOCH - Seeds.between(h, 0, 900) * SimTime.DAY);
        long lastLogonTimestamp = time.refreshed(Seeds.of(h, 1), 14, 0, 24);
        // The machine password changes every 30 days, LAPS' local one every 30 days after it was set.
        long pwdLastSet = time.refreshed(Seeds.of(h, 2), 30, 0, 24);
        long lapsSet = time.refreshed(Seeds.of(h, 3), 30, 0, 24);
        List<String> spns = new ArrayList<>(hostSpns(host.name(), host.dns()));
        if (host.role().server()) {
            spns.add("WSMAN/" + host.name());
            spns.add("WSMAN/" + host.dns());
            spns.add("TERMSRV/" + host.name());
            spns.add("TERMSRV/" + host.dns());
        }
        if (host.role() == Role.SQL_SERVER && !host.sqlDomainAccount()) {
            spns.add("MSSQLSvc/" + host.dns() + ":1433");
            spns.add("MSSQLSvc/" + host.dns());
        }
        long uac = AdValues.WORKSTATION_TRUST_ACCOUNT | (unconstrained ? AdValues.TRUSTED_FOR_DELEGATION : 0);
        entries.addComputer(entries.account(
                        dn,
                        host.name().toUpperCase(Locale.ROOT) + "$",
                        entries.sid(8000 + host.index()),
                        uac,
                        515,
                        created,
                        Math.max(lastLogonTimestamp, pwdLastSet))
                .text("dNSHostName", host.dns())
                .text("operatingSystem", host.os().productName)
                .text("operatingSystemVersion", "10.0 (" + host.os().build + ")")
                .texts("servicePrincipalName", spns)
                .fileTime("lastLogonTimestamp", lastLogonTimestamp)
                .fileTime("pwdLastSet", pwdLastSet)
                .fileTime("ms-Mcs-AdmPwdExpirationTime", lapsSet + 30 * SimTime.DAY)
                .text("description", unconstrained ? "Intranet SSO front end (Kerberos delegation)" : null)
                .build());
    }

    /** A computer account whose machine is gone: not logged on since 2024. */
    private void gone(String name, String os, String version, String container, boolean disabled, long rid) {
        String dn = "CN=" + name + "," + container;
        long h = layout.hash(dn);
        long lastLogon = DirectoryTime.fixed(h, 40, 300);
        long created = lastLogon - Seeds.between(Seeds.of(h, 1), 900, 1_500) * SimTime.DAY;
        long uac = AdValues.WORKSTATION_TRUST_ACCOUNT | (disabled ? AdValues.ACCOUNTDISABLE : 0);
        entries.addComputer(entries.account(
                        dn, name + "$", entries.sid(rid), uac, 515, Math.max(created, layout.created), lastLogon)
                .text("dNSHostName", name + "." + Org.DNS_DOMAIN)
                .text("operatingSystem", os)
                .text("operatingSystemVersion", version)
                .texts("servicePrincipalName", hostSpns(name, name + "." + Org.DNS_DOMAIN))
                .fileTime("lastLogonTimestamp", lastLogon)
                .fileTime("pwdLastSet", lastLogon - 10 * SimTime.DAY)
                .build());
    }

    private static List<String> hostSpns(String name, String dns) {
        return List.of("HOST/" + name, "HOST/" + dns, "RestrictedKrbHost/" + name, "RestrictedKrbHost/" + dns);
    }
}
