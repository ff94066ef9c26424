package io.agent7.agent.collect.windows.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WatchedKeyTest {

    @Test
    void readsOnlyHklmSoftwareInTheThirtyTwoBitViewToo() {
        WatchedKey run = new WatchedKey("HKLM", "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run");

        assertThat(run.redirected()).isTrue();
        assertThat(run.wow64Key()).isEqualTo("SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Run");
        assertThat(new WatchedKey("HKLM", "SYSTEM\\CurrentControlSet\\Control\\Lsa").redirected())
                .isFalse();
        assertThat(new WatchedKey("HKU", "Software\\Microsoft\\Windows\\CurrentVersion\\Run").redirected())
                .isFalse();
    }

    @Test
    void refusesKeysItCannotReadNamingWhatWouldBeRight() {
        assertThatThrownBy(() -> new WatchedKey("HKCU", "Software\\X"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use HKLM or HKU");
        assertThatThrownBy(() -> new WatchedKey("HKLM", "\\SOFTWARE\\X"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a leading backslash");
    }
}
