package io.agent7.agent.collect.windows;

import java.time.Instant;
import java.util.Optional;

/**
 * The two clocks the Win32 APIs report times in, to {@link Instant} and back.
 *
 * <p>A FILETIME counts 100-nanosecond ticks since 1601-01-01 UTC in a 64-bit value (split in
 * {@code dwLowDateTime} and {@code dwHighDateTime} when it is a structure). 0 means "never" or
 * "not set", and so does {@code 0x7FFFFFFFFFFFFFFF} (the largest LARGE_INTEGER: SAM's "account
 * never expires", and what LSA reports for a logon that never ends); a negative value is not a
 * time either.
 *
 * <p>The LAN Manager API (NetUserEnum, NetSessionEnum ...) counts seconds since 1970-01-01 UTC
 * in an unsigned DWORD, 0 meaning "never" (e.g. {@code usri3_last_logon} of an account never
 * used) and {@code TIMEQ_FOREVER} (0xFFFFFFFF) meaning "forever" ({@code usri3_acct_expires}
 * of an account that never expires).
 */
public final class FileTimes {

    /** {@code TIMEQ_FOREVER} of lmaccess.h: a LAN Manager time that never comes. */
    public static final int TIMEQ_FOREVER = 0xFFFFFFFF;
    /** The largest FILETIME, which SAM and LSA use for "never". */
    public static final long NEVER = Long.MAX_VALUE;

    private static final long TICKS_PER_SECOND = 10_000_000L;
    /** Seconds from 1601-01-01 to 1970-01-01. */
    private static final long EPOCH_DIFFERENCE_SECONDS = 11_644_473_600L;

    private FileTimes() {}

    /** The instant a FILETIME stands for, or empty when it means "never" or is not a time. */
    public static Optional<Instant> instant(long ticks) {
        if (ticks <= 0 || ticks == NEVER) {
            return Optional.empty();
        }
        long seconds = Math.floorDiv(ticks, TICKS_PER_SECOND) - EPOCH_DIFFERENCE_SECONDS;
        long nanos = Math.floorMod(ticks, TICKS_PER_SECOND) * 100;
        return Optional.of(Instant.ofEpochSecond(seconds, nanos));
    }

    /** The instant of a FILETIME structure, whose two halves are unsigned DWORDs. */
    public static Optional<Instant> instant(int lowDateTime, int highDateTime) {
        return instant(ticks(lowDateTime, highDateTime));
    }

    /** The 64-bit tick count of a FILETIME structure's two halves. */
    public static long ticks(int lowDateTime, int highDateTime) {
        return ((long) highDateTime << 32) | Integer.toUnsignedLong(lowDateTime);
    }

    /** The FILETIME of an instant, truncated to the 100-ns tick. */
    public static long ticks(Instant instant) {
        long seconds = instant.getEpochSecond() + EPOCH_DIFFERENCE_SECONDS;
        return Math.addExact(Math.multiplyExact(seconds, TICKS_PER_SECOND), instant.getNano() / 100);
    }

    /**
     * The instant of a LAN Manager time (seconds since 1970 in an unsigned DWORD), or empty for
     * 0 ("never") and {@link #TIMEQ_FOREVER}.
     */
    public static Optional<Instant> netTime(int seconds) {
        if (seconds == 0 || seconds == TIMEQ_FOREVER) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(Integer.toUnsignedLong(seconds)));
    }

    /** The LAN Manager time of an instant, 0 for none; the second is truncated. */
    public static int netTime(Instant instant) {
        if (instant == null) {
            return 0;
        }
        long seconds = instant.getEpochSecond();
        if (seconds <= 0 || seconds >= 0xFFFFFFFFL) {
            throw new IllegalArgumentException(
                    "A LAN Manager time is 1970-01-01T00:00:01Z to 2106-02-07T06:28:14Z, not " + instant);
        }
        return (int) seconds;
    }
}
