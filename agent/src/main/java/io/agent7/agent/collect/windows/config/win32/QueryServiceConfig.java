package io.agent7.agent.collect.windows.config.win32;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * QUERY_SERVICE_CONFIGW (winsvc.h), which jna-platform does not define. The strings are kept as
 * pointers because lpDependencies is a double-NUL list that a String field would cut at its
 * first NUL; they point into the same buffer QueryServiceConfigW filled.
 */
@FieldOrder({
    "dwServiceType",
    "dwStartType",
    "dwErrorControl",
    "lpBinaryPathName",
    "lpLoadOrderGroup",
    "dwTagId",
    "lpDependencies",
    "lpServiceStartName",
    "lpDisplayName"
})
public final class QueryServiceConfig extends Structure {

    public int dwServiceType;
    public int dwStartType;
    public int dwErrorControl;
    public Pointer lpBinaryPathName;
    public Pointer lpLoadOrderGroup;
    public int dwTagId;
    public Pointer lpDependencies;
    public Pointer lpServiceStartName;
    public Pointer lpDisplayName;

    public QueryServiceConfig(Pointer memory) {
        super(memory);
        read();
    }

    /** The offset of a field in the native layout, for the layout test. */
    public int offsetOf(String field) {
        return fieldOffset(field);
    }
}
