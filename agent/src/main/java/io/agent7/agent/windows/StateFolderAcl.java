package io.agent7.agent.windows;

/**
 * The access control of the agent's state folder (credentials, spool, sync state): SYSTEM,
 * which the service runs as, and the Administrators group, both with full control of the
 * folder and of everything created in it, and no one else. The DACL is protected, so that
 * nothing inherited from %ProgramData% (where Users may read and create) reaches it; the
 * owner is Administrators, not the administrator who ran {@code install}.
 */
final class StateFolderAcl {

    /**
     * O:BA owner Administrators; D:P protected DACL, AI auto-inherited (children take it); each
     * ACE A (allow) OICI (files and subfolders inherit it) FA (FILE_ALL_ACCESS) to SY (SYSTEM)
     * and BA (BUILTIN\Administrators).
     */
    static final String SDDL = "O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)";

    private StateFolderAcl() {}
}
