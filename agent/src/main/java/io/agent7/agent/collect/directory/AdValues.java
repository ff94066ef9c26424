package io.agent7.agent.collect.directory;

import com.hierynomus.msdtyp.SID;
import com.hierynomus.protocol.commons.buffer.Buffer;
import com.hierynomus.smb.SMBBuffer;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.util.StaticUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Active Directory's encodings of the attributes the collectors read: binary SIDs and GUIDs,
 * FILETIME timestamps (100-nanosecond ticks since 1601, with 0 and 2^63-1 for "never"),
 * negative tick intervals (password and lockout policy), generalized time, and the
 * userAccountControl flags.
 */
public final class AdValues {

    /** FILETIME of the Unix epoch: the ticks between 1601-01-01 and 1970-01-01. */
    private static final long EPOCH_TICKS = 116_444_736_000_000_000L;

    /** userAccountControl flags (MS-ADTS 2.2.16), by bit, with the names Microsoft's docs use. */
    public static final int ACCOUNTDISABLE = 0x2;

    public static final int LOCKOUT = 0x10;
    public static final int PASSWD_NOTREQD = 0x20;
    public static final int NORMAL_ACCOUNT = 0x200;
    public static final int WORKSTATION_TRUST_ACCOUNT = 0x1000;
    public static final int SERVER_TRUST_ACCOUNT = 0x2000;
    public static final int DONT_EXPIRE_PASSWORD = 0x10000;
    public static final int TRUSTED_FOR_DELEGATION = 0x80000;
    public static final int NOT_DELEGATED = 0x100000;
    public static final int DONT_REQ_PREAUTH = 0x400000;
    public static final int TRUSTED_TO_AUTH_FOR_DELEGATION = 0x1000000;
    public static final int PARTIAL_SECRETS_ACCOUNT = 0x4000000;

    private static final String[] FLAG_NAMES = new String[32];

    static {
        FLAG_NAMES[0] = "SCRIPT";
        FLAG_NAMES[1] = "ACCOUNTDISABLE";
        FLAG_NAMES[3] = "HOMEDIR_REQUIRED";
        FLAG_NAMES[4] = "LOCKOUT";
        FLAG_NAMES[5] = "PASSWD_NOTREQD";
        FLAG_NAMES[6] = "PASSWD_CANT_CHANGE";
        FLAG_NAMES[7] = "ENCRYPTED_TEXT_PWD_ALLOWED";
        FLAG_NAMES[8] = "TEMP_DUPLICATE_ACCOUNT";
        FLAG_NAMES[9] = "NORMAL_ACCOUNT";
        FLAG_NAMES[11] = "INTERDOMAIN_TRUST_ACCOUNT";
        FLAG_NAMES[12] = "WORKSTATION_TRUST_ACCOUNT";
        FLAG_NAMES[13] = "SERVER_TRUST_ACCOUNT";
        FLAG_NAMES[16] = "DONT_EXPIRE_PASSWORD";
        FLAG_NAMES[17] = "MNS_LOGON_ACCOUNT";
        FLAG_NAMES[18] = "SMARTCARD_REQUIRED";
        FLAG_NAMES[19] = "TRUSTED_FOR_DELEGATION";
        FLAG_NAMES[20] = "NOT_DELEGATED";
        FLAG_NAMES[21] = "USE_DES_KEY_ONLY";
        FLAG_NAMES[22] = "DONT_REQ_PREAUTH";
        FLAG_NAMES[23] = "PASSWORD_EXPIRED";
        FLAG_NAMES[24] = "TRUSTED_TO_AUTH_FOR_DELEGATION";
        FLAG_NAMES[26] = "PARTIAL_SECRETS_ACCOUNT";
    }

    private AdValues() {}

    /** The names of the flags set in a userAccountControl value, lowest bit first; unknown bits as {@code 0x...}. */
    public static List<String> uacFlags(long uac) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((uac & (1L << bit)) != 0) {
                names.add(FLAG_NAMES[bit] != null ? FLAG_NAMES[bit] : String.format(Locale.ROOT, "0x%X", 1L << bit));
            }
        }
        return names;
    }

    /** A binary objectSid as {@code S-1-5-21-...}; null for a missing or malformed value. */
    public static String sid(byte[] value) {
        if (value == null || value.length < 8) {
            return null;
        }
        try {
            return SID.read(new SMBBuffer(value)).toString();
        } catch (Buffer.BufferException e) {
            return null;
        }
    }

    /** The relative id: the last sub-authority of a SID, or -1. */
    public static long rid(String sid) {
        if (sid == null) {
            return -1;
        }
        int dash = sid.lastIndexOf('-');
        try {
            return Long.parseLong(sid.substring(dash + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The SID of the domain an account's SID belongs to: the account SID without its RID. */
    public static String domainOf(String sid) {
        return sid == null ? null : sid.substring(0, sid.lastIndexOf('-'));
    }

    /** A binary objectGUID in its usual text form: the first three fields are little-endian. */
    public static String guid(byte[] value) {
        if (value == null || value.length != 16) {
            return null;
        }
        ByteBuffer little = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        return String.format(
                Locale.ROOT,
                "%08x-%04x-%04x-%s-%s",
                little.getInt(0),
                little.getShort(4),
                little.getShort(6),
                StaticUtils.toHex(new byte[] {value[8], value[9]}),
                StaticUtils.toHex(java.util.Arrays.copyOfRange(value, 10, 16)));
    }

    /**
     * A FILETIME attribute (lastLogonTimestamp, pwdLastSet, accountExpires, lockoutTime) as an
     * instant; null for 0 and 2^63-1, which mean "never", and for a missing or malformed value.
     */
    public static Instant fileTime(String value) {
        if (value == null) {
            return null;
        }
        long ticks;
        try {
            ticks = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (ticks <= 0 || ticks == Long.MAX_VALUE) {
            return null;
        }
        long sinceEpoch = ticks - EPOCH_TICKS;
        return Instant.ofEpochSecond(
                Math.floorDiv(sinceEpoch, 10_000_000L), Math.floorMod(sinceEpoch, 10_000_000L) * 100);
    }

    /** An instant as FILETIME ticks: for writing lastLogonTimestamp and the like in tests and the simulator. */
    public static long toFileTime(Instant instant) {
        return instant.getEpochSecond() * 10_000_000L + instant.getNano() / 100 + EPOCH_TICKS;
    }

    /**
     * A policy interval (maxPwdAge, lockoutDuration, ...), stored as negative ticks; null when
     * missing; {@link Duration#ZERO} for "never" (0 or -2^63).
     */
    public static Duration interval(String value) {
        if (value == null) {
            return null;
        }
        long ticks;
        try {
            ticks = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (ticks == 0 || ticks == Long.MIN_VALUE) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.abs(ticks) / 10 * 1_000);
    }

    /** A generalized time attribute (whenCreated, whenChanged) as an instant; null when missing or malformed. */
    public static Instant generalizedTime(String value) {
        if (value == null) {
            return null;
        }
        try {
            return StaticUtils.decodeGeneralizedTime(value).toInstant();
        } catch (ParseException e) {
            return null;
        }
    }

    /** A whole-number attribute, or null when missing or malformed. */
    public static Long number(Entry entry, String attribute) {
        String value = entry.getAttributeValue(attribute);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The DNS name of a naming context: {@code DC=corp,DC=example,DC=com} is {@code corp.example.com}. */
    public static String dnsName(String namingContext) {
        StringBuilder dns = new StringBuilder();
        for (String part : namingContext.split(",")) {
            String rdn = part.trim();
            if (rdn.regionMatches(true, 0, "DC=", 0, 3)) {
                if (dns.length() > 0) {
                    dns.append('.');
                }
                dns.append(rdn.substring(3));
            }
        }
        return dns.toString().toLowerCase(Locale.ROOT);
    }

    /** The naming context of a DNS domain name: {@code corp.example.com} is {@code DC=corp,DC=example,DC=com}. */
    public static String namingContext(String dnsName) {
        StringBuilder dn = new StringBuilder();
        for (String label : dnsName.split("\\.")) {
            if (dn.length() > 0) {
                dn.append(',');
            }
            dn.append("DC=").append(label);
        }
        return dn.toString();
    }
}
