package io.agent7.simulator.host;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** The organisation every virtual host belongs to: its domain, sites and central servers. */
final class Org {

    static final String DOMAIN = "CORP";
    static final String DNS_DOMAIN = "corp.example";
    /** The Agent7 ingest API the agents talk to. */
    static final int AGENT7_SERVER = ip(10, 10, 0, 20);

    static final int AGENT7_PORT = 8443;
    static final int FILE_SERVER = ip(10, 10, 0, 30);
    static final int BACKUP_SERVER = ip(10, 10, 0, 40);

    record Site(String name, long offset, String domainController, int weight) {}

    static final List<Site> SITES = List.of(
            new Site("Amsterdam", 60 * SimTime.MINUTE, "DC01", 40),
            new Site("London", 0, "DC02", 25),
            new Site("New York", -300 * SimTime.MINUTE, "DC03", 25),
            new Site("Singapore", 480 * SimTime.MINUTE, "DC04", 10));

    /** One domain SID per fleet seed, shared by all its hosts rather than stored on each. */
    private static final ConcurrentHashMap<Long, String> DOMAIN_SIDS = new ConcurrentHashMap<>();

    private Org() {}

    static String domainSid(long seed) {
        return DOMAIN_SIDS.computeIfAbsent(seed, s -> sid(Seeds.of(s, 0xD0)));
    }

    /** A machine or domain SID prefix, S-1-5-21-a-b-c, from a hash. */
    static String sid(long hash) {
        long a = Seeds.mix(hash);
        long b = Seeds.mix(a);
        long c = Seeds.mix(b);
        return "S-1-5-21-" + (1_000_000_000L + Math.floorMod(a, 3_000_000_000L)) + "-"
                + (1_000_000_000L + Math.floorMod(b, 3_000_000_000L)) + "-"
                + (1_000_000_000L + Math.floorMod(c, 3_000_000_000L));
    }

    static Site site(long hash) {
        int total = SITES.stream().mapToInt(Site::weight).sum();
        int pick = Seeds.below(hash, total);
        for (Site site : SITES) {
            pick -= site.weight();
            if (pick < 0) {
                return site;
            }
        }
        return SITES.get(0);
    }

    static int ip(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }

    static String ipText(int ip) {
        return (ip >>> 24) + "." + (ip >>> 16 & 0xff) + "." + (ip >>> 8 & 0xff) + "." + (ip & 0xff);
    }
}
