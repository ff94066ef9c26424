package io.agent7.agent.collect.windows.accounts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The {@code UF_*} bits of {@code usri3_flags} (lmaccess.h), named without their prefix. */
public final class UserFlags {

    static final int ACCOUNTDISABLE = 0x0002;
    static final int LOCKOUT = 0x0010;
    static final int DONT_EXPIRE_PASSWD = 0x10000;

    /**
     * In bit order. UF_SCRIPT (0x1), which NetUserAdd requires on every account, and
     * UF_NORMAL_ACCOUNT (0x200), which every account NetUserEnum lists with FILTER_NORMAL_ACCOUNT
     * has, say nothing about an account and are left out.
     */
    private static final List<Flag> NAMED = List.of(
            new Flag(ACCOUNTDISABLE, "ACCOUNTDISABLE"),
            new Flag(0x0008, "HOMEDIR_REQUIRED"),
            new Flag(LOCKOUT, "LOCKOUT"),
            new Flag(0x0020, "PASSWD_NOTREQD"),
            new Flag(0x0040, "PASSWD_CANT_CHANGE"),
            new Flag(0x0080, "ENCRYPTED_TEXT_PASSWORD_ALLOWED"),
            new Flag(0x0100, "TEMP_DUPLICATE_ACCOUNT"),
            new Flag(0x0800, "INTERDOMAIN_TRUST_ACCOUNT"),
            new Flag(0x1000, "WORKSTATION_TRUST_ACCOUNT"),
            new Flag(0x2000, "SERVER_TRUST_ACCOUNT"),
            new Flag(DONT_EXPIRE_PASSWD, "DONT_EXPIRE_PASSWD"),
            new Flag(0x20000, "MNS_LOGON_ACCOUNT"),
            new Flag(0x40000, "SMARTCARD_REQUIRED"),
            new Flag(0x80000, "TRUSTED_FOR_DELEGATION"),
            new Flag(0x100000, "NOT_DELEGATED"),
            new Flag(0x200000, "USE_DES_KEY_ONLY"),
            new Flag(0x400000, "DONT_REQUIRE_PREAUTH"),
            new Flag(0x800000, "PASSWORD_EXPIRED"),
            new Flag(0x1000000, "TRUSTED_TO_AUTHENTICATE_FOR_DELEGATION"),
            new Flag(0x4000000, "PARTIAL_SECRETS_ACCOUNT"));

    private record Flag(int bit, String name) {}

    private UserFlags() {}

    static List<String> names(int flags) {
        List<String> names = new ArrayList<>();
        for (Flag flag : NAMED) {
            if ((flags & flag.bit()) != 0) {
                names.add(flag.name());
            }
        }
        return names;
    }

    /**
     * The {@code usri3_flags} of an account with these named flags, with UF_SCRIPT and
     * UF_NORMAL_ACCOUNT, which every account NetUserEnum lists carries.
     *
     * @throws IllegalArgumentException for a name that is not a UF_ flag
     */
    public static int bits(Collection<String> names) {
        int flags = 0x0001 | 0x0200;
        for (String name : names) {
            flags |= NAMED.stream()
                    .filter(flag -> flag.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(name + " is not a UF_ flag; known: "
                            + NAMED.stream().map(Flag::name).toList()))
                    .bit();
        }
        return flags;
    }

    static boolean has(int flags, int bit) {
        return (flags & bit) != 0;
    }
}
