package io.agent7.simulator.host;

/**
 * When a host installed, upgrades and removes each catalogue entry: a pure function of the
 * host's key and the time, so software changes happen on their own as simulated time
 * passes and nothing is stored per host. Hosts that install an entry later, or remove it,
 * are what makes a week of simulation show a few installs among the upgrades.
 */
final class Installs {

    private static final double LINUX_IMAGE_LAG_DAYS = 120;
    private static final double KEEP_MEAN_DAYS = 900;

    /** One entry on one host. */
    record Install(SoftwareEntry entry, long installedAt, long removedAt, int baseLevel, Updater updater) {

        boolean presentAt(long t) {
            return t >= installedAt && t < removedAt;
        }

        int level(long t) {
            return updater.level(entry.releases(), installedAt, baseLevel, t);
        }

        long levelInstalledAt(int level) {
            return updater.installedAt(entry.releases(), installedAt, baseLevel, level);
        }

        String version(int level) {
            return entry.version().at(level);
        }
    }

    private Installs() {}

    /** The entry's install on this host, or null when this host never has it. */
    static Install of(HostProfile host, SoftwareEntry entry) {
        if (!entry.availability().allows(host) || entry.perUser() && host.person < 0) {
            return null;
        }
        long k = Seeds.of(host.key, entry.key());
        double base = entry.availability().baseProbability(host);
        long installedAt;
        long removedAt = Long.MAX_VALUE;
        boolean fromImage = Seeds.unit(k) < base;
        if (fromImage) {
            installedAt = host.osInstalled + Seeds.between(Seeds.of(k, 1), SimTime.HOUR, 2 * SimTime.DAY);
        } else if (entry.availability().laterMeanDays() > 0) {
            installedAt = host.osInstalled
                    + exponential(Seeds.of(k, 2), entry.availability().laterMeanDays());
            removedAt = installedAt + exponential(Seeds.of(k, 3), KEEP_MEAN_DAYS);
        } else {
            return null;
        }
        long imageLag = fromImage && !host.windows
                ? (long) (Seeds.unit(Seeds.of(k, 4)) * LINUX_IMAGE_LAG_DAYS * SimTime.DAY)
                : 0;
        int baseLevel = entry.releases().released(installedAt - imageLag);
        return new Install(entry, installedAt, removedAt, baseLevel, updater(host, entry, k));
    }

    private static Updater updater(HostProfile host, SoftwareEntry entry, long k) {
        long dailyPhase = -host.tz
                + host.dailyMinute * SimTime.MINUTE
                + Seeds.between(Seeds.of(host.key, 0x5EC), 0, SimTime.MINUTE);
        return switch (entry.updater()) {
            case 'A', 'H' ->
                new Updater(
                        SimTime.DAY,
                        dailyPhase + Seeds.between(Seeds.of(host.key, 5), 0, 10 * SimTime.HOUR),
                        Seeds.between(Seeds.of(k, 6), 4 * SimTime.HOUR, 72 * SimTime.HOUR));
            case 'M' -> {
                long period = Seeds.between(Seeds.of(k, 7), 45, 240) * SimTime.DAY;
                yield new Updater(period, Seeds.between(Seeds.of(k, 8), 0, period), 0);
            }
            case 'S' -> new Updater(SimTime.DAY, dailyPhase, Seeds.between(Seeds.of(k, 9), 0, 6 * SimTime.HOUR));
            case 'R' ->
                new Updater(host.upgradePeriod, Seeds.between(Seeds.of(host.key, 0xA97), 0, host.upgradePeriod), 0);
            default -> Updater.NONE;
        };
    }

    /** An exponentially distributed delay with the given mean, from a hash. */
    private static long exponential(long hash, double meanDays) {
        double u = Seeds.unit(hash);
        return (long) (-Math.log(1 - u) * meanDays * SimTime.DAY);
    }
}
