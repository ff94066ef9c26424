package io.agent7.agent.collect.windows.software;

/**
 * One subkey of an Uninstall key, with its values as the registry holds them: strings as
 * written (REG_EXPAND_SZ unexpanded), DWORDs as int, a value the key lacks as null.
 *
 * @param view             the registry view the key was read through: {@link #VIEW_64} or
 *                         {@link #VIEW_32} (KEY_WOW64_64KEY, KEY_WOW64_32KEY)
 * @param userSid          the SID of the user hive (HKEY_USERS\SID) the key is in; null for
 *                         HKEY_LOCAL_MACHINE
 * @param keyName          the subkey's name: a product code GUID for Windows Installer
 *                         products, any name for others
 * @param installDate      InstallDate, documented as yyyyMMdd but written freely by installers
 * @param estimatedSize    EstimatedSize in KiB, an unsigned DWORD
 * @param systemComponent  SystemComponent: 1 hides the entry from Programs and Features
 * @param parentKeyName    ParentKeyName: set on updates listed under the product they patch
 * @param windowsInstaller WindowsInstaller: 1 when Windows Installer owns the entry
 */
public record UninstallEntry(
        int view,
        String userSid,
        String keyName,
        String displayName,
        String displayVersion,
        String publisher,
        String installDate,
        String installLocation,
        String uninstallString,
        Integer estimatedSize,
        Integer systemComponent,
        String parentKeyName,
        Integer windowsInstaller,
        String helpLink) {

    /** KEY_WOW64_64KEY: the 64-bit view, where 64-bit programs register. */
    public static final int VIEW_64 = 0x0100;

    /** KEY_WOW64_32KEY: the 32-bit view (WOW6432Node), where 32-bit programs register. */
    public static final int VIEW_32 = 0x0200;

    public UninstallEntry {
        if (view != VIEW_64 && view != VIEW_32) {
            throw new IllegalArgumentException("view must be KEY_WOW64_64KEY (0x100) or KEY_WOW64_32KEY (0x200), not 0x"
                    + Integer.toHexString(view));
        }
    }
}
