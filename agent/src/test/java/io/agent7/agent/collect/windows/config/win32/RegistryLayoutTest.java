package io.agent7.agent.collect.windows.config.win32;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.platform.win32.WinBase;
import org.junit.jupiter.api.Test;

/** The structure RegistryReader relies on from jna-platform, against minwinbase.h on x64. */
class RegistryLayoutTest {

    static final class FileTime extends WinBase.FILETIME {
        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    @Test
    void fileTimeIsTwoDwords() {
        // typedef struct _FILETIME { DWORD dwLowDateTime; DWORD dwHighDateTime; }: 8 bytes.
        FileTime time = new FileTime();

        assertThat(time.size()).isEqualTo(8);
        assertThat(time.offsetOf("dwLowDateTime")).isZero();
        assertThat(time.offsetOf("dwHighDateTime")).isEqualTo(4);
    }
}
