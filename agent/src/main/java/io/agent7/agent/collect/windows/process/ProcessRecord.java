package io.agent7.agent.collect.windows.process;

/**
 * One process: its snapshot entry and what opening it told. A process that could not be
 * opened (System, protected processes, another user's without the privilege) has only its
 * entry, and the Win32 error that refused it.
 *
 * @param imagePath     {@code QueryFullProcessImageName} in Win32 form, e.g. C:\Windows\System32\svchost.exe
 * @param commandLine   from {@code ProcessCommandLineInformation} or the PEB, as the process received it
 * @param user          the token's account, or null when the token could not be opened
 * @param integritySid  the token's mandatory label SID, e.g. S-1-16-12288, or null
 * @param creationTime  {@code GetProcessTimes}' creation FILETIME in 100-ns ticks since 1601, 0 when unknown
 * @param accessError   the Win32 error of {@code OpenProcess} (5 access denied), 0 when it opened
 */
public record ProcessRecord(
        ProcessEntry entry,
        String imagePath,
        String commandLine,
        TokenUser user,
        String integritySid,
        long creationTime,
        int accessError) {

    /** A process that could not be opened, known only from the snapshot. */
    public static ProcessRecord unopened(ProcessEntry entry, int accessError) {
        return new ProcessRecord(entry, null, null, null, null, 0, accessError);
    }
}
