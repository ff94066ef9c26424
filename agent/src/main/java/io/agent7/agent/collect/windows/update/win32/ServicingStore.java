package io.agent7.agent.collect.windows.update.win32;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.W32Errors;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import io.agent7.agent.collect.windows.software.win32.RegistryValues;
import io.agent7.agent.collect.windows.update.ServicingManifest;
import io.agent7.agent.collect.windows.update.ServicingPackage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the installed packages of the component-based servicing store, where Windows keeps
 * the hotfixes Win32_QuickFixEngineering lists (it reads the same store). The registry is
 * read rather than WMI or the Windows Update Agent's search: it answers in milliseconds,
 * needs no service running, and lists updates installed offline (DISM, .msu) that the
 * Windows Update Agent never saw.
 *
 * <p>Only "Package_..." keys (updates; the Microsoft-Windows-...-Package keys are the OS's
 * features and foundation) in an installed state have their manifest read: a store holds
 * thousands of packages, superseded ones included, and a cumulative update's manifest is
 * large.
 */
public final class ServicingStore {

    static final String PACKAGES = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\Packages";

    private ServicingStore() {}

    public static List<ServicingPackage> read() {
        Path manifests = Path.of(windowsDirectory(), "servicing", "Packages");
        Map<String, String> accounts = new HashMap<>();
        List<ServicingPackage> packages = new ArrayList<>();
        int view = WinNT.KEY_READ | WinNT.KEY_WOW64_64KEY;
        WinReg.HKEY store = Advapi32Util.registryGetKey(WinReg.HKEY_LOCAL_MACHINE, PACKAGES, view)
                .getValue();
        try {
            for (String name : Advapi32Util.registryGetKeys(store)) {
                if (!name.startsWith("Package_")) {
                    continue;
                }
                Map<String, Object> values = values(store, name, view);
                int state = dword(values.get("CurrentState"));
                if (values.isEmpty() || (state != ServicingPackage.INSTALLED && state != ServicingPackage.PERMANENT)) {
                    continue;
                }
                String user = values.get("InstallUser") instanceof String sid ? sid : null;
                packages.add(new ServicingPackage(
                        name,
                        state,
                        dword(values.get("InstallTimeLow")),
                        dword(values.get("InstallTimeHigh")),
                        user,
                        user == null ? null : accounts.computeIfAbsent(user, ServicingStore::account),
                        manifest(manifests.resolve(name + ".mum"))));
            }
        } finally {
            Advapi32Util.registryCloseKey(store);
        }
        return packages;
    }

    /** The key's values, or none when the package was removed while the store was read. */
    private static Map<String, Object> values(WinReg.HKEY store, String name, int view) {
        WinReg.HKEY key;
        try {
            key = Advapi32Util.registryGetKey(store, name, view).getValue();
        } catch (Win32Exception e) {
            if (e.getHR().equals(W32Errors.HRESULT_FROM_WIN32(WinError.ERROR_FILE_NOT_FOUND))) {
                return Map.of();
            }
            throw e;
        }
        try {
            return RegistryValues.read(
                    key, List.of("CurrentState", "InstallTimeLow", "InstallTimeHigh", "InstallUser"));
        } finally {
            Advapi32Util.registryCloseKey(key);
        }
    }

    /** The manifest's header, or null when the package has no manifest file. */
    private static ServicingManifest manifest(Path mum) {
        try (InputStream in = Files.newInputStream(mum)) {
            return ServicingManifest.parse(in);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the servicing manifest " + mum, e);
        }
    }

    /** DOMAIN\name of a SID, or null when it no longer resolves (the account was deleted). */
    private static String account(String sid) {
        try {
            return Advapi32Util.getAccountBySid(sid).fqn;
        } catch (Win32Exception e) {
            if (e.getErrorCode() == WinError.ERROR_NONE_MAPPED) {
                return null;
            }
            throw e;
        }
    }

    private static int dword(Object value) {
        Integer dword = RegistryValues.dword(value);
        return dword == null ? 0 : dword;
    }

    private static String windowsDirectory() {
        String root = System.getenv("SystemRoot");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("SystemRoot is not set: the servicing manifests cannot be found");
        }
        return root;
    }
}
