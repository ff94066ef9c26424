package io.agent7.agent.collect.windows.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The server of a COM class as COM finds it for one account: the default value of the class's
 * {@code InprocServer32} or {@code LocalServer32} key, and the registration it came from.
 *
 * @param kind         which server key named it; null when the class key has neither
 * @param written      that key's default value as stored (REG_SZ or REG_EXPAND_SZ, unexpanded),
 *                     or null
 * @param registeredIn the registration whose class key COM reads
 */
public record ComServer(Kind kind, String written, Registration registeredIn) {

    public enum Kind {
        /** A DLL the handler's host (taskhostw.exe) loads: a path, not a command line. */
        INPROC_SERVER32("InprocServer32"),
        /** A program COM starts: a command line. */
        LOCAL_SERVER32("LocalServer32");

        private final String key;

        Kind(String key) {
            this.key = key;
        }
    }

    public enum Registration {
        /** {@code HKLM\SOFTWARE\Classes\CLSID}. */
        MACHINE,
        /** The account's own {@code Software\Classes\CLSID} ({@code HKU\<SID>_Classes}), loaded with its profile. */
        USER;

        /** How a document names it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the registry holds, as the reader reads it; keys are relative to a registration's {@code Classes}. */
    public interface Classes {
        /** Whether the key exists; false too when the registration's hive is not loaded. */
        boolean exists(Registration registration, String key);

        /** The key's default value when it is a string; null when the key or the value is absent. */
        String defaultValue(Registration registration, String key);
    }

    private static final String HEX_GUID =
            "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}";

    /** A CLSID as IComHandlerAction.ClassId may hold it: a GUID, in braces or not. */
    private static final Pattern GUID = Pattern.compile("\\{" + HEX_GUID + "}|" + HEX_GUID);

    /**
     * The server COM would start for {@code classId}, or empty when no registration has the class.
     *
     * <p>HKEY_CLASSES_ROOT merges the account's own Classes over the machine's, and CLSID is
     * one of the keys merged by immediate subkey: when the account has a {@code CLSID\{x}} key,
     * COM sees that key's contents only, none of the machine's (Microsoft's "Merged View of
     * HKEY_CLASSES_ROOT"). That shadowing is the COM hijacking of MITRE T1546.015. A per-user
     * class key without a server still hides the machine's: the handler then fails to start, and
     * the result names the user registration with no server. InprocServer32 comes before
     * LocalServer32, as a handler is created in-process when it can be. (COM also ignores
     * per-user classes in a process run as an administrator with UAC disabled; not modelled.)
     *
     * <p>Anything but a GUID is not looked up: ClassId is written by whoever registered the task,
     * and a backslash in it would lead the lookup to another key.
     */
    public static Optional<ComServer> resolve(String classId, Classes classes) {
        if (classId == null || !GUID.matcher(classId.strip()).matches()) {
            return Optional.empty();
        }
        String key = "CLSID\\{" + classId.strip().replace("{", "").replace("}", "") + "}";
        for (Registration registration : new Registration[] {Registration.USER, Registration.MACHINE}) {
            if (classes.exists(registration, key)) {
                for (Kind kind : Kind.values()) {
                    String value = classes.defaultValue(registration, key + "\\" + kind.key);
                    if (value != null && !value.isBlank()) {
                        return Optional.of(new ComServer(kind, value, registration));
                    }
                }
                return Optional.of(new ComServer(null, null, registration));
            }
        }
        return Optional.empty();
    }
}
