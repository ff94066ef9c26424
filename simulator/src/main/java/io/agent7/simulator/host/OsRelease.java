package io.agent7.simulator.host;

/**
 * The operating systems of the fleet, anchored to their real builds and update numbers of
 * January 2024 and moving forward at their real monthly pace.
 */
enum OsRelease {
    WIN11("Windows 11 Enterprise", "23H2", 22631, 3007, 145, 5034123, "Windows 11 Version 23H2 for x64-based Systems"),
    WIN10("Windows 10 Enterprise", "22H2", 19045, 3930, 120, 5034122, "Windows 10 Version 22H2 for x64-based Systems"),
    WS2022(
            "Windows Server 2022 Standard",
            "21H2",
            20348,
            2227,
            67,
            5034129,
            "Microsoft server operating system version 21H2 for x64-based Systems"),
    WS2019(
            "Windows Server 2019 Standard",
            "1809",
            17763,
            5329,
            120,
            5034127,
            "Windows Server 2019 for x64-based Systems"),
    DEBIAN12("Debian GNU/Linux", "12", 0, 0, 0, 0, "Debian GNU/Linux 12 (bookworm)"),
    UBUNTU2204("Ubuntu", "22.04", 0, 0, 0, 0, "Ubuntu 22.04.5 LTS");

    /** KB numbers grow by about this much a month across all of Microsoft's updates. */
    private static final int KB_PER_MONTH = 1250;

    final String productName;
    final String version;
    final int build;
    final int baseUbr;
    final int ubrPerMonth;
    final int baseKb;
    /** How update titles name the OS, or the pretty name on Linux. */
    final String longName;

    OsRelease(
            String productName, String version, int build, int baseUbr, int ubrPerMonth, int baseKb, String longName) {
        this.productName = productName;
        this.version = version;
        this.build = build;
        this.baseUbr = baseUbr;
        this.ubrPerMonth = ubrPerMonth;
        this.baseKb = baseKb;
        this.longName = longName;
    }

    boolean windows() {
        return build > 0;
    }

    boolean server() {
        return this == WS2022 || this == WS2019;
    }

    boolean debian() {
        return this == DEBIAN12;
    }

    /** The full build after the cumulative update of {@code month} (months since January 2024). */
    String windowsBuild(int month) {
        return "10.0." + build + "." + (baseUbr + ubrPerMonth * Math.max(0, month));
    }

    String cumulativeUpdateKb(int month) {
        return "KB" + (baseKb + KB_PER_MONTH * month);
    }

    String dotNetUpdateKb(int month) {
        return "KB" + (baseKb - 411 + KB_PER_MONTH * month);
    }

    /** The running kernel for a level of the kernel package. */
    String linuxKernel(int level) {
        return debian() ? "6.1.0-" + (17 + level) + "-amd64" : "5.15.0-" + (91 + 2 * level) + "-generic";
    }
}
