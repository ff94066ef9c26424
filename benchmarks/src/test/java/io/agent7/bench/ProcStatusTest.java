package io.agent7.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatusTest {

    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void readsANumberOfThisProcess() throws Exception {
        assertThat(ProcStatus.field(SELF, "Threads")).isGreaterThanOrEqualTo(Thread.activeCount());
        assertThat(ProcStatus.field(SELF, "VmHWM")).isGreaterThanOrEqualTo(ProcStatus.field(SELF, "VmRSS"));
        assertThat(ProcStatus.field(SELF, "VmRSS")).isPositive();
    }

    @Test
    void answersZeroForAFieldTheProcessDoesNotHave() throws Exception {
        assertThat(ProcStatus.field(SELF, "NoSuchField")).isZero();
    }
}
