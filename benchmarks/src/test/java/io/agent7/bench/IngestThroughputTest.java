package io.agent7.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IngestThroughputTest {

    @Test
    void medianOfAnOddNumberIsTheMiddleValue() {
        assertThat(IngestThroughput.median(List.of(0.7, 0.8, 1.1))).isEqualTo(0.8);
    }

    @Test
    void medianOfAnEvenNumberIsTheMeanOfTheMiddleTwo() {
        // Not the upper middle: with the paths taking turns, that would favour one order.
        assertThat(IngestThroughput.median(List.of(0.6, 0.8, 0.9, 1.2)))
                .isEqualTo(0.85, org.assertj.core.data.Offset.offset(1e-9));
    }
}
