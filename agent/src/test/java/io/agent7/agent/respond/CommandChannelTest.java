package io.agent7.agent.respond;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.runtime.MutableClock;
import io.agent7.agent.transport.ServerException;
import io.agent7.protocol.CommandAllowlist;
import io.agent7.protocol.CommandReport;
import io.agent7.protocol.CommandStatus;
import io.agent7.protocol.CommandsAnswer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command channel's polling against a scripted server: long polls while they are held,
 * and asking after each check-in once something on the way cuts them.
 */
class CommandChannelTest {

    static final CommandsAnswer NONE = new CommandsAnswer(List.of());

    @TempDir
    Path state;

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));

    /** What the scripted server does with one poll. */
    interface Step {
        CommandsAnswer answer() throws ServerException;
    }

    /** A server that plays its steps in order, then stops the channel; it records each poll's wait. */
    final class ScriptedServer implements CommandChannel.Server {
        final Deque<Step> steps = new ArrayDeque<>();
        final List<Long> waits = new CopyOnWriteArrayList<>();
        volatile boolean done;

        ScriptedServer then(int times, Step step) {
            for (int i = 0; i < times; i++) {
                steps.add(step);
            }
            return this;
        }

        @Override
        public CommandsAnswer commands(Duration wait) throws ServerException {
            waits.add(wait.toSeconds());
            Step step = steps.poll();
            if (step == null) {
                done = true;
                return NONE;
            }
            return step.answer();
        }

        @Override
        public void commandOutput(String commandId, long seq, byte[] chunk) {}

        @Override
        public void commandReport(String commandId, CommandReport report) {}

        @Override
        public CommandStatus commandStatus(String commandId) {
            return new CommandStatus(commandId, "running", false);
        }
    }

    /** A long poll held, then cut by something on the way: an error after 40 s. */
    Step cutAfterHolding() {
        return () -> {
            clock.advance(Duration.ofSeconds(40));
            throw new ServerException(0, "connection reset", null, false, null);
        };
    }

    /** A poll the server held its full time, with nothing for the host. */
    Step heldFully() {
        return () -> {
            clock.advance(Duration.ofSeconds(30));
            return NONE;
        };
    }

    Thread start(ScriptedServer server, CommandChannel[] channel) throws Exception {
        CommandGate gate =
                new CommandGate(null, "h", CommandAllowlist.builtInsOnly(), SeenCommands.open(state, clock), clock);
        channel[0] = new CommandChannel(server, gate, null, state, clock, () -> !server.done);
        Thread thread = new Thread(channel[0], "channel-under-test");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void awaitPolls(ScriptedServer server, int polls) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.waits.size() < polls && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.waits).hasSizeGreaterThanOrEqualTo(polls);
    }

    @Test
    void longPollsCutOnTheWayFallBackToAskingAfterEachCheckin() throws Exception {
        ScriptedServer server = new ScriptedServer()
                .then(CommandChannel.CUTS_TO_FALL_BACK, cutAfterHolding())
                .then(1, () -> NONE);
        CommandChannel[] channel = new CommandChannel[1];
        Thread thread = start(server, channel);

        awaitPolls(server, CommandChannel.CUTS_TO_FALL_BACK);
        Thread.sleep(300);
        assertThat(server.waits).as("no poll until the next check-in").containsExactly(30L, 30L, 30L);
        channel[0].checkedIn();
        awaitPolls(server, CommandChannel.CUTS_TO_FALL_BACK + 1);
        assertThat(server.waits.get(CommandChannel.CUTS_TO_FALL_BACK))
                .as("asked without waiting")
                .isZero();
        channel[0].checkedIn();
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void emptyAnswersThatCameBackAtOnceWereNotHeldAndCountAsCut() throws Exception {
        ScriptedServer server = new ScriptedServer().then(CommandChannel.CUTS_TO_FALL_BACK, () -> NONE);
        CommandChannel[] channel = new CommandChannel[1];
        Thread thread = start(server, channel);
        awaitPolls(server, CommandChannel.CUTS_TO_FALL_BACK);
        Thread.sleep(300);
        assertThat(server.waits).as("no poll loop hammering the server").hasSize(CommandChannel.CUTS_TO_FALL_BACK);
        channel[0].checkedIn();
        thread.join(10_000);
        assertThat(server.waits).containsExactly(30L, 30L, 30L, 0L);
    }

    @Test
    void aPollHeldItsFullTimeStartsTheCountAgain() throws Exception {
        ScriptedServer server = new ScriptedServer()
                .then(2, cutAfterHolding())
                .then(1, heldFully())
                .then(2, cutAfterHolding())
                .then(1, heldFully());
        CommandChannel[] channel = new CommandChannel[1];
        Thread thread = start(server, channel);
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
        assertThat(server.waits).containsOnly(30L).hasSize(7);
    }

    @Test
    void theFallbackEndsAndALongPollIsTriedAgain() throws Exception {
        ScriptedServer server = new ScriptedServer()
                .then(CommandChannel.CUTS_TO_FALL_BACK, cutAfterHolding())
                .then(1, () -> {
                    clock.advance(CommandChannel.FALLBACK.plusSeconds(1));
                    return NONE;
                });
        CommandChannel[] channel = new CommandChannel[1];
        Thread thread = start(server, channel);
        awaitPolls(server, CommandChannel.CUTS_TO_FALL_BACK);
        channel[0].checkedIn();
        thread.join(10_000);
        assertThat(server.waits).containsExactly(30L, 30L, 30L, 0L, 30L);
    }

    @Test
    void aServerThatIsDownIsNotACut() throws Exception {
        ScriptedServer server = new ScriptedServer().then(2, () -> {
            throw new ServerException(0, "connection refused", null, false, null);
        });
        CommandChannel[] channel = new CommandChannel[1];
        Thread thread = start(server, channel);
        thread.join(20_000);
        assertThat(server.waits)
                .as("retried after a backoff, still as long polls")
                .containsExactly(30L, 30L, 30L);
    }
}
