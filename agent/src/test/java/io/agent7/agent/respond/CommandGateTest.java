package io.agent7.agent.respond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agent7.protocol.Command;
import io.agent7.protocol.CommandAllowlist;
import io.agent7.protocol.CommandRefusedException;
import io.agent7.protocol.CommandRefusedException.Reason;
import io.agent7.protocol.CommandSignature;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandGateTest {

    static final KeyPair SERVER = CommandSignature.newKeyPair();
    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path state;

    CommandGate gate;

    @BeforeEach
    void open() throws Exception {
        gate = gate(CommandAllowlist.builtInsOnly());
    }

    CommandGate gate(CommandAllowlist local) throws Exception {
        return new CommandGate(SERVER.getPublic(), "host-1", local, SeenCommands.open(state, CLOCK), CLOCK);
    }

    static Command command(String host, Command.Action action, List<String> argv, Instant issued, Instant expires) {
        return new Command(
                UUID.randomUUID().toString(),
                host,
                action,
                argv,
                Map.of(),
                false,
                Duration.ofSeconds(60),
                1 << 20,
                issued,
                expires,
                UUID.randomUUID().toString());
    }

    static Command processList() {
        return command("host-1", Command.Action.PROCESS_LIST, List.of(), NOW.minusSeconds(5), NOW.plusSeconds(600));
    }

    static String signed(Command command) {
        return CommandSignature.sign(command, SERVER.getPrivate());
    }

    Reason refusal(String signed) {
        return catchThrowableOfType(CommandRefusedException.class, () -> gate.admit(signed))
                .reason();
    }

    @Test
    void aSignedCommandForThisHostRunsOnce() throws Exception {
        Command command = processList();
        assertThat(gate.admit(signed(command))).isEqualTo(command);
        assertThat(refusal(signed(command))).isEqualTo(Reason.REPLAYED);
        // A restart does not forget it.
        assertThat(catchThrowableOfType(
                                CommandRefusedException.class,
                                () -> gate(CommandAllowlist.builtInsOnly()).admit(signed(command)))
                        .reason())
                .isEqualTo(Reason.REPLAYED);
    }

    @Test
    void whatTheServerDidNotSignIsRefused() {
        Command command = processList();
        assertThat(refusal(CommandSignature.sign(
                        command, CommandSignature.newKeyPair().getPrivate())))
                .isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(refusal(null)).isEqualTo(Reason.UNSIGNED);
        assertThat(refusal("{\"action\":\"run\",\"argv\":[\"/bin/sh\"]}")).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void anotherHostsExpiredOrFutureCommandIsRefused() {
        assertThat(refusal(signed(command("host-2", Command.Action.PROCESS_LIST, List.of(), NOW, NOW.plusSeconds(60)))))
                .isEqualTo(Reason.OTHER_HOST);
        assertThat(refusal(signed(command(
                        "host-1", Command.Action.PROCESS_LIST, List.of(), NOW.minusSeconds(120), NOW.minusSeconds(1)))))
                .isEqualTo(Reason.EXPIRED);
        assertThat(refusal(signed(command(
                        "host-1",
                        Command.Action.PROCESS_LIST,
                        List.of(),
                        NOW.plus(Duration.ofMinutes(10)),
                        NOW.plus(Duration.ofMinutes(20))))))
                .isEqualTo(Reason.NOT_YET_VALID);
        // Within the clock skew it is fine.
        Command early =
                command("host-1", Command.Action.PROCESS_LIST, List.of(), NOW.plusSeconds(60), NOW.plusSeconds(600));
        assertThat(gate.admit(signed(early))).isEqualTo(early);
    }

    @Test
    void theHostsOwnListWinsOverAnySignedCommand() throws Exception {
        Command run =
                command("host-1", Command.Action.RUN, List.of("/usr/bin/id"), NOW.minusSeconds(1), NOW.plusSeconds(60));
        CommandRefusedException refused =
                catchThrowableOfType(CommandRefusedException.class, () -> gate.admit(signed(run)));
        assertThat(refused.reason()).isEqualTo(Reason.NOT_ALLOWED_ON_HOST);
        assertThat(refused.getMessage()).contains("running /usr/bin/id is not allowed on this host");

        CommandGate allowsId = gate(new CommandAllowlist(
                java.util.Set.of(), List.of(CommandAllowlist.Executable.of("/usr/bin/id", List.of())), false));
        assertThat(allowsId.admit(signed(run))).isEqualTo(run);
        assertThat(catchThrowableOfType(CommandRefusedException.class, () -> allowsId.admit(signed(processList())))
                        .reason())
                .isEqualTo(Reason.NOT_ALLOWED_ON_HOST);
    }
}
