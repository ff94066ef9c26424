package io.agent7.agent.collect.directory.sysvol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SysvolRightsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0x001F01FF | full_control
            0x001301BF | modify
            0x001200A9 | read_execute
            0x00120089 | read
            0x00100116 | write
            0x001201BF | read_execute write
            0x001F01BF | modify write_dac write_owner
            0x00120116 | write read_permissions
            0x00000006 | write_data append_data
            0x00010000 | delete
            0x000C0000 | write_dac write_owner
            0x00000040 | delete_child
            0x00000110 | write_ea write_attributes
            0x10000000 | generic_all
            0xE0000000 | generic_execute generic_write generic_read
            0x011F01FF | full_control access_system_security
            0x00000000 |
            """)
    void masksAreNamedCompositesFirst(String mask, String names) {
        List<String> expected = names == null ? List.of() : Arrays.asList(names.split(" "));
        assertThat(AccessRights.names(Long.decode(mask))).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            0x10000000, 0x001F01FF
            0x40000000, 0x00120116
            0x80000000, 0x00120089
            0x20000000, 0x001200A0
            0x40010000, 0x00130116
            0x001301BF, 0x001301BF
            """)
    void genericBitsMapToFileRights(String mask, String effective) {
        assertThat(AccessRights.effective(Long.decode(mask))).isEqualTo(Long.decode(effective));
    }
}
