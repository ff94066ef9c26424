package io.agent7.detections.engine;

import io.agent7.rules.Rule;
import io.agent7.rules.Window;
import java.time.Duration;
import java.time.Instant;

/**
 * Which span of time a rule's next run searches. This is the part of the engine an auditor
 * asks about ("can an item be missed?"), so here is the whole argument.
 *
 * <h2>What is searched</h2>
 * Rules search {@code event.ingested}: the ingest API's clock when it first wrote an item.
 * Unlike the agent's collection time, it only grows with what reaches the index, so an item
 * sent late by a host that was offline is still "new" when it arrives.
 *
 * <h2>The checkpoint</h2>
 * Each rule has a checkpoint C: the end of the last window it searched successfully. A run
 * searches [C − overlap, end) and, only if every step of it succeeded (search, alert writes,
 * run record aside), sets C := end. A failed run leaves C where it was, so the next run
 * searches the same span again (and more); since alert ids are deterministic, what the failed
 * run had already written is written again as the same alerts, never as second ones.
 *
 * <h2>Why the overlap</h2>
 * An item is given its {@code event.ingested} when the ingest API builds the write, but it
 * becomes searchable only after the write is acknowledged and the index refreshes (5 s by
 * default). An item stamped just before a run's end may therefore be invisible to that run;
 * the next run starts {@code overlap} (default 1 m) before C and finds it. The guarantee is:
 * an item is found as long as it becomes searchable within {@code overlap} of its stamp. The
 * ingest API's write timeout is below that; an operator who stretches either must keep it so.
 *
 * <h2>Catching up</h2>
 * After downtime C may be far behind. One search over days of data would be slow and could
 * hit the per-run alert cap, so the engine runs consecutive windows of at most
 * {@code maxWindow} each, back to back (trigger {@code catch_up}), until C reaches the present.
 * Data older than {@code maxCatchUp} is not searched: that span is reported as a gap on the
 * run record, [C, now − maxCatchUp), and C moves to its end. Nothing is skipped silently.
 *
 * <h2>The first run</h2>
 * A rule without a checkpoint (new, or its state lost) starts one interval back: it looks at
 * what arrived during the interval before it, as if it had run then.
 */
final class Windows {

    private Windows() {}

    /**
     * The next window of a rule.
     *
     * @param window  what to search
     * @param catchUp whether the window ends before {@code now}: another run follows at once
     * @param gap     the span given up as too old to catch up, or null
     */
    record Next(Window window, boolean catchUp, Window gap) {}

    /**
     * @param checkpoint the end of the last window searched, or null if none was
     * @param now        the engine's clock at the run's start
     */
    static Next next(Rule rule, Instant checkpoint, Instant now, Duration maxWindow, Duration maxCatchUp) {
        Window gap = null;
        Instant covered = checkpoint;
        if (covered == null) {
            covered = now.minus(rule.interval());
        }
        if (covered.isAfter(now)) {
            // A checkpoint ahead of this clock: another instance's clock runs fast. Search up to
            // it again rather than leave a hole; the ids keep the alerts single.
            covered = now;
        }
        Instant oldest = now.minus(maxCatchUp);
        if (covered.isBefore(oldest)) {
            gap = new Window(covered, oldest);
            covered = oldest;
        }
        Instant start = checkpoint == null ? covered : covered.minus(rule.overlap());
        Instant end = covered.plus(maxWindow.compareTo(rule.interval()) < 0 ? rule.interval() : maxWindow);
        boolean catchUp = end.isBefore(now);
        if (!catchUp) {
            end = now;
        }
        return new Next(new Window(start, end), catchUp, gap);
    }

    /**
     * When a rule is next due: one interval after its checkpoint; at once while it catches up
     * (its checkpoint is more than an interval behind).
     */
    static Instant due(Rule rule, Instant checkpoint) {
        return checkpoint == null ? Instant.EPOCH : checkpoint.plus(rule.interval());
    }
}
