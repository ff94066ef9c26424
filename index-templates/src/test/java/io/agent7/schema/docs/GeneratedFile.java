package io.agent7.schema.docs;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A checked-in file that a generator produces from the schema. Its test fails when the file
 * differs from what the generator produces now; {@code -Dagent7.regenerate=true} rewrites it
 * first, so that the same test regenerates it.
 */
public final class GeneratedFile {

    public static final String REGENERATE = "agent7.regenerate";
    /** Enough of a differing line to see what changed without pages of JSON. */
    private static final int EXCERPT = 240;

    private GeneratedFile() {}

    /** The repository root: Surefire and Failsafe run a module's tests in the module's folder. */
    public static Path repositoryRoot() {
        return Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath()
                .normalize()
                .getParent();
    }

    /** The command that rewrites the file, run from the repository root. */
    public static String regenerateCommand(Class<?> testClass) {
        return "mvn -q -pl index-templates -am test -Dtest=" + testClass.getSimpleName()
                + " -Dsurefire.failIfNoSpecifiedTests=false -D" + REGENERATE + "=true";
    }

    /** Fails unless {@code repositoryPath} holds exactly {@code generated}; rewrites it first when asked to. */
    public static void assertUpToDate(String repositoryPath, String generated, Class<?> testClass) throws IOException {
        Path file = repositoryRoot().resolve(repositoryPath);
        if (Boolean.getBoolean(REGENERATE)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        String howToFix = repositoryPath + " is not what the schema generates now. Regenerate it (from the repository"
                + " root) with\n    " + regenerateCommand(testClass) + "\nthen review and commit the change.";
        if (!Files.exists(file)) {
            fail(file + " does not exist. " + howToFix);
        }
        String checkedIn = Files.readString(file, StandardCharsets.UTF_8);
        if (!checkedIn.equals(generated)) {
            fail(howToFix + "\n" + firstDifference(checkedIn, generated));
        }
    }

    private static String firstDifference(String checkedIn, String generated) {
        String[] have = checkedIn.split("\n", -1);
        String[] want = generated.split("\n", -1);
        for (int i = 0; i < Math.max(have.length, want.length); i++) {
            String a = i < have.length ? have[i] : "<end of file>";
            String b = i < want.length ? want[i] : "<end of file>";
            if (!a.equals(b)) {
                int from = 0;
                while (from < a.length() && from < b.length() && a.charAt(from) == b.charAt(from)) {
                    from++;
                }
                int start = Math.max(0, from - EXCERPT / 4);
                return "First difference on line " + (i + 1) + ", column " + (from + 1) + ":\n  checked in: "
                        + excerpt(a, start) + "\n  generated:  " + excerpt(b, start);
            }
        }
        return "";
    }

    private static String excerpt(String line, int start) {
        if (start >= line.length()) {
            return "<line ends here>";
        }
        String part = line.substring(start, Math.min(line.length(), start + EXCERPT));
        return (start > 0 ? "..." : "") + part + (start + EXCERPT < line.length() ? "..." : "");
    }
}
