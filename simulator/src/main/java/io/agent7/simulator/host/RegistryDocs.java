package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code registry_value} documents (Windows): Run keys as the startup items see them, and LSA hardening settings. */
final class RegistryDocs {

    private static final String LSA = "SYSTEM\\CurrentControlSet\\Control\\Lsa";
    private static final String WDIGEST = "SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\WDigest";

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
                    e.dataType(),
                    List.of(e.data()),
                    e.written(),
                    user ? e.user().qualified() : null));
        }
        long configured = p.osInstalled + SimTime.DAY;
        long lsa = Seeds.of(p.key, 0x15A);
        if (Seeds.chance(Seeds.of(lsa, 1), p.os == OsRelease.WIN11 ? 0.8 : 0.35)) {
            docs.add(value("HKLM", LSA, "RunAsPPL", "REG_DWORD", List.of("1"), configured, null));
        }
        if (p.os == OsRelease.WIN11) {
            docs.add(value("HKLM", LSA, "LsaCfgFlags", "REG_DWORD", List.of("1"), configured, null));
        }
        docs.add(value(
                "HKLM",
                LSA,
                "LmCompatibilityLevel",
                "REG_DWORD",
                List.of(Seeds.chance(Seeds.of(lsa, 2), 0.7) ? "5" : "3"),
                configured,
                null));
        docs.add(value("HKLM", LSA, "NoLmHash", "REG_DWORD", List.of("1"), configured, null));
        docs.add(value("HKLM", LSA, "LimitBlankPasswordUse", "REG_DWORD", List.of("1"), configured, null));
        docs.add(value("HKLM", LSA, "restrictanonymous", "REG_DWORD", List.of("0"), configured, null));
        docs.add(value("HKLM", LSA, "restrictanonymoussam", "REG_DWORD", List.of("1"), configured, null));
        docs.add(value("HKLM", LSA, "Authentication Packages", "REG_MULTI_SZ", List.of("msv1_0"), configured, null));
        docs.add(value("HKLM", LSA, "Notification Packages", "REG_MULTI_SZ", List.of("scecli"), configured, null));
        docs.add(value(
                "HKLM",
                LSA,
                "Security Packages",
                "REG_MULTI_SZ",
                List.of("kerberos", "msv1_0", "schannel", "wdigest", "tspkg", "pku2u"),
                configured,
                null));
        if (Seeds.chance(Seeds.of(lsa, 3), 0.6)) {
            docs.add(value("HKLM", WDIGEST, "UseLogonCredential", "REG_DWORD", List.of("0"), configured, null));
        }
        return docs;
    }

    private static ObjectNode value(
            String hive, String key, String name, String type, List<String> data, long written, String user) {
        ObjectNode doc = Json.doc();
        ObjectNode registry = doc.putObject("registry");
        registry.put("hive", hive);
        registry.put("key", key);
        registry.put("value", name);
        registry.put("path", hive + "\\" + key + "\\" + name);
        ObjectNode dataNode = registry.putObject("data");
        dataNode.put("type", type);
        Json.texts(dataNode, "strings", data);
        ObjectNode value = doc.putObject("registry_value");
        Json.date(value, "last_written", written);
        Json.text(value, "user", user);
        return doc;
    }
}
