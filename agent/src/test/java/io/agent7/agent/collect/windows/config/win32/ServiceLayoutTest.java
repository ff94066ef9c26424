package io.agent7.agent.collect.windows.config.win32;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.Winsvc;
import org.junit.jupiter.api.Test;

/**
 * The x64 layouts of the service structures, as winsvc.h declares them with MSVC's natural
 * alignment: DWORDs on 4 bytes, pointers (LPWSTR) on 8, the size rounded up to the largest
 * member's alignment.
 */
class ServiceLayoutTest {

    /** Exposes the protected field offsets of jna-platform's structure. */
    static final class EnumServiceStatusProcess extends Winsvc.ENUM_SERVICE_STATUS_PROCESS {
        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    static final class ServiceStatusProcess extends Winsvc.SERVICE_STATUS_PROCESS {
        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    static final class ServiceDescription extends Winsvc.SERVICE_DESCRIPTION {
        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    @Test
    void queryServiceConfigHasTheX64Layout() {
        // DWORD dwServiceType 0, dwStartType 4, dwErrorControl 8, (pad) LPWSTR lpBinaryPathName 16,
        // lpLoadOrderGroup 24, DWORD dwTagId 32, (pad) LPWSTR lpDependencies 40,
        // lpServiceStartName 48, lpDisplayName 56: 64 bytes.
        QueryServiceConfig config = new QueryServiceConfig(new Memory(64));

        assertThat(config.size()).isEqualTo(64);
        assertThat(config.offsetOf("dwServiceType")).isZero();
        assertThat(config.offsetOf("dwStartType")).isEqualTo(4);
        assertThat(config.offsetOf("dwErrorControl")).isEqualTo(8);
        assertThat(config.offsetOf("lpBinaryPathName")).isEqualTo(16);
        assertThat(config.offsetOf("lpLoadOrderGroup")).isEqualTo(24);
        assertThat(config.offsetOf("dwTagId")).isEqualTo(32);
        assertThat(config.offsetOf("lpDependencies")).isEqualTo(40);
        assertThat(config.offsetOf("lpServiceStartName")).isEqualTo(48);
        assertThat(config.offsetOf("lpDisplayName")).isEqualTo(56);
    }

    @Test
    void delayedAutoStartInfoIsOneBool() {
        ServiceDelayedAutoStartInfo info = new ServiceDelayedAutoStartInfo(new Memory(4));

        assertThat(info.size()).isEqualTo(4);
        assertThat(info.offsetOf("fDelayedAutostart")).isZero();
    }

    @Test
    void enumServiceStatusProcessHasTheX64Layout() {
        // LPWSTR lpServiceName 0, lpDisplayName 8, SERVICE_STATUS_PROCESS (nine DWORDs, 36 bytes)
        // 16: 52 bytes rounded up to 56.
        EnumServiceStatusProcess listing = new EnumServiceStatusProcess();
        ServiceStatusProcess status = new ServiceStatusProcess();

        assertThat(listing.size()).isEqualTo(56);
        assertThat(listing.offsetOf("lpServiceName")).isZero();
        assertThat(listing.offsetOf("lpDisplayName")).isEqualTo(8);
        assertThat(listing.offsetOf("ServiceStatusProcess")).isEqualTo(16);
        assertThat(status.size()).isEqualTo(36);
        assertThat(status.offsetOf("dwCurrentState")).isEqualTo(4);
        assertThat(status.offsetOf("dwProcessId")).isEqualTo(28);
        assertThat(status.offsetOf("dwServiceFlags")).isEqualTo(32);
    }

    @Test
    void serviceDescriptionIsOnePointer() {
        ServiceDescription description = new ServiceDescription();

        assertThat(description.size()).isEqualTo(8);
        assertThat(description.offsetOf("lpDescription")).isZero();
    }
}
