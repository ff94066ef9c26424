package io.agent7.simulator.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulator writes socket rows as GetExtendedTcpTable fills them on x64. */
class WindowsSocketsTest {

    @ParameterizedTest
    @CsvSource({"135, 0x8700", "3389, 0x3D0D", "50000, 0x50C3", "65535, 0xFFFF"})
    void aPortIsInNetworkByteOrderInTheLowSixteenBits(int port, String dword) {
        assertThat(WindowsSockets.port(port)).isEqualTo(Integer.decode(dword));
    }

    @ParameterizedTest
    @CsvSource({"10, 0, 0, 15, 0x0F00000A", "127, 0, 0, 1, 0x0100007F", "52, 1, 2, 3, 0x03020134"})
    void anIpv4AddressHasItsFirstOctetInTheLowByte(int a, int b, int c, int d, String dword) {
        assertThat(WindowsSockets.ipv4(Org.ip(a, b, c, d))).isEqualTo(Integer.decode(dword));
    }
}
