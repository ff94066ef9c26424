package io.agent7.agent.collect.directory.sysvol;

import java.util.ArrayList;
import java.util.List;

/**
 * File access masks ([MS-DTYP] 2.4.3, winnt.h) and the names documents give them.
 *
 * <p>The vocabulary follows icacls. The composites come first, each only when every bit of
 * it is set: {@code full_control} (0x1F01FF), else {@code modify} (0x1301BF), else
 * {@code read_execute} (0x1200A9) or {@code read} (0x120089) and {@code write} (0x100116).
 * Bits no composite took are named one by one: {@code read_data}, {@code write_data},
 * {@code append_data}, {@code read_ea}, {@code write_ea}, {@code execute},
 * {@code delete_child}, {@code read_attributes}, {@code write_attributes}, {@code delete},
 * {@code read_permissions}, {@code write_dac}, {@code write_owner}, {@code synchronize},
 * {@code access_system_security}, {@code maximum_allowed}, {@code generic_all},
 * {@code generic_execute}, {@code generic_write}, {@code generic_read}. Other bits have no
 * name; {@code access_mask} keeps them.
 */
final class AccessRights {

    static final long FILE_READ_DATA = 0x1;
    static final long FILE_WRITE_DATA = 0x2;
    static final long FILE_APPEND_DATA = 0x4;
    static final long FILE_DELETE_CHILD = 0x40;
    static final long DELETE = 0x10000;
    static final long WRITE_DAC = 0x40000;
    static final long WRITE_OWNER = 0x80000;
    static final long READ_CONTROL = 0x20000;
    static final long GENERIC_ALL = 0x10000000L;
    static final long GENERIC_EXECUTE = 0x20000000L;
    static final long GENERIC_WRITE = 0x40000000L;
    static final long GENERIC_READ = 0x80000000L;

    static final long FILE_ALL_ACCESS = 0x1F01FF;
    static final long MODIFY = 0x1301BF;
    static final long READ_EXECUTE = 0x1200A9;
    static final long FILE_GENERIC_READ = 0x120089;
    static final long FILE_GENERIC_WRITE = 0x120116;
    static final long FILE_GENERIC_EXECUTE = 0x1200A0;
    /** icacls' "W": FILE_GENERIC_WRITE without READ_CONTROL. */
    static final long WRITE = 0x100116;

    /**
     * The rights that let a principal change what domain members run or read from SYSVOL:
     * replace or extend content (write_data, append_data; on a folder, add files and
     * subfolders), remove it (delete, delete_child) or give themselves any of these
     * (write_dac, write_owner). Generic bits count through {@link #effective}. Left out on
     * purpose: write_ea and write_attributes, which change timestamps, flags and extended
     * attributes but not what a client reads.
     */
    static final long WRITE_RIGHTS =
            FILE_WRITE_DATA | FILE_APPEND_DATA | FILE_DELETE_CHILD | DELETE | WRITE_DAC | WRITE_OWNER;

    private record Named(long bits, String name) {}

    private static final List<Named> SINGLE = List.of(
            new Named(FILE_READ_DATA, "read_data"),
            new Named(FILE_WRITE_DATA, "write_data"),
            new Named(FILE_APPEND_DATA, "append_data"),
            new Named(0x8, "read_ea"),
            new Named(0x10, "write_ea"),
            new Named(0x20, "execute"),
            new Named(FILE_DELETE_CHILD, "delete_child"),
            new Named(0x80, "read_attributes"),
            new Named(0x100, "write_attributes"),
            new Named(DELETE, "delete"),
            new Named(READ_CONTROL, "read_permissions"),
            new Named(WRITE_DAC, "write_dac"),
            new Named(WRITE_OWNER, "write_owner"),
            new Named(0x100000, "synchronize"),
            new Named(0x1000000, "access_system_security"),
            new Named(0x2000000, "maximum_allowed"),
            new Named(GENERIC_ALL, "generic_all"),
            new Named(GENERIC_EXECUTE, "generic_execute"),
            new Named(GENERIC_WRITE, "generic_write"),
            new Named(GENERIC_READ, "generic_read"));

    private AccessRights() {}

    /** The mask's names in the vocabulary above. */
    static List<String> names(long mask) {
        List<String> names = new ArrayList<>();
        long named = 0;
        if (has(mask, FILE_ALL_ACCESS)) {
            names.add("full_control");
            named = FILE_ALL_ACCESS;
        } else if (has(mask, MODIFY)) {
            names.add("modify");
            named = MODIFY;
        } else {
            if (has(mask, READ_EXECUTE)) {
                names.add("read_execute");
                named |= READ_EXECUTE;
            } else if (has(mask, FILE_GENERIC_READ)) {
                names.add("read");
                named |= FILE_GENERIC_READ;
            }
            if (has(mask, WRITE)) {
                names.add("write");
                named |= WRITE;
            }
        }
        long rest = mask & ~named;
        for (Named single : SINGLE) {
            if ((rest & single.bits()) != 0) {
                names.add(single.name());
            }
        }
        return names;
    }

    /**
     * The mask with generic bits replaced by the file rights they stand for (the file
     * object's generic mapping), as the access check applies them.
     */
    static long effective(long mask) {
        long rights = mask & ~(GENERIC_ALL | GENERIC_EXECUTE | GENERIC_WRITE | GENERIC_READ);
        if ((mask & GENERIC_ALL) != 0) {
            rights |= FILE_ALL_ACCESS;
        }
        if ((mask & GENERIC_EXECUTE) != 0) {
            rights |= FILE_GENERIC_EXECUTE;
        }
        if ((mask & GENERIC_WRITE) != 0) {
            rights |= FILE_GENERIC_WRITE;
        }
        if ((mask & GENERIC_READ) != 0) {
            rights |= FILE_GENERIC_READ;
        }
        return rights;
    }

    private static boolean has(long mask, long bits) {
        return (mask & bits) == bits;
    }
}
