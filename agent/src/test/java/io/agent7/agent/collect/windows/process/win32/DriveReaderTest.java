package io.agent7.agent.collect.windows.process.win32;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DriveReaderTest {

    @Test
    void theDriveStringsBufferSplitsAtEachNulAndEndsAtTheDoubleNul() {
        char[] buffer = "C:\\\0D:\\\0Z:\\\0\0garbage".toCharArray();
        assertThat(DriveReader.split(buffer, 12)).containsExactly("C:\\", "D:\\", "Z:\\");
    }

    @Test
    void anEmptyBufferHasNoDrives() {
        assertThat(DriveReader.split(new char[] {0, 0}, 0)).isEmpty();
    }
}
