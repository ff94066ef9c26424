package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code LSA_UNICODE_STRING} (ntsecapi.h), held by value inside other structures: USHORT Length
 * and MaximumLength in bytes, then PWSTR Buffer, 16 bytes on x64. The buffer need not end with
 * a NUL, so it is read by its length.
 */
@Structure.FieldOrder({"Length", "MaximumLength", "Buffer"})
public class LsaUnicodeString extends Structure {
    public short Length;
    public short MaximumLength;
    public Pointer Buffer;

    public LsaUnicodeString() {}

    /** The string, or null when the buffer is null. */
    String text() {
        if (Buffer == null) {
            return null;
        }
        int chars = Short.toUnsignedInt(Length) / 2;
        return new String(Buffer.getCharArray(0, chars));
    }

    public static class ByValue extends LsaUnicodeString implements Structure.ByValue {}
}
