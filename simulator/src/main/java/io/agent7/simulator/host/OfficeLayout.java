package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the organisation's file and print servers serve, for one fleet seed: the print server
 * and its queues, which workstations print to, and the workstations whose users map drives on
 * the file servers. Small and fixed, so it is kept per seed rather than on each host.
 *
 * <p>The print server is the first file server among the first {@link Role#BLOCK} hosts (every
 * block has two), so in any fleet of that size it is a host of the fleet, which shares the
 * queues its clients connect to. The clients of the file servers are the workstations among the
 * fleet's first {@link #SAMPLE} indices, profiled as the fleet's own hosts are, so a session
 * from a workstation's address carries that workstation's user and lasts as their logon does.
 */
final class OfficeLayout {

    /** SMB clients are the workstations among the fleet's first this many indices. */
    static final int SAMPLE = 200;

    /** A print queue of a site, on the print server; {@code device} is the printer's address. */
    record Queue(String name, String driver, String comment, String location, int site, int device) {}

    private static final ConcurrentHashMap<Long, OfficeLayout> BY_SEED = new ConcurrentHashMap<>();

    final long seed;
    /** The print server's host index and name. */
    final int printServer;

    final String printServerName;
    final List<Queue> queues;
    /** The sampled workstations, in index order. */
    final List<HostProfile> workstations;

    private OfficeLayout(long seed) {
        this.seed = seed;
        int server = 0;
        while (server < Role.BLOCK - 1 && Role.of(seed, server) != Role.FILE_SERVER) {
            server++;
        }
        this.printServer = server;
        this.printServerName = String.format(Locale.ROOT, "SRV-%03d", server);
        List<Queue> all = new ArrayList<>();
        for (int site = 0; site < Org.SITES.size(); site++) {
            String city = Org.SITES.get(site).name();
            String code = city.equals("New York") ? "NYC" : city.substring(0, 3).toUpperCase(Locale.ROOT);
            all.add(new Queue(
                    code + "-Floor1-MFP",
                    "Xerox Global Print Driver PCL6",
                    "Multifunction printer and scanner",
                    city + "/Floor 1",
                    site,
                    device(site, 0)));
            all.add(new Queue(
                    code + "-Floor2-Color",
                    "HP Universal Printing PCL 6",
                    "Colour laser",
                    city + "/Floor 2",
                    site,
                    device(site, 1)));
            all.add(new Queue(
                    code + "-Finance",
                    "Canon Generic Plus PCL6",
                    "Finance department",
                    city + "/Floor 3/Finance",
                    site,
                    device(site, 2)));
        }
        this.queues = List.copyOf(all);
        List<HostProfile> found = new ArrayList<>();
        for (int index = 0; index < SAMPLE; index++) {
            if (Role.of(seed, index) == Role.WORKSTATION) {
                found.add(HostProfile.create(seed, index, SimTime.EPOCH));
            }
        }
        this.workstations = List.copyOf(found);
    }

    static OfficeLayout of(long seed) {
        return BY_SEED.computeIfAbsent(seed, OfficeLayout::new);
    }

    /** The printers of a site live in 10.50.site.0/24; the first of each site is its multifunction printer. */
    static int device(int site, int printer) {
        return Org.ip(10, 50, site, 10 + printer);
    }

    /** The queues of a site, as its workstations connect to them. */
    List<Queue> queuesOf(int site) {
        return queues.subList(site * 3, site * 3 + 3);
    }

    static int siteIndex(Org.Site site) {
        return Org.SITES.indexOf(site);
    }
}
