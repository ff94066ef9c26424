package io.agent7.simulator.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** A simulated Windows host's programs have the shapes the Windows collector's mapping gives them. */
class WindowsSoftwareTest {

    static List<VirtualHost> windows;

    @BeforeAll
    static void createFleet() {
        windows = Fleets.windows(7L, 40);
    }

    private static String field(ObjectNode doc, String object, String name) {
        return doc.path(object).path(name).asString(null);
    }

    @Test
    void uninstallKeyProgramsWereInstalledOnADayAndPerUserOnesHaveNoArchitecture() {
        int perUser = 0;
        for (VirtualHost host : windows) {
            for (ObjectNode doc : Fleets.collect(host, "software")) {
                if (!"uninstall_key".equals(field(doc, "software", "source"))) {
                    continue;
                }
                assertThat(field(doc, "package", "installed"))
                        .as(doc.toString())
                        .endsWith("T00:00:00.000Z");
                assertThat(field(doc, "package", "type")).isIn("msi", "exe");
                if ("user".equals(field(doc, "package", "install_scope"))) {
                    perUser++;
                    assertThat(field(doc, "package", "architecture"))
                            .as(doc.toString())
                            .isNull();
                } else {
                    assertThat(field(doc, "package", "architecture"))
                            .as(doc.toString())
                            .isIn("x64", "x86");
                }
            }
        }
        assertThat(windows).isNotEmpty();
        assertThat(perUser).as("the fleet has per-user installs").isPositive();
    }
}
