package io.agent7.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BootstrapAdminTest {

    @Test
    void noPasswordCreatesNoAccountAndAShortOneIsRefusedByName() {
        assertThat(new AccountsAutoConfiguration.BootstrapAdmin(null).adminPassword())
                .isNull();
        assertThat(new AccountsAutoConfiguration.BootstrapAdmin("").adminPassword())
                .isEmpty();
        assertThatThrownBy(() -> new AccountsAutoConfiguration.BootstrapAdmin("elevenchars"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agent7.bootstrap.admin-password must be at least 12 characters");
        assertThat(new AccountsAutoConfiguration.BootstrapAdmin("twelve chars").adminPassword())
                .isEqualTo("twelve chars");
    }
}
