package io.agent7.simulator.host;

import com.unboundid.ldap.sdk.Entry;
import io.agent7.agent.collect.directory.AdValues;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;

/**
 * Writes a directory entry with the encodings a domain controller uses: binary objectSid and
 * objectGUID, FILETIME ticks and intervals as decimal text, generalized time, numbers as text.
 * Setters skip a missing value, as a DC leaves out an attribute that has none.
 */
final class AdEntry {

    private static final DateTimeFormatter GENERALIZED =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'.0Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long TICKS_PER_MILLI = 10_000L;

    private final Entry entry;

    AdEntry(String dn) {
        this.entry = new Entry(dn);
    }

    AdEntry text(String attribute, String value) {
        if (value != null) {
            entry.addAttribute(attribute, value);
        }
        return this;
    }

    AdEntry texts(String attribute, Collection<String> values) {
        if (!values.isEmpty()) {
            entry.addAttribute(attribute, values.toArray(String[]::new));
        }
        return this;
    }

    AdEntry number(String attribute, long value) {
        return text(attribute, Long.toString(value));
    }

    /** objectSid as the DC sends it: revision, count, 48-bit authority big-endian, sub-authorities little-endian. */
    AdEntry sid(String sid) {
        entry.addAttribute("objectSid", sidBytes(sid));
        return this;
    }

    AdEntry guid(long hash) {
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(Seeds.mix(hash)).putLong(Seeds.mix(hash ^ 0x6D1DL));
        entry.addAttribute("objectGUID", bytes.array());
        return this;
    }

    /** A FILETIME attribute (lastLogonTimestamp, pwdLastSet, ...) from epoch milliseconds; skipped when negative. */
    AdEntry fileTime(String attribute, long millis) {
        return millis < 0 ? this : number(attribute, AdValues.toFileTime(Instant.ofEpochMilli(millis)));
    }

    /** A policy interval (maxPwdAge, lockoutDuration, ...): negative ticks. */
    AdEntry interval(String attribute, long millis) {
        return number(attribute, -millis * TICKS_PER_MILLI);
    }

    /** whenCreated, whenChanged: generalized time in UTC. */
    AdEntry generalizedTime(String attribute, long millis) {
        return text(attribute, GENERALIZED.format(Instant.ofEpochMilli(millis)));
    }

    Entry build() {
        return entry;
    }

    static byte[] sidBytes(String sid) {
        String[] parts = sid.split("-");
        if (parts.length < 3 || !parts[0].equals("S")) {
            throw new IllegalArgumentException("Not a SID: " + sid);
        }
        int subAuthorities = parts.length - 3;
        ByteBuffer out = ByteBuffer.allocate(8 + 4 * subAuthorities).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) Integer.parseInt(parts[1])).put((byte) subAuthorities);
        long authority = Long.parseLong(parts[2]);
        for (int shift = 40; shift >= 0; shift -= 8) {
            out.put((byte) (authority >>> shift));
        }
        for (int i = 3; i < parts.length; i++) {
            out.putInt((int) Long.parseLong(parts[i]));
        }
        return out.array();
    }
}
