package io.agent7.agent.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import oshi.SystemInfo;

/**
 * What the agent tells the server about its host at enrollment. The machine id is the
 * OS's own stable identifier: {@code /etc/machine-id} on Linux.
 */
public record HostFacts(
        String machineId, String hostName, String osFamily, String osName, String osVersion, String kernel) {

    private static final List<Path> MACHINE_ID_FILES =
            List.of(Path.of("/etc/machine-id"), Path.of("/var/lib/dbus/machine-id"));

    public static HostFacts detect(SystemInfo system) {
        var os = system.getOperatingSystem();
        String family =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
                        ? "windows"
                        : os.getFamily().toLowerCase(Locale.ROOT).contains("mac") ? "macos" : "linux";
        return new HostFacts(
                machineId(system),
                os.getNetworkParams().getHostName(),
                family,
                os.getFamily(),
                os.getVersionInfo().getVersion(),
                System.getProperty("os.version"));
    }

    static String machineId(SystemInfo system) {
        for (Path file : MACHINE_ID_FILES) {
            try {
                String id = Files.readString(file, StandardCharsets.US_ASCII).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            } catch (IOException e) {
                // not on this system: try the next source
            }
        }
        String uuid = system.getHardware().getComputerSystem().getHardwareUUID();
        if (uuid != null && !uuid.isBlank() && !uuid.equalsIgnoreCase("unknown")) {
            return uuid;
        }
        throw new IllegalStateException(
                "This host has no machine id: create /etc/machine-id " + "(systemd-machine-id-setup) and enroll again");
    }
}
