package io.agent7.simulator.host;

import io.agent7.agent.collect.windows.FileTimes;
import io.agent7.agent.collect.windows.config.RegistryMapping;
import io.agent7.agent.collect.windows.config.RegistryValue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code registry_value} documents (Windows): Run keys as the startup items see them, and LSA hardening settings. */
final class RegistryDocs {

    private static final String LSA = "SYSTEM\\CurrentControlSet\\Control\\Lsa";
    private static final String WDIGEST = "SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\WDigest";

    /** RegEnumValue's value types. */
    private static final int REG_SZ = 1;

    private static final int REG_EXPAND_SZ = 2;
    private static final int REG_DWORD = 4;
    private static final int REG_MULTI_SZ = 7;

    private static final RegistryMapping REGISTRY = new RegistryMapping();

    private RegistryDocs() {}

    static List<ObjectNode> build(HostState h) {
        HostProfile p = h.profile;
        List<ObjectNode> docs = new ArrayList<>();
        if (!p.windows) {
            return docs;
        }
        for (StartupEntries.Entry e : StartupEntries.of(h)) {
            if (!e.registry() || !e.source().equals("registry_run")) {
                continue;
            }
            boolean user = e.location().startsWith("HKCU\\");
            String key = user
                    ? e.user().id() + e.location().substring("HKCU".length())
                    : e.location().substring("HKLM\\".length());
            docs.add(value(
                    user ? "HKU" : "HKLM",
                    key,
                    e.name(),
                    switch (e.dataType()) {
                        case "REG_SZ" -> REG_SZ;
                        case "REG_EXPAND_SZ" -> REG_EXPAND_SZ;
                        default -> throw new IllegalArgumentException("A Run value is a string, not " + e.dataType());
                    },
                    sz(e.data()),
                    e.written(),
                    user ? e.user().qualified() : null));
        }
        long configured = p.osInstalled + SimTime.DAY;
        long lsa = Seeds.of(p.key, 0x15A);
        if (Seeds.chance(Seeds.of(lsa, 1), p.os == OsRelease.WIN11 ? 0.8 : 0.35)) {
            docs.add(value("HKLM", LSA, "RunAsPPL", REG_DWORD, dword(1), configured, null));
        }
        if (p.os == OsRelease.WIN11) {
            docs.add(value("HKLM", LSA, "LsaCfgFlags", REG_DWORD, dword(1), configured, null));
        }
        docs.add(value(
                "HKLM",
                LSA,
                "LmCompatibilityLevel",
                REG_DWORD,
                dword(Seeds.chance(Seeds.of(lsa, 2), 0.7) ? 5 : 3),
                configured,
                null));
        docs.add(value("HKLM", LSA, "NoLmHash", REG_DWORD, dword(1), configured, null));
        docs.add(value("HKLM", LSA, "LimitBlankPasswordUse", REG_DWORD, dword(1), configured, null));
        docs.add(value("HKLM", LSA, "restrictanonymous", REG_DWORD, dword(0), configured, null));
        docs.add(value("HKLM", LSA, "restrictanonymoussam", REG_DWORD, dword(1), configured, null));
        docs.add(value("HKLM", LSA, "Authentication Packages", REG_MULTI_SZ, multiSz("msv1_0"), configured, null));
        docs.add(value("HKLM", LSA, "Notification Packages", REG_MULTI_SZ, multiSz("scecli"), configured, null));
        docs.add(value(
                "HKLM",
                LSA,
                "Security Packages",
                REG_MULTI_SZ,
                multiSz("kerberos", "msv1_0", "schannel", "wdigest", "tspkg", "pku2u"),
                configured,
                null));
        if (Seeds.chance(Seeds.of(lsa, 3), 0.6)) {
            docs.add(value("HKLM", WDIGEST, "UseLogonCredential", REG_DWORD, dword(0), configured, null));
        }
        return docs;
    }

    /**
     * The value as the real collector would see it: RegEnumValue's type and raw bytes, turned
     * into a document by the agent's own mapping.
     */
    private static ObjectNode value(
            String hive, String key, String name, int type, byte[] data, long written, String user) {
        return REGISTRY.document(
                new RegistryValue(hive, key, name, type, data, FileTimes.ticks(Instant.ofEpochMilli(written)), user));
    }

    /** REG_SZ and REG_EXPAND_SZ data: UTF-16LE with its NUL, as regedit and the APIs write it. */
    static byte[] sz(String text) {
        return (text + "\0").getBytes(StandardCharsets.UTF_16LE);
    }

    /** REG_MULTI_SZ data: each string NUL-ended, the list ended by an empty one. */
    static byte[] multiSz(String... strings) {
        StringBuilder data = new StringBuilder();
        for (String s : strings) {
            data.append(s).append('\0');
        }
        return data.append('\0').toString().getBytes(StandardCharsets.UTF_16LE);
    }

    /** REG_DWORD data: four bytes, little-endian. */
    static byte[] dword(int value) {
        return ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(value)
                .array();
    }
}
