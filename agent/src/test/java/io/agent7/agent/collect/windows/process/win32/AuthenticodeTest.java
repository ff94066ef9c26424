package io.agent7.agent.collect.windows.process.win32;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The parts of the Authenticode reader that need no Windows: what it hands WinVerifyTrust. */
class AuthenticodeTest {

    @Test
    void aCatalogFilesAHashUnderItsUpperCaseHex() {
        byte[] hash = {0x00, (byte) 0xAB, 0x0F, (byte) 0xF0, 0x7e};
        assertThat(Authenticode.memberTag(hash)).isEqualTo("00AB0FF07E");
    }

    @Test
    void aPathIsPassedAsNulTerminatedUtf16() {
        String path = "C:\\Program Files\\Ünïcødé 工具\\app.exe";
        Memory text = Authenticode.wide(path);
        assertThat(text.size()).isEqualTo((path.length() + 1) * 2L);
        byte[] bytes = text.getByteArray(0, (int) text.size());
        assertThat(new String(bytes, 0, bytes.length - 2, StandardCharsets.UTF_16LE))
                .isEqualTo(path);
        assertThat(bytes[bytes.length - 1]).isZero();
        assertThat(bytes[bytes.length - 2]).isZero();
    }

    @Test
    void aCatalogInfoNamesItsCatalogFileUpToTheNul() {
        CatalogAdmin.CATALOG_INFO info = new CatalogAdmin.CATALOG_INFO();
        String file = "C:\\Windows\\system32\\CatRoot\\{F750E6C3-38EE-11D1-85E5-00C04FC295EE}\\Package_1.cat";
        for (int i = 0; i < file.length(); i++) {
            info.wszCatalogFile[i] = (short) file.charAt(i);
        }
        assertThat(info.catalogFile()).isEqualTo(file);
    }
}
