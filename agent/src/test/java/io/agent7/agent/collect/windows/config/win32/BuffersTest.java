package io.agent7.agent.collect.windows.config.win32;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BuffersTest {

    private static Memory wide(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_16LE);
        Memory memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }

    @Test
    void readsADoubleNulListOfServicesAndGroups() {
        assertThat(Buffers.multiString(wide("RpcSs\0+TDI\0Tcpip\0\0"))).containsExactly("RpcSs", "+TDI", "Tcpip");
    }

    @Test
    void readsAnEmptyListAsNoDependencies() {
        assertThat(Buffers.multiString(wide("\0\0"))).isEmpty();
        assertThat(Buffers.multiString(null)).isEmpty();
    }

    @Test
    void readsNonAsciiNames() {
        assertThat(Buffers.multiString(wide("Dienst_Übung\0サービス\0\0"))).containsExactly("Dienst_Übung", "サービス");
    }
}
