package io.agent7.agent.collect.windows.config.win32;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import io.agent7.agent.collect.windows.WindowsCommandLine;
import io.agent7.agent.collect.windows.config.ShellLink;
import io.agent7.agent.collect.windows.config.StartupValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What starts at boot or logon: Run and RunOnce of HKLM (both registry views) and of every
 * loaded user hive, Winlogon's Userinit and Shell, Active Setup StubPaths (both views), and
 * the files of the all-users and each profile's Startup folder. Services set to start
 * automatically are services, not startup items, and are not read here.
 */
public final class StartupReader {

    private static final String CURRENT_VERSION = "Microsoft\\Windows\\CurrentVersion\\";
    private static final String APPROVED = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\";
    private static final String WINLOGON = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon";
    private static final String ACTIVE_SETUP = "Microsoft\\Active Setup\\Installed Components";
    private static final String PROFILES = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList";
    private static final String STARTUP = "\\Microsoft\\Windows\\Start Menu\\Programs\\";

    private final Map<String, String> environment;

    public StartupReader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public List<StartupValue> read() {
        List<StartupValue> values = new ArrayList<>();
        Account machine = new Account(null, null, null);
        for (boolean wow : new boolean[] {false, true}) {
            int view = wow ? WinNT.KEY_WOW64_32KEY : WinNT.KEY_WOW64_64KEY;
            String software = wow ? "SOFTWARE\\WOW6432Node\\" : "SOFTWARE\\";
            Map<String, Object> approved =
                    values(WinReg.HKEY_LOCAL_MACHINE, APPROVED + (wow ? "Run32" : "Run"), WinNT.KEY_WOW64_64KEY);
            runKey(
                    values,
                    WinReg.HKEY_LOCAL_MACHINE,
                    "SOFTWARE\\" + CURRENT_VERSION + "Run",
                    view,
                    "HKLM\\" + software + CURRENT_VERSION + "Run",
                    "registry_run",
                    approved,
                    machine);
            runKey(
                    values,
                    WinReg.HKEY_LOCAL_MACHINE,
                    "SOFTWARE\\" + CURRENT_VERSION + "RunOnce",
                    view,
                    "HKLM\\" + software + CURRENT_VERSION + "RunOnce",
                    "registry_runonce",
                    Map.of(),
                    machine);
            activeSetup(values, view, "HKLM\\" + software + ACTIVE_SETUP);
        }
        winlogon(
                values,
                WinReg.HKEY_LOCAL_MACHINE,
                WINLOGON,
                "HKLM\\" + WINLOGON,
                List.of("Userinit", "Shell"),
                machine);
        for (String sid : Advapi32Util.registryGetKeys(WinReg.HKEY_USERS)) {
            if (!sid.startsWith("S-1-") || sid.endsWith("_Classes")) {
                continue;
            }
            Account user = account(sid);
            Map<String, Object> approved = values(
                    WinReg.HKEY_USERS,
                    sid + "\\" + APPROVED.replace("SOFTWARE", "Software") + "Run",
                    WinNT.KEY_WOW64_64KEY);
            runKey(
                    values,
                    WinReg.HKEY_USERS,
                    sid + "\\Software\\" + CURRENT_VERSION + "Run",
                    WinNT.KEY_WOW64_64KEY,
                    "HKCU\\Software\\" + CURRENT_VERSION + "Run",
                    "registry_run",
                    approved,
                    user);
            runKey(
                    values,
                    WinReg.HKEY_USERS,
                    sid + "\\Software\\" + CURRENT_VERSION + "RunOnce",
                    WinNT.KEY_WOW64_64KEY,
                    "HKCU\\Software\\" + CURRENT_VERSION + "RunOnce",
                    "registry_runonce",
                    Map.of(),
                    user);
            winlogon(
                    values,
                    WinReg.HKEY_USERS,
                    sid + "\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon",
                    "HKCU\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon",
                    List.of("Shell"),
                    user);
        }
        startupFolders(values);
        return values;
    }

    private record Account(String sid, String name, String domain) {}

    private static Account account(String sid) {
        try {
            Advapi32Util.Account found = Advapi32Util.getAccountBySid(sid);
            return new Account(sid, found.name, found.domain);
        } catch (Win32Exception e) {
            if (e.getErrorCode() == WinError.ERROR_NONE_MAPPED) {
                return new Account(sid, null, null);
            }
            throw e;
        }
    }

    /** The key's values by name (case-insensitively, as the registry names them); empty when the key is absent. */
    private static Map<String, Object> values(WinReg.HKEY root, String key, int view) {
        Map<String, Object> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (Advapi32Util.registryKeyExists(root, key, view)) {
            values.putAll(Advapi32Util.registryGetValues(root, key, view));
        }
        return values;
    }

    private static void runKey(
            List<StartupValue> out,
            WinReg.HKEY root,
            String key,
            int view,
            String location,
            String source,
            Map<String, Object> approved,
            Account user) {
        for (Map.Entry<String, Object> value : values(root, key, view).entrySet()) {
            if (!value.getKey().isEmpty() && value.getValue() instanceof String data) {
                out.add(new StartupValue(
                        location,
                        value.getKey(),
                        source,
                        data,
                        null,
                        firstByte(approved.get(value.getKey())),
                        null,
                        user.sid(),
                        user.name(),
                        user.domain()));
            }
        }
    }

    private static void winlogon(
            List<StartupValue> out, WinReg.HKEY root, String key, String location, List<String> names, Account user) {
        Map<String, Object> values = values(root, key, WinNT.KEY_WOW64_64KEY);
        for (String name : names) {
            if (values.get(name) instanceof String data) {
                out.add(new StartupValue(
                        location, name, "winlogon", data, null, null, null, user.sid(), user.name(), user.domain()));
            }
        }
    }

    private static void activeSetup(List<StartupValue> out, int view, String location) {
        String key = "SOFTWARE\\" + ACTIVE_SETUP;
        if (!Advapi32Util.registryKeyExists(WinReg.HKEY_LOCAL_MACHINE, key, view)) {
            return;
        }
        for (String component : Advapi32Util.registryGetKeys(WinReg.HKEY_LOCAL_MACHINE, key, view)) {
            Map<String, Object> values = values(WinReg.HKEY_LOCAL_MACHINE, key + "\\" + component, view);
            if (values.get("StubPath") instanceof String stub && !stub.isBlank()) {
                String name = values.get("") instanceof String display && !display.isBlank() ? display : component;
                Integer installed = values.get("IsInstalled") instanceof Integer i ? i : null;
                out.add(new StartupValue(
                        location + "\\" + component,
                        name,
                        "active_setup",
                        stub,
                        null,
                        null,
                        installed,
                        null,
                        null,
                        null));
            }
        }
    }

    private void startupFolders(List<StartupValue> out) {
        String programData = environment.getOrDefault("ProgramData", "C:\\ProgramData");
        Map<String, Object> approved =
                values(WinReg.HKEY_LOCAL_MACHINE, APPROVED + "StartupFolder", WinNT.KEY_WOW64_64KEY);
        folder(out, programData + STARTUP + "StartUp", approved, new Account(null, null, null));
        for (String sid : Advapi32Util.registryGetKeys(WinReg.HKEY_LOCAL_MACHINE, PROFILES, WinNT.KEY_WOW64_64KEY)) {
            Map<String, Object> profile =
                    values(WinReg.HKEY_LOCAL_MACHINE, PROFILES + "\\" + sid, WinNT.KEY_WOW64_64KEY);
            if (!(profile.get("ProfileImagePath") instanceof String home) || !sid.startsWith("S-1-5-21-")) {
                continue;
            }
            Map<String, Object> userApproved = values(
                    WinReg.HKEY_USERS,
                    sid + "\\" + APPROVED.replace("SOFTWARE", "Software") + "StartupFolder",
                    WinNT.KEY_WOW64_64KEY);
            String expanded = WindowsCommandLine.expand(home, environment);
            folder(out, expanded + "\\AppData\\Roaming" + STARTUP + "Startup", userApproved, account(sid));
        }
    }

    private static void folder(List<StartupValue> out, String folder, Map<String, Object> approved, Account user) {
        Charset ansi = Charset.forName(System.getProperty("sun.jnu.encoding", "windows-1252"));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(folder))) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!Files.isRegularFile(file) || name.equalsIgnoreCase("desktop.ini")) {
                    continue;
                }
                ShellLink link = null;
                String data = file.toString();
                if (name.toLowerCase(Locale.ROOT).endsWith(".lnk")) {
                    data = null;
                    try {
                        link = ShellLink.parse(Files.readAllBytes(file), ansi);
                    } catch (IllegalArgumentException e) {
                        // A damaged shortcut starts nothing; it is still listed, without a command.
                        link = null;
                    }
                }
                out.add(new StartupValue(
                        folder,
                        name,
                        "startup_folder",
                        data,
                        link,
                        firstByte(approved.get(name)),
                        null,
                        user.sid(),
                        user.name(),
                        user.domain()));
            }
        } catch (NoSuchFileException e) {
            // A profile that never logged on has no Startup folder yet.
        } catch (IOException e) {
            throw new UncheckedIOException("reading the Startup folder " + folder, e);
        }
    }

    private static Integer firstByte(Object approved) {
        return approved instanceof byte[] bytes && bytes.length > 0 ? Byte.toUnsignedInt(bytes[0]) : null;
    }
}
