package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.function.Consumer;

/**
 * The enumeration protocol the LAN Manager functions share: each call fills a buffer the API
 * allocates with {@code entriesread} structures and answers ERROR_MORE_DATA while entries
 * remain, to be called again with the same resume handle; every buffer is freed with
 * NetApiBufferFree, whatever the status, once its entries are read.
 */
final class NetBuffers {

    /** One call of an enumeration function, with its out-parameters. */
    interface Call {
        int invoke(PointerByReference buffer, IntByReference entriesRead);
    }

    private NetBuffers() {}

    /** Calls until the function no longer answers ERROR_MORE_DATA, handing each entry's address over. */
    static void enumerate(String function, Call call, int entrySize, Consumer<Pointer> entry) {
        int status;
        do {
            PointerByReference buffer = new PointerByReference();
            IntByReference entriesRead = new IntByReference();
            status = call.invoke(buffer, entriesRead);
            Pointer memory = buffer.getValue();
            try {
                if (status != NetApi.NERR_SUCCESS && status != NetApi.ERROR_MORE_DATA) {
                    throw new NetApiException(function, status);
                }
                for (int i = 0; i < entriesRead.getValue() && memory != null; i++) {
                    entry.accept(memory.share((long) i * entrySize));
                }
            } finally {
                if (memory != null) {
                    NetApi.Holder.INSTANCE.NetApiBufferFree(memory);
                }
            }
        } while (status == NetApi.ERROR_MORE_DATA);
    }

    /** A NET_API_STATUS other than success, naming the function that returned it. */
    static final class NetApiException extends RuntimeException {
        private final int status;

        NetApiException(String function, int status) {
            super(function + " failed: " + new Win32Exception(status).getMessage() + " (" + status + ")");
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
