package io.agent7.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TestDirectoryTest {

    @Test
    void writesTimesAsWindowsFileTimesCountedFrom1601() {
        // The Unix epoch as AD stores it, and a time with a sub-second part that is not a whole 100 ns.
        assertThat(TestDirectory.fileTime(Instant.EPOCH)).isEqualTo(116_444_736_000_000_000L);
        assertThat(TestDirectory.fileTime(Instant.parse("2024-02-29T12:34:56.789012345Z")))
                .isEqualTo(133_536_836_967_890_123L);
    }
}
