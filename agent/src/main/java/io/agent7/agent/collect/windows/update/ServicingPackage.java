package io.agent7.agent.collect.windows.update;

/**
 * One package of the component-based servicing store, as its key under
 * HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\Packages holds it,
 * with the header of its manifest (%SystemRoot%\servicing\Packages\NAME.mum).
 *
 * @param name            the key's name, e.g. Package_for_KB5034441~31bf3856ad364e35~amd64~~10.0.1.2
 * @param currentState    CurrentState, a CBS install state: 0x70 installed, 0x80 permanent,
 *                        0x50 superseded, 0x40 staged, 0x05 uninstall pending, ...
 * @param installTimeLow  InstallTimeLow, the low DWORD of the install FILETIME
 * @param installTimeHigh InstallTimeHigh, its high DWORD
 * @param installUser     InstallUser, the SID of who installed it
 * @param installUserName that SID as LookupAccountSid names it (DOMAIN\name), or null when it
 *                        no longer resolves
 * @param manifest        the manifest's header, or null when the package has no readable manifest
 */
public record ServicingPackage(
        String name,
        int currentState,
        int installTimeLow,
        int installTimeHigh,
        String installUser,
        String installUserName,
        ServicingManifest manifest) {

    /** CbsInstallStateInstalled. */
    public static final int INSTALLED = 0x70;

    /** CbsInstallStatePermanent: installed and no longer removable. */
    public static final int PERMANENT = 0x80;

    public boolean installed() {
        return currentState == INSTALLED || currentState == PERMANENT;
    }
}
