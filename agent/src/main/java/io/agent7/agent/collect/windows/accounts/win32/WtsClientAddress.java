package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code WTS_CLIENT_ADDRESS} of wtsapi32.h: DWORD AddressFamily, BYTE Address[20], 24 bytes.
 * Defined here rather than taken from jna-platform, whose nested class loads wtsapi32.dll with
 * its enclosing interface.
 */
@Structure.FieldOrder({"AddressFamily", "Address"})
public class WtsClientAddress extends Structure {
    public int AddressFamily;
    public byte[] Address = new byte[20];

    public WtsClientAddress() {}

    WtsClientAddress(Pointer memory) {
        super(memory);
        read();
    }
}
