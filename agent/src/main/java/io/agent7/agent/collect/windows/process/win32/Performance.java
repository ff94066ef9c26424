package io.agent7.agent.collect.windows.process.win32;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.win32.StdCallLibrary;

/**
 * GetPerformanceInfo (psapi.h) and its structure, declared here because jna-platform's
 * PERFORMANCE_INFORMATION loads psapi.dll as soon as it is created.
 */
public interface Performance extends StdCallLibrary {

    /** BOOL GetPerformanceInfo(PPERFORMANCE_INFORMATION, DWORD cb). */
    boolean GetPerformanceInfo(PERFORMANCE_INFORMATION info, int size);

    final class Holder {
        static final Performance INSTANCE = Native.load("psapi", Performance.class);

        private Holder() {}
    }

    /**
     * DWORD cb; SIZE_T CommitTotal, CommitLimit, CommitPeak, PhysicalTotal, PhysicalAvailable,
     * SystemCache, KernelTotal, KernelPaged, KernelNonpaged, PageSize; DWORD HandleCount,
     * ProcessCount, ThreadCount. SIZE_T is pointer-sized: 8 bytes on x64.
     */
    @FieldOrder({
        "cb",
        "CommitTotal",
        "CommitLimit",
        "CommitPeak",
        "PhysicalTotal",
        "PhysicalAvailable",
        "SystemCache",
        "KernelTotal",
        "KernelPaged",
        "KernelNonpaged",
        "PageSize",
        "HandleCount",
        "ProcessCount",
        "ThreadCount"
    })
    class PERFORMANCE_INFORMATION extends Structure {
        public int cb;
        public Pointer CommitTotal;
        public Pointer CommitLimit;
        public Pointer CommitPeak;
        public Pointer PhysicalTotal;
        public Pointer PhysicalAvailable;
        public Pointer SystemCache;
        public Pointer KernelTotal;
        public Pointer KernelPaged;
        public Pointer KernelNonpaged;
        public Pointer PageSize;
        public int HandleCount;
        public int ProcessCount;
        public int ThreadCount;

        public PERFORMANCE_INFORMATION() {
            cb = size();
        }

        /** A SIZE_T field's value (declared as a pointer for its platform width). */
        static long sizeT(Pointer value) {
            return Pointer.nativeValue(value);
        }
    }
}
