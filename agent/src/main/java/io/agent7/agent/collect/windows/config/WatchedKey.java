package io.agent7.agent.collect.windows.config;

import java.util.List;
import java.util.Locale;

/**
 * A registry key whose values the agent reports.
 *
 * @param hive HKLM, or HKU for a key read in every loaded user hive
 * @param key  the key below the hive (for HKU, below each user's SID)
 */
public record WatchedKey(String hive, String key) {

    /**
     * The keys reported when the policy names none: where programs start from (what the
     * startup items show, as raw values) and the LSA settings that decide how credentials are
     * kept (RunAsPPL, LmCompatibilityLevel, WDigest's UseLogonCredential ...).
     */
    public static final List<WatchedKey> DEFAULTS = List.of(
            new WatchedKey("HKLM", "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run"),
            new WatchedKey("HKLM", "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnce"),
            new WatchedKey("HKLM", "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon"),
            new WatchedKey("HKLM", "SYSTEM\\CurrentControlSet\\Control\\Lsa"),
            new WatchedKey("HKLM", "SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\WDigest"),
            new WatchedKey("HKU", "Software\\Microsoft\\Windows\\CurrentVersion\\Run"),
            new WatchedKey("HKU", "Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce"));

    public WatchedKey {
        if (!hive.equals("HKLM") && !hive.equals("HKU")) {
            throw new IllegalArgumentException("registry hive " + hive + " of key " + key + ": use HKLM or HKU");
        }
        if (key.isBlank() || key.startsWith("\\")) {
            throw new IllegalArgumentException(
                    "registry key '" + key + "': write the path below the hive, without a leading backslash");
        }
    }

    /**
     * Whether the key has a 32-bit view of its own: only HKLM\SOFTWARE is redirected to
     * WOW6432Node (HKU\...\Software is shared between the views since Windows 7).
     */
    public boolean redirected() {
        return hive.equals("HKLM") && key.toUpperCase(Locale.ROOT).startsWith("SOFTWARE\\");
    }

    /** The key as the 32-bit view reaches it: SOFTWARE\WOW6432Node\... */
    public String wow64Key() {
        return "SOFTWARE\\WOW6432Node" + key.substring("SOFTWARE".length());
    }
}
