package io.agent7.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatusTest {

    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void readsANumberOfThisProcess() throws Exception {
        assertThat(ProcStatus.field(SELF, "Threads")).isGreaterThanOrEqualTo(Thread.activeCount());
        // The resident size first: it may grow before the next read, and the peak never falls.
        long resident = ProcStatus.field(SELF, "VmRSS");
        assertThat(resident).isPositive();
        assertThat(ProcStatus.field(SELF, "VmHWM")).isGreaterThanOrEqualTo(resident);
    }

    @Test
    void answersZeroForAFieldTheProcessDoesNotHave() throws Exception {
        assertThat(ProcStatus.field(SELF, "NoSuchField")).isZero();
    }
}
