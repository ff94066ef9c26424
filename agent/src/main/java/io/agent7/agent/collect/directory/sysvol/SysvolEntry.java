package io.agent7.agent.collect.directory.sysvol;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A file or folder in a domain's SYSVOL, as any source reads it.
 *
 * @param relativePath the path below {@code \\<domain>\SYSVOL\<domain>}, with backslashes,
 *                     e.g. {@code Policies\{31B2F340-016D-11D2-945F-00C04FB984F9}\GPT.INI};
 *                     empty for that folder itself
 * @param directory    whether it is a folder
 * @param size         bytes of content (0 for a folder)
 * @param created      creation time; null when the source does not know it
 * @param modified     last write time; null when the source does not know it
 * @param ownerSid     the owner's SID; null when the security descriptor has none
 * @param aces         the DACL in order ({@link Ace#NULL_DACL} for a null DACL)
 * @param content      opens the content of a file; only valid while the source's walk is
 *                     visiting this entry, and null for a folder
 */
public record SysvolEntry(
        String relativePath,
        boolean directory,
        long size,
        Instant created,
        Instant modified,
        String ownerSid,
        List<Ace> aces,
        Content content) {

    /** Opens a file's content as a stream the caller closes. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    public SysvolEntry {
        Objects.requireNonNull(relativePath, "relativePath");
        aces = List.copyOf(aces);
        if (!directory) {
            Objects.requireNonNull(content, "content of a file");
        }
    }
}
