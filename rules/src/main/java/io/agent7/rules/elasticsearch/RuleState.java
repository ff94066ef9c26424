package io.agent7.rules.elasticsearch;

import java.time.Instant;

/**
 * Where a rule stands, as stored in {@code agent7-rule-state}, with the sequence number and
 * primary term it was read at: every change is written only if nobody changed it since.
 *
 * @param version the rule version the failures and flag are about: a new version starts clean
 */
public record RuleState(
        String ruleId,
        String owner,
        Instant leaseUntil,
        Instant checkpoint,
        int version,
        long failures,
        Instant retryAt,
        boolean flagged,
        String lastError,
        Instant lastRunAt,
        Instant runRequestedAt,
        Long seqNo,
        Long primaryTerm) {

    public static RuleState fresh(String ruleId) {
        return new RuleState(ruleId, null, null, null, 0, 0, null, false, null, null, null, null, null);
    }

    public boolean stored() {
        return seqNo != null;
    }

    public boolean leasedByOtherThan(String instance, Instant now) {
        return owner != null && !owner.equals(instance) && leaseUntil != null && leaseUntil.isAfter(now);
    }

    /** Whether someone asked for a run after the last one. */
    public boolean runRequested() {
        return runRequestedAt != null && (lastRunAt == null || runRequestedAt.isAfter(lastRunAt));
    }

    public RuleState leased(String instance, Instant until) {
        return new RuleState(
                ruleId,
                instance,
                until,
                checkpoint,
                version,
                failures,
                retryAt,
                flagged,
                lastError,
                lastRunAt,
                runRequestedAt,
                seqNo,
                primaryTerm);
    }

    public RuleState at(long newSeqNo, long newPrimaryTerm) {
        return new RuleState(
                ruleId,
                owner,
                leaseUntil,
                checkpoint,
                version,
                failures,
                retryAt,
                flagged,
                lastError,
                lastRunAt,
                runRequestedAt,
                newSeqNo,
                newPrimaryTerm);
    }

    /** After a successful run: the checkpoint moves, failures are forgotten, the lease is let go. */
    public RuleState succeeded(int ruleVersion, Instant newCheckpoint, Instant ranAt) {
        return new RuleState(
                ruleId,
                owner,
                ranAt,
                newCheckpoint,
                ruleVersion,
                0,
                null,
                false,
                null,
                ranAt,
                runRequestedAt,
                seqNo,
                primaryTerm);
    }

    /** After a failed run: the checkpoint stays, the failure counts, the next try waits. */
    public RuleState failed(int ruleVersion, String error, Instant ranAt, Instant retry, boolean flag) {
        long count = ruleVersion == version ? failures + 1 : 1;
        return new RuleState(
                ruleId,
                owner,
                ranAt,
                checkpoint,
                ruleVersion,
                count,
                retry,
                flag,
                error,
                ranAt,
                runRequestedAt,
                seqNo,
                primaryTerm);
    }
}
