package io.agent7.agent.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningCommandsTest {

    @Test
    void aRunsProcessIsRecordedWithItsStartTimeAndForgottenAtItsEnd(@TempDir Path state) throws Exception {
        RunningCommands running = RunningCommands.open(state);
        running.started("c1");
        running.started("c2");
        ProcessHandle self = ProcessHandle.current();
        running.process("c1", self);
        running.process("unknown", self);

        RunningCommands again = RunningCommands.open(state);
        assertThat(again.leftOver()).containsExactly("c1", "c2");
        assertThat(again.process("c1")).hasValueSatisfying(p -> {
            assertThat(p.pid()).isEqualTo(self.pid());
            assertThat(p.start().toEpochMilli())
                    .isEqualTo(self.info().startInstant().orElseThrow().toEpochMilli());
        });
        assertThat(again.process("c2"))
                .as("a built-in action starts no process")
                .isEmpty();
        assertThat(again.process("unknown")).as("only commands it started").isEmpty();

        again.ended("c1");
        assertThat(RunningCommands.open(state).leftOver()).containsExactly("c2");
        assertThat(RunningCommands.open(state).process("c1")).isEmpty();
    }

    @Test
    void aFileOfAnEarlierVersionWithIdsOnlyIsRead(@TempDir Path state) throws Exception {
        Files.writeString(state.resolve(RunningCommands.FILE), "c1\n\nc2 not-a-pid 12\n", StandardCharsets.UTF_8);
        RunningCommands running = RunningCommands.open(state);
        assertThat(running.leftOver()).containsExactly("c1", "c2");
        assertThat(running.process("c1")).isEmpty();
        assertThat(running.process("c2")).isEmpty();
    }
}
