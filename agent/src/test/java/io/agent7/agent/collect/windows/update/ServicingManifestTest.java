package io.agent7.agent.collect.windows.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServicingManifestTest {

    static ServicingManifest fixture(String name) throws IOException {
        try (InputStream in = ServicingManifestTest.class.getResourceAsStream("/windows/update/" + name + ".mum")) {
            return ServicingManifest.parse(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "null",
            delimiter = '|',
            value = {
                "Package_for_KB5034441|KB5034441|Security Update|Fix for KB5034441|https://support.microsoft.com/help/5034441",
                "Package_for_RollupFix|KB5034122|Security Update|Fix for KB5034122|null",
                "Microsoft-Windows-LanguageFeatures-Basic-fr-fr-Package|Basic-Capability-fr-FR|OnDemand Pack|null|null",
            })
    void theHeaderIsTheOuterPackageAndTheAssemblyAttributes(
            String file, String identifier, String releaseType, String description, String support) throws IOException {
        assertThat(fixture(file)).isEqualTo(new ServicingManifest(identifier, releaseType, description, support));
    }

    @ParameterizedTest
    @CsvSource({"with-doctype"})
    void aManifestWithADoctypeIsRefused(String file) {
        assertThatThrownBy(() -> fixture(file)).isInstanceOf(IOException.class).hasMessageContaining("DOCTYPE");
    }
}
