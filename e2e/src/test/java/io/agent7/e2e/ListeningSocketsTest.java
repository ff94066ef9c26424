package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListeningSocketsTest {

    @ParameterizedTest
    @CsvSource({
        "0100007F, 127.0.0.1",
        "00000000, *",
        "0200000A, 10.0.0.2",
        "00000000000000000000000000000000, *",
        "0000000000000000FFFF00000100007F, 127.0.0.1",
        "00000000000000000000000001000000, ::1"
    })
    void readsTheKernelsLittleEndianAddresses(String hex, String address) {
        assertThat(ListeningSockets.address(hex)).isEqualTo(address);
    }
}
