package io.agent7.agent.collect.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.agent7.agent.collect.windows.ToolOutput.Endpoint;
import org.junit.jupiter.api.Test;

/** The ground-truth test reads Windows' tools right, in English and in a translated Windows alike. */
class ToolOutputTest {

    @Test
    void tasklistGivesEachPidsImageNameQuotedCommasAndAll() {
        String output = "\"System Idle Process\",\"0\",\"Services\",\"0\",\"8 K\"\r\n"
                + "\"System\",\"4\",\"Services\",\"0\",\"1,220 K\"\r\n"
                + "\"svchost.exe\",\"1040\",\"Services\",\"0\",\"24,132 K\"\r\n"
                + "\"Naïve \"\"quoted\"\" app.exe\",\"7712\",\"Console\",\"1\",\"9,008 K\"\r\n";
        assertThat(ToolOutput.tasklist(output))
                .containsExactly(
                        entry(0L, "System Idle Process"),
                        entry(4L, "System"),
                        entry(1040L, "svchost.exe"),
                        entry(7712L, "Naïve \"quoted\" app.exe"));
    }

    @Test
    void netstatGivesEveryEndpointInTheCollectorsFormWhateverTheLanguageOfItsStates() {
        String output = "\r\nAktive Verbindungen\r\n\r\n"
                + "  Proto  Lokale Adresse         Remoteadresse          Status           PID\r\n"
                + "  TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN          1024\r\n"
                + "  TCP    10.0.0.5:49712         20.42.65.92:443        HERGESTELLT      5120\r\n"
                + "  TCP    [::]:445               [::]:0                 ABHÖREN          4\r\n"
                + "  TCP    [2001:0db8::0001]:3389 [2001:db8::9]:50123    HERGESTELLT      1200\r\n"
                + "  UDP    0.0.0.0:5353           *:*                                     2264\r\n"
                + "  UDP    [fe80::1c2b:3a4d:5e6f:7a8b%12]:1900  *:*                       3310\r\n";
        assertThat(ToolOutput.netstat(output))
                .containsExactly(
                        new Endpoint("tcp", "0.0.0.0", 135, 1024),
                        new Endpoint("tcp", "10.0.0.5", 49712, 5120),
                        new Endpoint("tcp", "::", 445, 4),
                        new Endpoint("tcp", "2001:db8::1", 3389, 1200),
                        new Endpoint("udp", "0.0.0.0", 5353, 2264),
                        new Endpoint("udp", "fe80::1c2b:3a4d:5e6f:7a8b", 1900, 3310));
    }

    @Test
    void scQueryGivesEachServicesStateNumberNotItsTranslatedName() {
        String output = "\r\nSERVICE_NAME: AJRouter\r\n"
                + "DISPLAY_NAME: AllJoyn Router Service\r\n"
                + "        TYPE               : 20  WIN32_SHARE_PROCESS\r\n"
                + "        STATE              : 1  STOPPED\r\n"
                + "        WIN32_EXIT_CODE    : 1077  (0x435)\r\n"
                + "\r\nSERVICE_NAME: Dhcp\r\n"
                + "DISPLAY_NAME: DHCP-Client\r\n"
                + "        TYPE               : 30  WIN32\r\n"
                + "        STATE              : 4  RUNNING\r\n"
                + "                                (STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN)\r\n";
        assertThat(ToolOutput.scQuery(output)).containsExactly(entry("AJRouter", 1), entry("Dhcp", 4));
    }

    @Test
    void schtasksGivesEveryTaskPathAndNotTheFolderHeaders() {
        String output = "\r\nFolder: \\\r\n"
                + "\"\\OneDrive Standalone Update Task-S-1-5-21-1-2-3-1001\",\"12/8/2026 9:14:00 AM\",\"Ready\"\r\n"
                + "\r\nFolder: \\Microsoft\\Windows\\Defrag\r\n"
                + "\"\\Microsoft\\Windows\\Defrag\\ScheduledDefrag\",\"N/A\",\"Ready\"\r\n"
                + "INFO: There are no scheduled tasks presently available at your access level.\r\n";
        assertThat(ToolOutput.schtasks(output))
                .containsExactly(
                        "\\OneDrive Standalone Update Task-S-1-5-21-1-2-3-1001",
                        "\\Microsoft\\Windows\\Defrag\\ScheduledDefrag");
    }

    @Test
    void netUserGivesNamesByColumnSoANameWithASpaceStaysWhole() {
        String output = "\r\nBenutzerkonten für \\\\WS-0042\r\n\r\n"
                + "-------------------------------------------------------------------------------\r\n"
                + "Administrator            DefaultAccount           Gast                     \r\n"
                + "svc backup               WDAGUtilityAccount       Zoë                      \r\n"
                + "Der Befehl wurde erfolgreich ausgeführt.\r\n\r\n";
        assertThat(ToolOutput.netUser(output))
                .containsExactly("Administrator", "DefaultAccount", "Gast", "svc backup", "WDAGUtilityAccount", "Zoë");
    }
}
