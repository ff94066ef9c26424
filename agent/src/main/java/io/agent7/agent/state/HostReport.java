package io.agent7.agent.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import oshi.SystemInfo;
import oshi.hardware.NetworkIF;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The host facts an agent reports at every check-in (the "host" part of docs/AGENT-PROTOCOL.md). */
public final class HostReport {

    private final SystemInfo system;

    public HostReport(SystemInfo system) {
        this.system = system;
    }

    public ObjectNode report() {
        var os = system.getOperatingSystem();
        ObjectNode host = JsonNodeFactory.instance.objectNode();
        var network = os.getNetworkParams();
        host.put("hostname", network.getHostName());
        if (network.getDomainName() != null && !network.getDomainName().isBlank()) {
            host.put("domain", network.getDomainName());
        }
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
        ArrayNode ipArray = host.putArray("ips");
        ips.forEach(ipArray::add);
        ArrayNode macArray = host.putArray("macs");
        macs.forEach(macArray::add);
        host.put("architecture", System.getProperty("os.arch"));
        host.put("uptime", os.getSystemUptime());
        bootId().ifPresent(id -> host.put("boot_id", id));
        ObjectNode o = host.putObject("os");
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        o.put("family", windows ? "windows" : "linux");
        o.put("type", windows ? "windows" : "linux");
        o.put("name", os.getFamily());
        o.put("full", os.toString());
        o.put("version", os.getVersionInfo().getVersion());
        o.put("kernel", windows ? os.getVersionInfo().getBuildNumber() : System.getProperty("os.version"));
        o.put("platform", platform(os.getFamily(), windows));
        return host;
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
