package io.agent7.agent.collect.windows.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.state.HostFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Versions as RtlGetVersion and the CurrentVersion key report them on each supported
 * release, and the name, version and build the agent reports for them.
 */
class WindowsHostFactsTest {

    static final String GUID = "3f1c8a52-7d4e-4b6a-9c1d-2e5f7a9b0c3d";

    @ParameterizedTest(name = "{7}")
    @CsvSource(
            nullValues = "-",
            delimiter = '|',
            value = {
                // major|minor|build|csd|UBR|DisplayVersion|ReleaseId|ProductName|name|version|kernel
                "10|0|22631|   |3007|23H2|2009|Windows 10 Enterprise|Windows 11 Enterprise|23H2|10.0.22631.3007",
                "10|0|19045|   |3930|22H2|2009|Windows 10 Pro|Windows 10 Pro|22H2|10.0.19045.3930",
                "10|0|20348|   |2227|21H2|2009|Windows Server 2022 Datacenter|Windows Server 2022 Datacenter|21H2|10.0.20348.2227",
                "10|0|17763|   |5329|-   |1809|Windows Server 2019 Standard|Windows Server 2019 Standard|1809|10.0.17763.5329",
                "6|3|9600|     |21563|-  |-   |Windows Server 2012 R2 Standard|Windows Server 2012 R2 Standard|6.3|6.3.9600.21563",
                "6|1|7601|Service Pack 1|-|-|-  |Windows 7 Professional|Windows 7 Professional|6.1 Service Pack 1|6.1.7601",
                "6|1|7601|Service Pack 1|-|-|-  |Windows Server 2008 R2 Enterprise|Windows Server 2008 R2 Enterprise|6.1 Service Pack 1|6.1.7601"
            })
    void eachReleaseIsNamedVersionedAndBuiltAsWinverShowsIt(
            int major,
            int minor,
            int build,
            String csd,
            Integer ubr,
            String displayVersion,
            String releaseId,
            String productName,
            String name,
            String version,
            String kernel) {
        WindowsVersion v = new WindowsVersion(
                major, minor, build, csd == null ? "" : csd, ubr, displayVersion, releaseId, productName, "Enterprise");
        HostFacts facts = WindowsHostFacts.of(GUID, "ws-0042", v, null).facts();
        assertThat(facts.osFamily()).isEqualTo("windows");
        assertThat(facts.osName()).isEqualTo(name);
        assertThat(facts.osVersion()).isEqualTo(version);
        assertThat(facts.kernel()).isEqualTo(kernel);
        assertThat(facts.machineId()).isEqualTo(GUID);
        assertThat(facts.hostName()).isEqualTo("ws-0042");
    }

    static final WindowsVersion SERVER = new WindowsVersion(
            10, 0, 20348, "", 2227, "21H2", "2009", "Windows Server 2022 Standard", "ServerStandard");

    @Test
    void aDomainMemberReportsItsDnsDomainInLowerCase() {
        WindowsHostFacts facts =
                WindowsHostFacts.of(GUID, "app-01", SERVER, new DomainMembership("CORP", 3, 3, "CORP.Example.com"));
        assertThat(facts.domain()).isEqualTo("corp.example.com");
        assertThat(facts.workgroup()).isNull();
        assertThat(facts.role()).isEqualTo("member_server");
    }

    @Test
    void aDomainWithoutDnsNameFallsBackToItsNetbiosName() {
        WindowsHostFacts facts =
                WindowsHostFacts.of(GUID, "nt4-era", SERVER, new DomainMembership("LEGACY", 3, 1, null));
        assertThat(facts.domain()).isEqualTo("LEGACY");
        assertThat(facts.role()).isEqualTo("member_workstation");
    }

    @Test
    void aWorkgroupHostHasNoDomainAndADomainControllerSaysSo() {
        WindowsHostFacts standalone =
                WindowsHostFacts.of(GUID, "kiosk", SERVER, new DomainMembership("WORKGROUP", 2, 0, null));
        assertThat(standalone.domain()).isNull();
        assertThat(standalone.workgroup()).isEqualTo("WORKGROUP");
        assertThat(standalone.role()).isEqualTo("workstation");
        WindowsHostFacts dc =
                WindowsHostFacts.of(GUID, "dc01", SERVER, new DomainMembership("CORP", 3, 5, "corp.example.com"));
        assertThat(dc.role()).isEqualTo("domain_controller");
    }

    @Test
    void aMachineGuidIsReportedWithoutSurroundingBlanks() {
        assertThat(WindowsHostFacts.of(" " + GUID + "\n", "h", SERVER, null)
                        .facts()
                        .machineId())
                .isEqualTo(GUID);
    }
}
