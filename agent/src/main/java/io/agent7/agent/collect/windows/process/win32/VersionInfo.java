package io.agent7.agent.collect.windows.process.win32;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.Version;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.agent7.agent.collect.windows.process.VersionResource;
import io.agent7.agent.collect.windows.process.VersionResources;

/**
 * A file's version resource through {@code GetFileVersionInfoSizeW}, {@code GetFileVersionInfoW}
 * and {@code VerQueryValueW}; which strings are taken, and how they are cleaned, is
 * {@link VersionResources}'. The values VerQueryValueW points to live inside the buffer
 * GetFileVersionInfoW filled, so they are copied out before it goes.
 */
public final class VersionInfo {

    private VersionInfo() {}

    /** The file's version strings, or null when it has no version resource (scripts, most malware). */
    public static VersionResource read(String path) {
        Version version = Version.INSTANCE;
        int size = version.GetFileVersionInfoSize(path, new IntByReference());
        if (size == 0) {
            return null; // ERROR_RESOURCE_TYPE_NOT_FOUND (1813), or ERROR_RESOURCE_DATA_NOT_FOUND for a file with no
            // resources
        }
        Memory data = new Memory(size);
        if (!version.GetFileVersionInfo(path, 0, size, data)) {
            return null;
        }
        return VersionResources.read(translation(version, data), subBlock -> text(version, data, subBlock));
    }

    /** The Translation value's bytes; VerQueryValueW gives its length in bytes. */
    private static byte[] translation(Version version, Memory data) {
        PointerByReference buffer = new PointerByReference();
        IntByReference length = new IntByReference();
        if (!version.VerQueryValue(data, "\\VarFileInfo\\Translation", buffer, length) || length.getValue() == 0) {
            return null;
        }
        return buffer.getValue().getByteArray(0, length.getValue());
    }

    /** A string value; VerQueryValueW gives its length in characters, the terminating NUL included. */
    private static String text(Version version, Memory data, String subBlock) {
        PointerByReference buffer = new PointerByReference();
        IntByReference length = new IntByReference();
        if (!version.VerQueryValue(data, subBlock, buffer, length) || length.getValue() == 0) {
            return null;
        }
        return new String(buffer.getValue().getCharArray(0, length.getValue()));
    }
}
