package io.agent7.agent.collect.windows.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceAccountTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # start name                 | looked-up SID    | name            | domain        | id                | privileged
            LocalSystem                  | -                | LocalSystem     | -             | S-1-5-18          | true
            localsystem                  | -                | LocalSystem     | -             | S-1-5-18          | true
            NT AUTHORITY\\SYSTEM         | -                | LocalSystem     | -             | S-1-5-18          | true
            NT AUTHORITY\\LocalService   | -                | LocalService    | NT AUTHORITY  | S-1-5-19          | false
            NT AUTHORITY\\NetworkService | -                | NetworkService  | NT AUTHORITY  | S-1-5-20          | false
            nt authority\\network service| -                | network service | nt authority  | S-1-5-20          | false
            .\\backup                    | S-1-5-21-1-2-3-1001 | backup       | WS-0042       | S-1-5-21-1-2-3-1001 | -
            CORP\\svc-sql                | -                | svc-sql         | CORP          | -                 | -
            svc-web@corp.example         | S-1-5-21-7-8-9-1105 | svc-web      | corp.example  | S-1-5-21-7-8-9-1105 | -
            CORP\\escalated              | S-1-5-18         | escalated       | CORP          | S-1-5-18          | true
            """)
    void readsTheAccountOfAStartName(
            String startName, String sid, String name, String domain, String id, Boolean privileged) {
        ServiceAccount account = ServiceAccount.of(startName, sid, "WS-0042");

        assertThat(account).isEqualTo(new ServiceAccount(name, domain, id, privileged));
    }

    /** Values as {@code sc showsid} prints them. */
    @ParameterizedTest
    @CsvSource({
        "TrustedInstaller, S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464",
        "trustedinstaller, S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464",
    })
    void computesVirtualAccountSidsAsTheServiceControlManagerDoes(String service, String sid) {
        assertThat(ServiceAccount.virtualAccountSid(service)).isEqualTo(sid);
    }
}
