package io.agent7.agent.collect.directory.sysvol;

import io.agent7.agent.collect.directory.DirectoryError;
import java.util.function.Consumer;

/** Where SYSVOL is read from: SMB from any OS ({@link SmbSysvol}), the UNC path on Windows ({@link UncSysvol}). */
public interface SysvolSource {

    /**
     * Visits the domain's SYSVOL folder and everything below it, parents before children.
     * Entries are streamed rather than returned so that a file's content can be read while
     * the source still holds its connection.
     *
     * @throws DirectoryError when the share cannot be reached or a listing or security
     *                        descriptor cannot be read
     */
    void walk(Consumer<SysvolEntry> visitor);
}
