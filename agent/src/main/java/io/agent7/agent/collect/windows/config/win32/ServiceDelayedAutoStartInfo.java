package io.agent7.agent.collect.windows.config.win32;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/** SERVICE_DELAYED_AUTO_START_INFO (winsvc.h): one BOOL, which jna-platform does not define. */
@FieldOrder({"fDelayedAutostart"})
public final class ServiceDelayedAutoStartInfo extends Structure {

    public int fDelayedAutostart;

    public ServiceDelayedAutoStartInfo(Pointer memory) {
        super(memory);
        read();
    }

    public int offsetOf(String field) {
        return fieldOffset(field);
    }
}
