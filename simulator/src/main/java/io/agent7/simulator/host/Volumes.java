package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The volumes of a host by role, and how full they are: slow growth, re-measured every six hours. */
final class Volumes {

    record Volume(
            String mount,
            String device,
            String fileSystem,
            String label,
            String serial,
            long size,
            double baseUse,
            double growthPerDay,
            String options,
            boolean encrypted) {}

    private static final long GIB = 1024L * 1024 * 1024;
    private static final long MEASURED_EVERY = 6 * SimTime.HOUR;

    private Volumes() {}

    static List<Volume> of(HostProfile p) {
        List<Volume> volumes = new ArrayList<>();
        if (p.windows) {
            long system = p.role == Role.WORKSTATION ? pick(p, 1, 237, 476, 953) : pick(p, 1, 99, 149);
            boolean bitLocker = Seeds.chance(Seeds.of(p.key, 0xB17), p.role == Role.WORKSTATION ? 0.95 : 0.3);
            volumes.add(windows(p, "C:", "", system, 0.35, 0.0008, bitLocker));
            if (p.role == Role.FILE_SERVER || p.role == Role.SQL_SERVER || p.role == Role.IIS_SERVER) {
                volumes.add(windows(p, "D:", "Data", pick(p, 2, 499, 999, 1999, 3999), 0.4, 0.0012, bitLocker));
            }
            if (p.role == Role.SQL_SERVER) {
                volumes.add(windows(p, "E:", "Logs", pick(p, 3, 199, 499), 0.25, 0.0006, bitLocker));
            }
            return volumes;
        }
        boolean lvm = p.os.debian();
        String rootDevice = lvm ? "/dev/mapper/vg0-root" : "/dev/sda2";
        volumes.add(linux(
                p, "/", rootDevice, "ext4", pick(p, 1, 20, 32, 50, 100), 0.3, 0.0007, "rw,relatime,errors=remount-ro"));
        volumes.add(linux(p, "/boot", "/dev/sda1", "ext4", 1, 0.25, 0.0001, "rw,relatime"));
        if (p.role == Role.DB) {
            volumes.add(linux(
                    p,
                    "/var/lib/postgresql",
                    "/dev/sdb1",
                    "xfs",
                    pick(p, 2, 100, 250, 500),
                    0.35,
                    0.0015,
                    "rw,noatime,attr2,inode64,logbufs=8,logbsize=32k,noquota"));
        }
        if (p.role == Role.DOCKER) {
            volumes.add(
                    linux(p, "/var/lib/docker", "/dev/sdb1", "ext4", pick(p, 2, 100, 200), 0.3, 0.002, "rw,relatime"));
        }
        return volumes;
    }

    private static Volume windows(
            HostProfile p, String mount, String label, long gib, double use, double growth, boolean encrypted) {
        long k = Seeds.of(p.key, mount);
        String serial =
                String.format(Locale.ROOT, "%04X-%04X", Seeds.below(k, 0x10000), Seeds.below(Seeds.of(k, 1), 0x10000));
        String device = "\\\\?\\Volume" + Hashes.guid(Seeds.of(k, 2)).toLowerCase(Locale.ROOT) + "\\";
        return new Volume(
                mount,
                device,
                "NTFS",
                label,
                serial,
                gib * GIB,
                use + 0.3 * Seeds.unit(Seeds.of(k, 3)),
                growth * Seeds.unit(Seeds.of(k, 4)),
                null,
                encrypted);
    }

    private static Volume linux(
            HostProfile p,
            String mount,
            String device,
            String fs,
            long gib,
            double use,
            double growth,
            String options) {
        long k = Seeds.of(p.key, mount);
        return new Volume(
                mount,
                device,
                fs,
                null,
                ProcessVars.uuid(Seeds.of(k, 1)),
                gib * GIB,
                use + 0.3 * Seeds.unit(Seeds.of(k, 3)),
                growth * Seeds.unit(Seeds.of(k, 4)),
                options,
                false);
    }

    /** The share in use at {@code t}: growth since install and a small wobble, measured every six hours. */
    static double used(HostProfile p, Volume v, long t) {
        long measured = Math.floorDiv(t, MEASURED_EVERY) * MEASURED_EVERY;
        double days = Math.max(0, (double) (measured - p.osInstalled) / SimTime.DAY);
        double wobble = 0.01 * (Seeds.unit(Seeds.of(Seeds.of(p.key, v.mount()), measured)) - 0.5);
        return Smooth.clamp(v.baseUse() + v.growthPerDay() * Math.min(days, 400) + wobble, 0.02, 0.97);
    }

    private static long pick(HostProfile p, int salt, long... options) {
        return options[Seeds.below(Seeds.of(p.key, 0xD15C, salt), options.length)];
    }
}
