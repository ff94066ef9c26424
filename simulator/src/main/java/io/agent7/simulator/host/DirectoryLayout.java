package io.agent7.simulator.host;

import io.agent7.agent.collect.directory.AdValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the simulated directory of one fleet seed is and never changes: the domain's SID and
 * age, and the fleet's hosts it has computer accounts for. Small, so it is kept per seed;
 * everything else follows from it and the day ({@link DirectoryEntries}).
 *
 * <p>History is anchored to {@link SimTime#EPOCH}, as release clocks are: the domain was
 * created years before it, leavers left and stale accounts last logged on between it and
 * mid-2025, so they are months stale at any time the fleet runs.
 */
final class DirectoryLayout {

    static final String BASE = AdValues.namingContext(Org.DNS_DOMAIN);
    /** Computer accounts exist for the Windows hosts among the fleet's first this many indices. */
    static final int SAMPLE = 200;
    /** Persons in Helpdesk, which is in Account Operators: ordinary staff with domain privilege. */
    static final int HELPDESK = 4;

    /** A Windows host of the fleet, as its computer account needs it. */
    record Member(int index, String name, OsRelease os, Role role, String site, boolean sqlDomainAccount) {
        String dns() {
            return name + "." + Org.DNS_DOMAIN;
        }
    }

    final long seed;
    final String domainSid;
    /** When the domain and its built-in objects were created. */
    final long created;

    final List<Member> members;
    final List<Integer> helpdesk;

    DirectoryLayout(long seed) {
        this.seed = seed;
        this.domainSid = Org.domainSid(seed);
        this.created =
                SimTime.EPOCH - Seeds.between(Seeds.of(seed, 0xAD0), 2_400, 2_800) * SimTime.DAY + 9 * SimTime.HOUR;
        List<Member> found = new ArrayList<>();
        for (int index = 0; index < SAMPLE; index++) {
            if (!Role.of(seed, index).windows) {
                continue;
            }
            HostProfile p = HostProfile.create(seed, index, SimTime.EPOCH);
            found.add(new Member(
                    index,
                    p.hostName,
                    p.os,
                    p.role,
                    p.site.name(),
                    p.role == Role.SQL_SERVER && ServiceAccounts.sqlUsesDomainAccount(p)));
        }
        this.members = List.copyOf(found);
        List<Integer> desk = new ArrayList<>();
        for (int k = 0; desk.size() < HELPDESK; k++) {
            int person = Seeds.below(Seeds.of(seed, k, 0xDE5C), People.COUNT);
            if (!People.inactive(seed, person) && !People.ADMINS.contains(person) && !desk.contains(person)) {
                desk.add(person);
            }
        }
        this.helpdesk = List.copyOf(desk);
    }

    /** The hosts of a role, in index order. */
    List<Member> withRole(Role role) {
        return members.stream().filter(m -> m.role() == role).toList();
    }

    /** The SQL Server SPNs of svc_sql: the sampled SQL servers that run as it, or the first SQL server. */
    List<String> sqlSpns() {
        List<Member> sql = withRole(Role.SQL_SERVER);
        List<Member> asSvcSql = sql.stream().filter(Member::sqlDomainAccount).toList();
        List<Member> hosts = asSvcSql.isEmpty() ? sql.subList(0, Math.min(1, sql.size())) : asSvcSql;
        List<String> spns = new ArrayList<>();
        for (Member host : hosts) {
            spns.add("MSSQLSvc/" + host.dns() + ":1433");
            spns.add("MSSQLSvc/" + host.dns());
        }
        if (spns.isEmpty()) {
            spns.add("MSSQLSvc/sql." + Org.DNS_DOMAIN + ":1433");
        }
        return spns;
    }

    /** The HTTP SPNs of svc_web: the intranet's name and the sampled IIS servers. */
    List<String> webSpns() {
        List<String> spns = new ArrayList<>();
        spns.add("HTTP/intranet." + Org.DNS_DOMAIN);
        for (Member host : withRole(Role.IIS_SERVER)) {
            spns.add("HTTP/" + host.dns());
        }
        return spns;
    }

    /** A stable hash for a named object of this directory. */
    long hash(String name) {
        return Seeds.of(seed, name.toLowerCase(Locale.ROOT));
    }
}
