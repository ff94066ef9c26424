package io.agent7.agent.collect.directory.sysvol;

import static io.agent7.agent.collect.directory.sysvol.DescriptorBytes.ALLOWED;
import static io.agent7.agent.collect.directory.sysvol.TestPrincipals.DOMAIN_ADMINS;
import static io.agent7.agent.collect.directory.sysvol.TestPrincipals.DOMAIN_USERS;
import static io.agent7.agent.collect.directory.sysvol.TestPrincipals.SYSTEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent7.agent.collect.directory.DirectoryError;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Windows source over a local folder, with security descriptors from fixture bytes instead of GetFileSecurity. */
class SysvolUncSourceTest {

    @TempDir
    Path root;

    @Test
    void walksParentsBeforeChildrenWithRelativeBackslashPaths() throws Exception {
        Path gpo = Files.createDirectories(root.resolve("Policies").resolve("{31B2F340-016D-11D2-945F-00C04FB984F9}"));
        Files.writeString(gpo.resolve("GPT.INI"), "[General]\r\nVersion=3\r\n", StandardCharsets.US_ASCII);
        byte[] adminsOnly = new DescriptorBytes()
                .owner(DOMAIN_ADMINS)
                .ace(ALLOWED, 0, 0x1F01FF, SYSTEM)
                .build();
        byte[] usersMayWrite = new DescriptorBytes()
                .owner(DOMAIN_ADMINS)
                .ace(ALLOWED, DescriptorBytes.INHERITED, 0x1301BF, DOMAIN_USERS)
                .build();
        List<SysvolEntry> entries = new ArrayList<>();
        List<String> contents = new ArrayList<>();

        new UncSysvol(root, path -> path.getFileName().toString().equals("GPT.INI") ? usersMayWrite : adminsOnly)
                .walk(entry -> {
                    entries.add(entry);
                    if (!entry.directory()) {
                        try (InputStream in = entry.content().open()) {
                            contents.add(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    }
                });

        assertThat(entries)
                .extracting(SysvolEntry::relativePath)
                .containsExactly(
                        "",
                        "Policies",
                        "Policies\\{31B2F340-016D-11D2-945F-00C04FB984F9}",
                        "Policies\\{31B2F340-016D-11D2-945F-00C04FB984F9}\\GPT.INI");
        SysvolEntry gptIni = entries.get(3);
        assertThat(gptIni.directory()).isFalse();
        assertThat(gptIni.size()).isEqualTo(22);
        assertThat(gptIni.modified()).isNotNull();
        assertThat(gptIni.ownerSid()).isEqualTo(DOMAIN_ADMINS);
        assertThat(gptIni.aces()).containsExactly(new Ace(DOMAIN_USERS, Ace.Type.ALLOW, 0x1301BF, true, false));
        assertThat(entries.get(0).aces()).containsExactly(new Ace(SYSTEM, Ace.Type.ALLOW, 0x1F01FF, false, false));
        assertThat(contents).containsExactly("[General]\r\nVersion=3\r\n");
    }

    @Test
    void aDescriptorThatDoesNotParseEndsTheWalkNamingTheFile() {
        assertThatThrownBy(() -> new UncSysvol(root, path -> new byte[4]).walk(entry -> {}))
                .isInstanceOf(DirectoryError.class)
                .hasMessageContaining(root.toString())
                .hasMessageContaining("shorter than its 20-byte header");
    }

    @Test
    void theNtlmDomainComesFromTheAccountName() {
        assertThat(SmbSysvol.authDomain("AGENT7\\svc-agent7", "agent7.test")).isEqualTo("AGENT7");
        assertThat(SmbSysvol.authDomain("svc-agent7@agent7.test", "agent7.test"))
                .isEqualTo("agent7.test");
        assertThat(SmbSysvol.authDomain("svc-agent7", "agent7.test")).isEqualTo("agent7.test");
    }
}
