package io.agent7.agent.collect.windows.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Shortcuts built byte by byte after [MS-SHLLINK] sections 2.1 to 2.5. */
class ShellLinkTest {

    static final Charset CP1252 = Charset.forName("windows-1252");

    /** Little-endian byte writer. */
    static final class Bytes {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u16(int v) {
            out.write(v & 0xFF);
            out.write((v >>> 8) & 0xFF);
            return this;
        }

        Bytes u32(int v) {
            return u16(v & 0xFFFF).u16(v >>> 16);
        }

        Bytes raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Bytes zeros(int n) {
            return raw(new byte[n]);
        }

        int size() {
            return out.size();
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    static byte[] z(String s, Charset cs) {
        byte[] text = s.getBytes(cs);
        int nul = cs.equals(StandardCharsets.UTF_16LE) ? 2 : 1;
        return ByteBuffer.allocate(text.length + nul).put(text).array();
    }

    /** ShellLinkHeader (2.1): 0x4C bytes, LinkCLSID 00021401-0000-0000-C000-000000000046. */
    static Bytes header(int flags) {
        return new Bytes()
                .u32(0x4C)
                .u32(0x00021401)
                .u16(0)
                .u16(0)
                .raw(new byte[] {(byte) 0xC0, 0, 0, 0, 0, 0, 0, 0x46})
                .u32(flags)
                .u32(0x20) // FileAttributes: archive
                .zeros(24) // creation, access, write times
                .u32(0) // file size
                .u32(0) // icon index
                .u32(1) // SW_SHOWNORMAL
                .u16(0)
                .zeros(10);
    }

    /** LinkTargetIDList (2.2): IDListSize then one opaque item and the terminal 0. */
    static void idList(Bytes b) {
        b.u16(22).u16(20).zeros(18).u16(0);
    }

    /** LinkInfo (2.3) with a local base path in ANSI (header 0x1C) or also Unicode (header 0x24). */
    static void localInfo(Bytes b, String path, boolean unicode) {
        byte[] volume =
                new Bytes().u32(0x11).u32(3).u32(0x1234).u32(0x10).zeros(1).bytes(); // VolumeID, DRIVE_FIXED
        byte[] ansiPath = z(unicode ? "C:\\PROGRA~1\\x.exe" : path, CP1252);
        byte[] ansiSuffix = z("", CP1252);
        byte[] widePath = z(path, StandardCharsets.UTF_16LE);
        byte[] wideSuffix = z("", StandardCharsets.UTF_16LE);
        int headerSize = unicode ? 0x24 : 0x1C;
        int volumeAt = headerSize;
        int pathAt = volumeAt + volume.length;
        int suffixAt = pathAt + ansiPath.length;
        int widePathAt = suffixAt + ansiSuffix.length;
        int wideSuffixAt = widePathAt + widePath.length;
        int size = unicode ? wideSuffixAt + wideSuffix.length : widePathAt;
        b.u32(size).u32(headerSize).u32(1).u32(volumeAt).u32(pathAt).u32(0).u32(suffixAt);
        if (unicode) {
            b.u32(widePathAt).u32(wideSuffixAt);
        }
        b.raw(volume).raw(ansiPath).raw(ansiSuffix);
        if (unicode) {
            b.raw(widePath).raw(wideSuffix);
        }
    }

    /** LinkInfo with a CommonNetworkRelativeLink (2.3.2) to a share and a path suffix, ANSI only. */
    static void networkInfo(Bytes b, String share, String suffix) {
        byte[] net = z(share, CP1252);
        byte[] link = new Bytes()
                .u32(0x14 + net.length)
                .u32(0)
                .u32(0x14)
                .u32(0)
                .u32(0)
                .raw(net)
                .bytes();
        byte[] suffixBytes = z(suffix, CP1252);
        int linkAt = 0x1C;
        int suffixAt = linkAt + link.length;
        b.u32(suffixAt + suffixBytes.length)
                .u32(0x1C)
                .u32(2)
                .u32(0)
                .u32(0)
                .u32(linkAt)
                .u32(suffixAt);
        b.raw(link).raw(suffixBytes);
    }

    /** A StringData CountedString (2.4): a character count, no terminating NUL. */
    static void string(Bytes b, String s, boolean unicode) {
        b.u16(s.length()).raw(s.getBytes(unicode ? StandardCharsets.UTF_16LE : CP1252));
    }

    /** EnvironmentVariableDataBlock (2.5.4): 0x314 bytes, ANSI target 260 bytes, Unicode 520. */
    static void environmentBlock(Bytes b, String target) {
        byte[] ansi = new byte[260];
        byte[] wide = new byte[520];
        byte[] t = target.getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(t, 0, wide, 0, t.length);
        b.u32(0x314).u32(0xA0000001).raw(ansi).raw(wide);
    }

    @Test
    void readsAUnicodeShortcutWithIdListLinkInfoArgumentsAndWorkingDirectory() {
        Bytes b = header(0x1 | 0x2 | 0x10 | 0x20 | 0x80);
        idList(b);
        localInfo(b, "C:\\Program Files\\Vendor App\\tray.exe", true);
        string(b, "C:\\Program Files\\Vendor App", true);
        string(b, "--minimized --profile \"Zoë\"", true);
        b.u32(0);

        ShellLink link = ShellLink.parse(b.bytes(), CP1252);

        assertThat(link.target()).isEqualTo("C:\\Program Files\\Vendor App\\tray.exe");
        assertThat(link.workingDir()).isEqualTo("C:\\Program Files\\Vendor App");
        assertThat(link.arguments()).isEqualTo("--minimized --profile \"Zoë\"");
        assertThat(link.relativePath()).isNull();
    }

    @Test
    void readsAnAnsiShortcutInTheSystemCodePage() {
        Bytes b = header(0x2 | 0x8 | 0x20);
        localInfo(b, "C:\\Outils\\Démarrer.exe", false);
        string(b, "..\\..\\Outils\\Démarrer.exe", false);
        string(b, "/silencieux", false);
        b.u32(0);

        ShellLink link = ShellLink.parse(b.bytes(), CP1252);

        assertThat(link.target()).isEqualTo("C:\\Outils\\Démarrer.exe");
        assertThat(link.relativePath()).isEqualTo("..\\..\\Outils\\Démarrer.exe");
        assertThat(link.arguments()).isEqualTo("/silencieux");
    }

    @Test
    void joinsANetworkShareAndItsCommonPathSuffix() {
        Bytes b = header(0x2 | 0x20);
        networkInfo(b, "\\\\fs01\\NETLOGON", "map-drives.cmd");
        string(b, "/quiet", false);
        b.u32(0);

        ShellLink link = ShellLink.parse(b.bytes(), CP1252);

        assertThat(link.target()).isEqualTo("\\\\fs01\\NETLOGON\\map-drives.cmd");
        assertThat(link.arguments()).isEqualTo("/quiet");
    }

    @Test
    void fallsBackToTheEnvironmentTargetWhenThereIsNoLinkInfo() {
        Bytes b = header(0x1 | 0x80 | 0x200);
        idList(b);
        environmentBlock(b, "%windir%\\system32\\cmd.exe");
        b.u32(0);

        ShellLink link = ShellLink.parse(b.bytes(), CP1252);

        assertThat(link.localBasePath()).isNull();
        assertThat(link.target()).isEqualTo("%windir%\\system32\\cmd.exe");
    }

    @Test
    void ignoresLinkInfoWhenForceNoLinkInfoIsSet() {
        Bytes b = header(0x2 | 0x20 | 0x80 | 0x100 | 0x200);
        localInfo(b, "C:\\stale.exe", true);
        string(b, "-x", true);
        environmentBlock(b, "%ProgramFiles%\\Fresh\\fresh.exe");
        b.u32(0);

        ShellLink link = ShellLink.parse(b.bytes(), CP1252);

        assertThat(link.localBasePath()).isNull();
        assertThat(link.arguments()).isEqualTo("-x");
        assertThat(link.target()).isEqualTo("%ProgramFiles%\\Fresh\\fresh.exe");
    }

    @Test
    void rejectsWhatIsNotAShellLinkNamingWhy() {
        assertThatThrownBy(() -> ShellLink.parse("[InternetShortcut]".getBytes(StandardCharsets.US_ASCII), CP1252))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a shell link");
        byte[] truncated = new byte[0x50];
        ByteBuffer.wrap(truncated)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0, 0x4C)
                .putInt(4, 0x00021401)
                .putInt(20, 0x2);
        assertThatThrownBy(() -> ShellLink.parse(truncated, CP1252))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
    }
}
