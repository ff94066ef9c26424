package io.agent7.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The generator reaches what parsers trip over, and keeps to the lengths it is given. */
class GeneratorTest {

    private final Generator generator = new Generator(new SplittableRandom(PropertyCheck.seed()));

    @Test
    void anyStringsReachEveryAsciiCharSurrogatesAndTheLongestLength() {
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            samples.add(generator.anyString());
        }
        BitSet ascii = new BitSet(128);
        samples.forEach(s -> s.chars().filter(c -> c < 128).forEach(ascii::set));
        assertThat(ascii.cardinality()).as("ASCII chars seen").isEqualTo(128);
        assertThat(samples).allSatisfy(s -> assertThat(s.length()).isBetween(0, 255));
        assertThat(samples).anySatisfy(s -> assertThat(s).isEmpty());
        assertThat(samples).anySatisfy(s -> assertThat(s).hasSizeGreaterThan(200));
        assertThat(samples).as("a pair").anyMatch(s -> s.codePoints().anyMatch(Character::isSupplementaryCodePoint));
        assertThat(samples)
                .as("a lone surrogate")
                .anyMatch(s ->
                        s.codePoints().anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE));
        assertThat(samples).anySatisfy(s -> assertThat(s).contains("\u3000"));
    }

    @Test
    void stringsKeepToTheirAlphabetAndLengths() {
        for (int i = 0; i < 1000; i++) {
            assertThat(generator.string("ab 1", 1, 5)).matches("[ab 1]{1,5}");
            assertThat(generator.anyString(1, 12).length()).isBetween(1, 12);
            assertThat(generator.list(1, 3, g -> g.between(7, 11)))
                    .hasSizeBetween(1, 3)
                    .allSatisfy(n -> assertThat(n).isBetween(7, 11));
        }
    }

    @Test
    void splicedTextUsesTheFragmentsAndNothingElseButShortNoise() {
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            samples.add(generator.spliced(List.of("AND", "(")));
        }
        assertThat(samples).anySatisfy(s -> assertThat(s).isEmpty());
        assertThat(samples).anySatisfy(s -> assertThat(s).contains("AND(").hasSizeGreaterThan(20));
        assertThat(samples).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(16 * 3));
    }
}
