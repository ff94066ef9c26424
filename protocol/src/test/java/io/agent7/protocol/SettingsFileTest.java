package io.agent7.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {

    @Test
    void valuesAreTakenAsWrittenBackslashesIncluded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("directory.properties");
        Files.writeString(
                file,
                "\uFEFF# a comment\n"
                        + "! another\n"
                        + "\n"
                        + "user = CORP\\svc-agent7\n"
                        + "ca_file=C:\\certs\\new\\ca.pem\n"
                        + "run.journal.args=-u [a-z]+ -n \\d{1,4}\n"
                        + "password=  ends in a space \n"
                        + "empty=\n"
                        + "url=ldap://dc1:389/?a=b\n",
                StandardCharsets.UTF_8);
        Properties p = SettingsFile.read(file);
        assertThat(p.getProperty("user")).isEqualTo("CORP\\svc-agent7");
        assertThat(p.getProperty("ca_file")).isEqualTo("C:\\certs\\new\\ca.pem");
        assertThat(p.getProperty("run.journal.args")).isEqualTo("-u [a-z]+ -n \\d{1,4}");
        assertThat(p.getProperty("password")).isEqualTo("ends in a space ");
        assertThat(p.getProperty("empty")).isEmpty();
        assertThat(p.getProperty("url")).isEqualTo("ldap://dc1:389/?a=b");
        assertThat(p.stringPropertyNames()).hasSize(6);
    }

    @Test
    void aLineThatIsNoSettingOrASettingTwiceIsRefusedByLine() {
        assertThatThrownBy(() -> SettingsFile.parse("shell=true\njust words\n=x\nshell=false\n", "response.properties"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("response.properties")
                .hasMessageContaining("line 2 is not name=value")
                .hasMessageContaining("line 3 is not name=value")
                .hasMessageContaining("line 4 sets shell again");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.write(file, new byte[] {'a', '=', (byte) 0xff, (byte) 0xfe});
        assertThatThrownBy(() -> SettingsFile.read(file)).hasMessageContaining("is not UTF-8");
    }
}
