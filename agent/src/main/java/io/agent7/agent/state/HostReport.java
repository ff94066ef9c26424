package io.agent7.agent.state;

import io.agent7.protocol.CheckinReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import oshi.SystemInfo;
import oshi.hardware.NetworkIF;

/** The host facts an agent reports at every check-in (the "host" part of docs/AGENT-PROTOCOL.md). */
public final class HostReport {

    private final SystemInfo system;

    public HostReport(SystemInfo system) {
        this.system = system;
    }

    public CheckinReport.Host report() {
        var os = system.getOperatingSystem();
        var network = os.getNetworkParams();
        Set<String> ips = new LinkedHashSet<>();
        Set<String> macs = new LinkedHashSet<>();
        for (NetworkIF nic : system.getHardware().getNetworkIFs()) {
            if (nic.isKnownVmMacAddr() && nic.getIPv4addr().length == 0) {
                continue;
            }
            for (String ip : nic.getIPv4addr()) {
                if (!ip.startsWith("127.")) {
                    ips.add(ip);
                }
            }
            for (String ip : nic.getIPv6addr()) {
                if (!ip.equals("::1") && !ip.startsWith("fe80")) {
                    ips.add(ip);
                }
            }
            String mac = nic.getMacaddr();
            if (mac != null && !mac.isBlank() && !mac.equals("00:00:00:00:00:00")) {
                macs.add(mac.toLowerCase(Locale.ROOT));
            }
        }
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        String domain = network.getDomainName();
        return new CheckinReport.Host(
                network.getHostName(),
                domain == null || domain.isBlank() ? null : domain,
                List.copyOf(ips),
                List.copyOf(macs),
                System.getProperty("os.arch"),
                os.getSystemUptime(),
                bootId().orElse(null),
                new CheckinReport.Os(
                        windows ? "windows" : "linux",
                        os.getFamily(),
                        os.toString(),
                        os.getVersionInfo().getVersion(),
                        windows ? os.getVersionInfo().getBuildNumber() : System.getProperty("os.version"),
                        platform(os.getFamily(), windows),
                        windows ? "windows" : "linux"));
    }

    private static java.util.Optional<String> bootId() {
        try {
            return java.util.Optional.of(
                    Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII)
                            .trim());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static String platform(String family, boolean windows) {
        if (windows) {
            return "windows";
        }
        return family.toLowerCase(Locale.ROOT).split("[ /]")[0];
    }
}
