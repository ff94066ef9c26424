package io.agent7.agent.collect.windows.update;

/**
 * One entry of the Windows Update history, as IUpdateHistoryEntry gives it.
 *
 * @param operation           UpdateOperation: 1 installation, 2 uninstallation
 * @param resultCode          OperationResultCode: 0 not started, 1 in progress, 2 succeeded, 3
 *                            succeeded with errors, 4 failed, 5 aborted
 * @param date                Date, an OLE Automation DATE (days since 1899-12-30) in UTC
 * @param title               Title, e.g. "2024-01 Cumulative Update for Windows 11 Version 23H2
 *                            for x64-based Systems (KB5034123)"
 * @param updateId            UpdateIdentity.UpdateID, a GUID
 * @param revisionNumber      UpdateIdentity.RevisionNumber
 * @param clientApplicationId ClientApplicationID: the program that ran it, e.g.
 *                            "AutomaticUpdates", "UpdateOrchestrator"
 * @param supportUrl          SupportUrl
 */
public record HistoryEntry(
        int operation,
        int resultCode,
        double date,
        String title,
        String updateId,
        int revisionNumber,
        String clientApplicationId,
        String supportUrl) {

    public static final int INSTALLATION = 1;
    public static final int SUCCEEDED = 2;
    public static final int SUCCEEDED_WITH_ERRORS = 3;

    /** A successful installation: the only entries that say an update is on the host. */
    public boolean installed() {
        return operation == INSTALLATION && (resultCode == SUCCEEDED || resultCode == SUCCEEDED_WITH_ERRORS);
    }
}
