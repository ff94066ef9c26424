package io.agent7.simulator.host;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * What a virtual host is and never changes: role, OS, names, addresses, hardware, its user
 * and its habits. Everything here follows from (seed, index) and the creation time.
 */
final class HostProfile {

    final long seed;
    final int index;
    /** The root of every hash-derived decision about this host. */
    final long key;

    final Role role;
    final OsRelease os;
    final boolean windows;
    final String hostName;
    final String machineId;
    final String machineSid;
    final String domainSid;
    final Org.Site site;
    /** The site's UTC offset in milliseconds: work days and maintenance windows are local. */
    final long tz;

    final int ip;
    final String linkLocal;
    final int cores;
    final long memory;
    final long osInstalled;
    final long created;
    /** The workstation's user (a {@link People} index), or -1. */
    final int person;
    /** 0 Chrome, 1 Edge, 2 both. */
    final int browser;

    final boolean userIsLocalAdmin;
    final boolean administratorEnabled;
    /** A VMware guest: servers always, some workstations (VDI). */
    final boolean virtual;

    final long patchDelay;
    /** Months since January 2024 after which this host stopped patching, or MAX_VALUE. */
    final int patchStopMonth;
    /** Local minute of the daily update check. */
    final int dailyMinute;
    /** Linux: how often the admin runs a full apt upgrade. */
    final long upgradePeriod;
    /** Linux: whether the host is rebooted for new kernels, or runs for months. */
    final boolean kernelReboots;
    /** Linux: the admins with logins; Windows servers: who connects over RDP. */
    final int[] admins;

    final Planted planted;

    private HostProfile(long seed, int index, long now) {
        this.seed = seed;
        this.index = index;
        this.key = Seeds.of(seed, index);
        this.created = now;
        SplittableRandom r = new SplittableRandom(Seeds.of(seed, index, 0x9F0F11E));
        role = Role.of(seed, index);
        windows = role.windows;
        os = role == Role.WORKSTATION
                ? (r.nextInt(100) < 60 ? OsRelease.WIN11 : OsRelease.WIN10)
                : windows
                        ? (r.nextInt(100) < 60 ? OsRelease.WS2022 : OsRelease.WS2019)
                        : r.nextInt(100) < 65 ? OsRelease.DEBIAN12 : OsRelease.UBUNTU2204;
        hostName = switch (role) {
            case WORKSTATION -> String.format(Locale.ROOT, "WS-%04d", index);
            case FILE_SERVER, SQL_SERVER, IIS_SERVER, APP_SERVER -> String.format(Locale.ROOT, "SRV-%03d", index);
            default -> role.prefix + index;
        };
        machineId = machineId(seed, index, windows);
        machineSid = Org.sid(Seeds.of(key, 0x51D));
        domainSid = Org.domainSid(seed);
        site = Org.site(Seeds.of(key, 0x5173));
        tz = site.offset();
        // 62,500 hosts per /16 and ten /16s per role: unique addresses for fleets up to 625,000 hosts.
        int block = (index / 62_500) % 10;
        int second = (role == Role.WORKSTATION ? 20 : windows ? 10 : 30) + block;
        ip = Org.ip(10, second, (index / 250) % 250, index % 250 + 2);
        linkLocal = String.format(
                Locale.ROOT,
                "fe80::%x:%x:%x:%x",
                r.nextInt(0x10000),
                r.nextInt(0x10000),
                r.nextInt(0x10000),
                r.nextInt(0x10000));
        cores = pick(
                r,
                role == Role.WORKSTATION
                        ? new int[] {4, 8, 8, 12, 16}
                        : windows ? new int[] {4, 8, 8, 16, 32} : new int[] {2, 4, 4, 8, 16});
        long gib = 1024L * 1024 * 1024;
        memory = gib
                * pick(
                        r,
                        role == Role.WORKSTATION
                                ? new int[] {8, 16, 16, 32}
                                : windows ? new int[] {16, 32, 64, 128} : new int[] {4, 8, 16, 32, 64});
        int ageDays = role == Role.WORKSTATION ? 60 + r.nextInt(900) : 200 + r.nextInt(1500);
        osInstalled = now - ageDays * SimTime.DAY - r.nextLong(SimTime.DAY);
        person = role == Role.WORKSTATION ? People.working(seed, r.nextInt(People.COUNT)) : -1;
        int b = r.nextInt(100);
        browser = b < 55 ? 0 : b < 90 ? 1 : 2;
        userIsLocalAdmin = role == Role.WORKSTATION && r.nextInt(100) < 10;
        administratorEnabled = role == Role.WORKSTATION ? r.nextInt(100) < 10 : r.nextInt(100) < 50;
        virtual = role != Role.WORKSTATION || r.nextInt(100) < 15;
        patchDelay = (role == Role.WORKSTATION ? r.nextInt(7 * 24) : 5 * 24 + r.nextInt(14 * 24)) * SimTime.HOUR;
        patchStopMonth = r.nextInt(100) < 5 ? SimTime.month(now) - 2 - r.nextInt(6) : Integer.MAX_VALUE;
        dailyMinute = 6 * 60 + r.nextInt(90);
        upgradePeriod = (30 + r.nextInt(120)) * SimTime.DAY;
        kernelReboots = r.nextInt(100) < 70;
        admins = new int[2 + r.nextInt(2)];
        for (int i = 0; i < admins.length; i++) {
            admins[i] = People.ADMINS.get(Math.floorMod(i + r.nextInt(People.ADMINS.size()), People.ADMINS.size()));
        }
        String profileUser = person >= 0 ? People.account(person) : windows ? People.adminAccount(admins[0]) : null;
        planted = Planted.of(seed, index, windows, now, profileUser);
    }

    static HostProfile create(long seed, int index, long now) {
        return new HostProfile(seed, index, now);
    }

    /**
     * A MachineGuid (Windows) or /etc/machine-id (Linux). The low half is a bijection of the
     * index, so ids never collide within a fleet.
     */
    private static String machineId(long seed, int index, boolean windows) {
        long high = (Seeds.mix(seed ^ 0x4D41434849L) & ~0xF000L) | 0x4000L;
        long scrambled = index * 0x9E3779B97F4A7C15L & 0x3FFF_FFFF_FFFF_FFFFL;
        scrambled ^= scrambled >>> 29;
        long low = scrambled ^ (Seeds.mix(seed) & 0x3FFF_FFFF_FFFF_FFFFL) | Long.MIN_VALUE;
        UUID uuid = new UUID(high, low);
        return windows ? uuid.toString() : uuid.toString().replace("-", "");
    }

    private static int pick(SplittableRandom r, int[] options) {
        return options[r.nextInt(options.length)];
    }

    /** The Windows account name whose profile the host's per-user items belong to. */
    String profileUser() {
        return person >= 0 ? People.account(person) : People.adminAccount(admins[0]);
    }

    /** Linux: the distribution-specific versions that appear in paths and package names. */
    String pythonVersion() {
        return os.debian() ? "3.11" : "3.10";
    }

    String phpVersion() {
        return os.debian() ? "8.2" : "8.1";
    }

    String postgresVersion() {
        return os.debian() ? "15" : "14";
    }

    String tomcatVersion() {
        return os.debian() ? "10" : "9";
    }
}
