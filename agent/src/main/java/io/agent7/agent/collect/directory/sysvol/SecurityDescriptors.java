package io.agent7.agent.collect.directory.sysvol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Owner and DACL of a security descriptor in the neutral model, from its self-relative bytes:
 * as Windows' GetFileSecurity returns them, and as an SMB2 QUERY_INFO for security answers
 * (smbj's own decoder is not used: it fails on the object ACEs of GPO folders).
 *
 * <p>Only ACCESS_ALLOWED_ACE (type 0) and ACCESS_DENIED_ACE (type 1) are kept. The object
 * and callback types (5, 6, 9 to 0xC) are for directory objects and conditional access: the
 * file system's access check does not apply them to a file, and Samba writes an
 * ACCESS_ALLOWED_OBJECT_ACE for Authenticated Users into every GPO folder's DACL, copied from
 * the GPO's directory object. Audit and label types do not belong in a DACL.
 */
public final class SecurityDescriptors {

    /** The owner's SID (null when absent) and the DACL in order. */
    public record Parsed(String ownerSid, List<Ace> aces) {}

    static final int SE_DACL_PRESENT = 0x0004;
    static final int SE_SELF_RELATIVE = 0x8000;
    static final int ACCESS_ALLOWED_ACE_TYPE = 0;
    static final int ACCESS_DENIED_ACE_TYPE = 1;

    private static final int HEADER_SIZE = 20;
    private static final int ACL_HEADER_SIZE = 8;

    private SecurityDescriptors() {}

    /**
     * Parses a SECURITY_DESCRIPTOR_RELATIVE ([MS-DTYP] 2.4.6): revision 1, a byte of padding,
     * the control flags, then the offsets of owner, group, SACL and DACL from its start, all
     * little-endian. A DACL that is not present or has offset 0 is a null DACL:
     * {@link Ace#NULL_DACL}.
     *
     * @throws IllegalArgumentException naming what is wrong when the bytes are not one
     */
    public static Parsed parse(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        require(bytes.length >= HEADER_SIZE, "is " + bytes.length + " bytes, shorter than its 20-byte header");
        require(bytes[0] == 1, "has revision " + bytes[0] + ", not 1");
        int control = Short.toUnsignedInt(buffer.getShort(2));
        require(
                (control & SE_SELF_RELATIVE) != 0,
                "is not self-relative (control 0x" + Integer.toHexString(control) + ")");
        int ownerOffset = buffer.getInt(4);
        int daclOffset = buffer.getInt(16);
        String owner = ownerOffset == 0 ? null : sid(buffer, ownerOffset);
        if ((control & SE_DACL_PRESENT) == 0 || daclOffset == 0) {
            return new Parsed(owner, Ace.NULL_DACL);
        }
        return new Parsed(owner, dacl(buffer, daclOffset));
    }

    /** An ACL ([MS-DTYP] 2.4.5): revision, padding, size, ACE count, padding, then the ACEs. */
    private static List<Ace> dacl(ByteBuffer buffer, int offset) {
        require(offset + ACL_HEADER_SIZE <= buffer.limit(), "has its DACL at " + offset + ", past its end");
        int aclSize = Short.toUnsignedInt(buffer.getShort(offset + 2));
        int count = Short.toUnsignedInt(buffer.getShort(offset + 4));
        int end = offset + aclSize;
        require(end <= buffer.limit(), "has a DACL of " + aclSize + " bytes that runs past its end");
        List<Ace> aces = new ArrayList<>(count);
        int position = offset + ACL_HEADER_SIZE;
        for (int i = 0; i < count; i++) {
            require(position + 4 <= end, "has ACE " + i + " past the end of its DACL");
            int type = Byte.toUnsignedInt(buffer.get(position));
            int flags = Byte.toUnsignedInt(buffer.get(position + 1));
            int size = Short.toUnsignedInt(buffer.getShort(position + 2));
            require(size >= 4 && position + size <= end, "has ACE " + i + " of size " + size + " outside its DACL");
            if (type == ACCESS_ALLOWED_ACE_TYPE || type == ACCESS_DENIED_ACE_TYPE) {
                // ACCESS_ALLOWED_ACE / ACCESS_DENIED_ACE ([MS-DTYP] 2.4.4.2, 2.4.4.4): header, mask, SID.
                require(size >= 16, "has ACE " + i + " of size " + size + ", too short for a mask and a SID");
                long mask = Integer.toUnsignedLong(buffer.getInt(position + 4));
                Ace.Type kind = type == ACCESS_ALLOWED_ACE_TYPE ? Ace.Type.ALLOW : Ace.Type.DENY;
                aces.add(Ace.of(sid(buffer, position + 8), kind, mask, flags));
            }
            position += size;
        }
        return aces;
    }

    /**
     * A SID ([MS-DTYP] 2.4.2.2) in its string form: revision, count of sub-authorities, a
     * 48-bit big-endian identifier authority, then the sub-authorities, little-endian (the
     * buffer must be in little-endian order).
     */
    static String sid(ByteBuffer buffer, int offset) {
        require(offset >= 0 && offset + 8 <= buffer.limit(), "has a SID at " + offset + ", past its end");
        int revision = Byte.toUnsignedInt(buffer.get(offset));
        int count = Byte.toUnsignedInt(buffer.get(offset + 1));
        require(revision == 1, "has a SID of revision " + revision + " at " + offset);
        require(offset + 8 + 4 * count <= buffer.limit(), "has a SID at " + offset + " that runs past its end");
        long authority = 0;
        for (int i = 0; i < 6; i++) {
            authority = (authority << 8) | Byte.toUnsignedLong(buffer.get(offset + 2 + i));
        }
        // [MS-DTYP] 2.4.2.1: an authority of 2^32 or more is written in hex.
        StringBuilder sid = new StringBuilder("S-1-")
                .append(authority < (1L << 32) ? Long.toString(authority) : String.format("0x%012X", authority));
        for (int i = 0; i < count; i++) {
            sid.append('-').append(Integer.toUnsignedLong(buffer.getInt(offset + 8 + 4 * i)));
        }
        return sid.toString();
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("The security descriptor " + problem);
        }
    }
}
