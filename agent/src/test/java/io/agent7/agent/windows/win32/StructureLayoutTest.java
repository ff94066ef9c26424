package io.agent7.agent.windows.win32;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Winsvc;
import io.agent7.agent.windows.ServiceStatus;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service structures as JNA lays them out, against their documented x64 layout: the C
 * structs of winsvc.h with natural alignment (DWORD 4 bytes, pointers 8).
 */
class StructureLayoutTest {

    @BeforeAll
    static void x64() {
        assertThat(Native.POINTER_SIZE).as("the layouts below are x64's").isEqualTo(8);
    }

    /** Every field's offset, through Structure's own (protected) fieldOffset. */
    private static Map<String, Integer> offsets(Structure structure) throws Exception {
        Method fieldOffset = Structure.class.getDeclaredMethod("fieldOffset", String.class);
        fieldOffset.setAccessible(true);
        Map<String, Integer> offsets = new LinkedHashMap<>();
        Method order = Structure.class.getDeclaredMethod("getFieldOrder");
        order.setAccessible(true);
        for (Object name : (Iterable<?>) order.invoke(structure)) {
            offsets.put((String) name, (Integer) fieldOffset.invoke(structure, name));
        }
        return offsets;
    }

    @Test
    void serviceStatusIsSevenDwords() throws Exception {
        // typedef struct _SERVICE_STATUS { DWORD dwServiceType; DWORD dwCurrentState;
        //   DWORD dwControlsAccepted; DWORD dwWin32ExitCode; DWORD dwServiceSpecificExitCode;
        //   DWORD dwCheckPoint; DWORD dwWaitHint; } -- 7 x 4 = 28 bytes, no padding.
        Winsvc.SERVICE_STATUS status = new Winsvc.SERVICE_STATUS();
        assertThat(status.size()).isEqualTo(28);
        assertThat(offsets(status))
                .containsExactly(
                        Map.entry("dwServiceType", 0),
                        Map.entry("dwCurrentState", 4),
                        Map.entry("dwControlsAccepted", 8),
                        Map.entry("dwWin32ExitCode", 12),
                        Map.entry("dwServiceSpecificExitCode", 16),
                        Map.entry("dwCheckPoint", 20),
                        Map.entry("dwWaitHint", 24));
    }

    @Test
    void serviceTableEntryIsTwoPointers() throws Exception {
        // typedef struct _SERVICE_TABLE_ENTRYW { LPWSTR lpServiceName;
        //   LPSERVICE_MAIN_FUNCTIONW lpServiceProc; } -- 16 bytes.
        Winsvc.SERVICE_TABLE_ENTRY entry = new Winsvc.SERVICE_TABLE_ENTRY();
        assertThat(entry.size()).isEqualTo(16);
        assertThat(offsets(entry)).containsExactly(Map.entry("lpServiceName", 0), Map.entry("lpServiceProc", 8));
        Winsvc.SERVICE_TABLE_ENTRY[] table = (Winsvc.SERVICE_TABLE_ENTRY[]) entry.toArray(2);
        assertThat(com.sun.jna.Pointer.nativeValue(table[1].getPointer())
                        - com.sun.jna.Pointer.nativeValue(table[0].getPointer()))
                .as("the terminating entry follows at once")
                .isEqualTo(16);
    }

    @Test
    void failureActionsPadsBeforeEachPointer() throws Exception {
        // typedef struct _SERVICE_FAILURE_ACTIONSW { DWORD dwResetPeriod; LPWSTR lpRebootMsg;
        //   LPWSTR lpCommand; DWORD cActions; SC_ACTION *lpsaActions; } -- the DWORDs at 0 and
        // 24 are each followed by 4 bytes of padding to align the next pointer: 40 bytes.
        Winsvc.SERVICE_FAILURE_ACTIONS actions = new Winsvc.SERVICE_FAILURE_ACTIONS();
        assertThat(actions.size()).isEqualTo(40);
        assertThat(offsets(actions))
                .containsExactly(
                        Map.entry("dwResetPeriod", 0),
                        Map.entry("lpRebootMsg", 8),
                        Map.entry("lpCommand", 16),
                        Map.entry("cActions", 24),
                        Map.entry("lpsaActions", 32));
    }

    @Test
    void scActionIsTwoDwords() throws Exception {
        // typedef struct _SC_ACTION { SC_ACTION_TYPE Type; DWORD Delay; } -- an enum is 4 bytes: 8.
        Winsvc.SC_ACTION action = new Winsvc.SC_ACTION();
        assertThat(action.size()).isEqualTo(8);
        assertThat(offsets(action)).containsExactly(Map.entry("type", 0), Map.entry("delay", 4));
    }

    @Test
    void failureActionsFlagAndDescriptionAreOneFieldEach() throws Exception {
        // SERVICE_FAILURE_ACTIONS_FLAG { BOOL fFailureActionsOnNonCrashFailures; } -- 4 bytes;
        // SERVICE_DESCRIPTIONW { LPWSTR lpDescription; } -- 8 bytes.
        assertThat(new Winsvc.SERVICE_FAILURE_ACTIONS_FLAG().size()).isEqualTo(4);
        assertThat(new Winsvc.SERVICE_DESCRIPTION().size()).isEqualTo(8);
    }

    @Test
    void aStatusRecordFillsEveryFieldOfTheStructure() {
        Winsvc.SERVICE_STATUS s = Structures.serviceStatus(new ServiceStatus(0x10, 3, 5, 1066, 3, 7, 15_000));

        assertThat(new int[] {
                    s.dwServiceType,
                    s.dwCurrentState,
                    s.dwControlsAccepted,
                    s.dwWin32ExitCode,
                    s.dwServiceSpecificExitCode,
                    s.dwCheckPoint,
                    s.dwWaitHint
                })
                .containsExactly(0x10, 3, 5, 1066, 3, 7, 15_000);
    }

    @Test
    void theOwnFunctionsTakeTheirDocumentedParameterCounts() {
        Map<String, Integer> documented = Map.of(
                "ChangeServiceConfigW", 11,
                "ConvertStringSecurityDescriptorToSecurityDescriptorW", 4,
                "GetSecurityDescriptorDacl", 4,
                "GetSecurityDescriptorOwner", 3);
        Map<String, Integer> declared = new LinkedHashMap<>();
        Arrays.stream(ServiceApi.class.getDeclaredMethods())
                .forEach(m -> declared.put(m.getName(), m.getParameterCount()));
        assertThat(declared).isEqualTo(documented);
    }
}
