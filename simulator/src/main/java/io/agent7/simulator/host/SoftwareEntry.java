package io.agent7.simulator.host;

/**
 * An installable product: a Windows program from the uninstall list or a Debian/Ubuntu package.
 *
 * @param name     display name; may carry the version, as "7-Zip 24.08 (x64)" does
 * @param updater  A updates itself, M updated by IT now and then, F never updated, H as A
 *                 but not listed as software (the Defender platform); on Linux S security
 *                 updates (unattended-upgrades), R other updates (the admin's apt upgrade)
 * @param path     install location; {@code {user}} for per-user installs
 */
record SoftwareEntry(
        String key,
        VersionTemplate name,
        String vendor,
        String type,
        String arch,
        String scope,
        String path,
        long size,
        ReleaseClock releases,
        VersionTemplate version,
        char updater,
        Availability availability,
        String uninstall,
        String reference,
        String description) {

    boolean listed() {
        return updater != 'H';
    }

    boolean perUser() {
        return "user".equals(scope);
    }
}
