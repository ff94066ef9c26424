package io.agent7.agent.collect.windows.update.win32;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.OaIdl;
import com.sun.jna.platform.win32.Variant;
import org.junit.jupiter.api.Test;

/**
 * The automation structures the history is read through, as JNA lays them out, against their
 * documented x64 layout (oaidl.h, natural alignment).
 */
class VariantLayoutTest {

    @Test
    void aVariantIsTwentyFourBytesOnX64() {
        // struct tagVARIANT { VARTYPE vt; WORD wReserved1, wReserved2, wReserved3; union { ...;
        //   struct { PVOID pvRecord; IRecordInfo *pRecInfo; } }; } -- 8 bytes of header and a
        // 16-byte union (two pointers, the BRECORD member): 24 bytes; 16 on x86.
        assertThat(Native.POINTER_SIZE).isEqualTo(8);
        assertThat(new Variant.VARIANT().size()).isEqualTo(24);
    }

    @Test
    void aDateIsOneDouble() {
        // typedef double DATE;
        assertThat(new OaIdl.DATE().size()).isEqualTo(8);
    }
}
