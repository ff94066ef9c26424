package io.agent7.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import io.agent7.schema.FieldsByOs;
import io.agent7.schema.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The schema's table of which OS fills each field ({@link FieldsByOs}) is what the collectors'
 * tests see filled: every Windows collector test's documents (fixtures of what the Win32 APIs
 * return, odd cases included), the Linux collectors' on the fixture root, and the processes of
 * this machine (every Linux machine's fill the same fields); not the tests tagged
 * {@value #LIVE_HOST}. The test runs those tests itself, so that it sees all of them however it is run.
 * {@code -Dagent7.regenerate=true} rewrites the table first; docs/SCHEMA.md is then regenerated
 * from it by the index-templates module's SchemaMarkdownTest.
 */
public class FieldsByOsTest {

    /**
     * The tag of a test that reads the machine it runs on (ps, dpkg, this host's mounts and
     * users): what it sees differs from machine to machine, so it is no evidence here.
     */
    public static final String LIVE_HOST = "live-host";

    private static final String TABLE = "schema/src/main/resources/io/agent7/schema/" + FieldsByOs.RESOURCE;

    @Test
    void theSchemasTableIsWhatTheCollectorsTestsFill() throws IOException {
        FieldsByOs seen = seenByTheCollectorsTests();
        Path table = repositoryRoot().resolve(TABLE);
        if (Boolean.getBoolean("agent7.regenerate")) {
            Files.writeString(table, seen.format(), StandardCharsets.UTF_8);
        }
        FieldsByOs checkedIn = FieldsByOs.parse(Files.readString(table, StandardCharsets.UTF_8));
        List<String> differences = differences(checkedIn, seen);
        if (!differences.isEmpty()) {
            fail(TABLE + " is not what the collectors' tests fill now:\n  " + String.join("\n  ", differences)
                    + "\nRegenerate it, then docs/SCHEMA.md, from the repository root with\n"
                    + "    mvn -q -pl agent -am test -Dtest=FieldsByOsTest -Dsurefire.failIfNoSpecifiedTests=false"
                    + " -Dagent7.regenerate=true\n"
                    + "    mvn -q -pl index-templates -am test -Dtest=SchemaMarkdownTest"
                    + " -Dsurefire.failIfNoSpecifiedTests=false -Dagent7.regenerate=true\n"
                    + "then review and commit both.");
        }
    }

    @Test
    void bothFamiliesFillTheCoreFieldsOfEveryHostTypeBothCollect() {
        FieldsByOs seen = FieldsByOs.standard();
        assertThat(seen.filledOn("process", "process.pid")).containsExactly("linux", "windows");
        assertThat(seen.filledOn("service", "service.name")).containsExactly("linux", "windows");
        assertThat(seen.filledOn("registry_value", "registry.path")).containsExactly("windows");
        assertThat(seen.all().keySet())
                .as("every type an agent collects from its host, but host (the check-in writes it)")
                .containsExactlyInAnyOrderElementsOf(Schema.standard().types().stream()
                        .map(t -> t.name())
                        .filter(t -> !t.equals("host") && !t.startsWith("ad_"))
                        .filter(t -> !t.equals("gpo") && !t.equals("sysvol_file"))
                        .toList());
        seen.all()
                .forEach((type, fields) -> assertThat(
                                Schema.standard().require(type).fields())
                        .as(type)
                        .containsKeys(fields.keySet().toArray(String[]::new)));
    }

    private static FieldsByOs seenByTheCollectorsTests() {
        Fields.forgetSeen();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(
                                        selectPackage("io.agent7.agent.collect.windows"),
                                        selectPackage("io.agent7.agent.collect.linux"))
                                .filters(
                                        TagFilter.excludeTags(LIVE_HOST),
                                        // WindowsGroundTruthIT and its kind run on Windows only
                                        ClassNameFilter.excludeClassNamePatterns(".*IT"))
                                .build(),
                        listener);
        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getTestsSucceededCount())
                .as("the collectors' tests ran")
                .isGreaterThan(100);
        assertThat(summary.getFailures())
                .as("the collectors' tests pass")
                .extracting(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
                .isEmpty();
        return Fields.seen();
    }

    private static List<String> differences(FieldsByOs checkedIn, FieldsByOs seen) {
        List<String> differences = new ArrayList<>();
        Schema.standard()
                .types()
                .forEach(type -> type.fields().keySet().forEach(field -> {
                    Set<String> have = checkedIn.filledOn(type.name(), field);
                    Set<String> want = seen.filledOn(type.name(), field);
                    if (!have.equals(want)) {
                        differences.add(type.name() + " " + field + ": the table says " + have
                                + ", the tests fill it on " + want);
                    }
                }));
        return differences;
    }

    /** The repository root: Surefire runs a module's tests in the module's folder. */
    private static Path repositoryRoot() {
        return Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath()
                .normalize()
                .getParent();
    }
}
