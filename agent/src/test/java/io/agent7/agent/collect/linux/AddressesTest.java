package io.agent7.agent.collect.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.schema.Values;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {

    @ParameterizedTest
    @CsvSource({
        "0100007F, 127.0.0.1",
        "0F00000A, 10.0.0.15",
        "00000000, 0.0.0.0",
        "00000000000000000000000000000000, ::",
        "00000000000000000000000001000000, ::1",
        "B80D0120000000000000000001000000, 2001:db8::1",
        "0000000000000000FFFF00000100007F, 127.0.0.1",
        "000080FE000000000000010001000000, fe80::1:0:0:1",
        "B80D0120000000000100000000000000, 2001:db8::1:0:0",
    })
    void procHexAddressesReadAsTheirCanonicalText(String hex, String expected) {
        String text = Addresses.format(Addresses.fromProcHex(hex, 0, hex.length()));
        assertThat(text).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "2001:db8:0:0:1:0:0:1",
        "2001:db8::1:0:0:1",
        "0:0:0:0:0:0:0:0",
        "fe80:0:0:0:0:0:0:abcd",
        "1:0:0:2:0:0:0:3",
        "2001:db8:0:1:1:1:1:1",
        "::ffff:10.1.2.3"
    })
    void ipv6TextAgreesWithTheServersCanonicalForm(String address) {
        byte[] bytes = FixtureRoot.ipv6(address);
        assertThat(Addresses.format(bytes)).isEqualTo(Values.canonicalIp(address));
    }

    @ParameterizedTest
    @CsvSource({"0100007", "zz00007F", "0000000000000000FFFF00000100007"})
    void malformedHexIsNoAddress(String hex) {
        assertThat(Addresses.fromProcHex(hex, 0, hex.length())).isNull();
    }
}
