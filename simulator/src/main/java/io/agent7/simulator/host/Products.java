package io.agent7.simulator.host;

/**
 * The installed version of each product on one host, by name as programs refer to them:
 * software catalogue keys on Windows ({@code os} for Windows itself), package names on Linux
 * (with distribution placeholders such as {@code python{py}}).
 */
final class Products {

    private final HostProfile profile;
    private final Catalog<SoftwareEntry> software;

    Products(HostProfile profile, Catalog<SoftwareEntry> software) {
        this.profile = profile;
        this.software = software;
    }

    /** The installed level at {@code t}; 0 for products without releases (kernel threads, containers, planted files). */
    int level(String product, long t) {
        if (product.equals("os")) {
            return Patches.patchedMonth(profile, t);
        }
        Installs.Install install = install(product);
        return install == null ? 0 : install.level(t);
    }

    /** The version string of a product at a level, or empty when it has none. */
    String version(String product, int level) {
        if (product.equals("os")) {
            return profile.os.windows() ? profile.os.windowsBuild(level) : "";
        }
        String key = ProcessVars.distroProduct(profile, product);
        return software.has(key) ? software.get(key).version().at(level) : "";
    }

    boolean installed(String key, long t) {
        Installs.Install install = install(key);
        return install != null && install.presentAt(t);
    }

    /** Linux: the level of the kernel package at {@code t}, which decides the kernel a boot then runs. */
    int kernelLevel(long t) {
        return level(profile.os.debian() ? "linux-image-amd64" : "linux-image-generic", t);
    }

    /** The product's install on this host, or null when it never has it. */
    Installs.Install install(String product) {
        String key = ProcessVars.distroProduct(profile, product);
        return software.has(key) ? Installs.of(profile, software.get(key)) : null;
    }
}
