package io.agent7.agent.collect.directory.sysvol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes self-relative security descriptors byte by byte as [MS-DTYP] 2.4.6 lays them out,
 * independently of the parser under test: header (revision 1, padding, control, four
 * offsets), then owner SID, then the DACL (header, then ACEs of type, flags, size, mask, SID).
 */
final class DescriptorBytes {

    static final int SE_DACL_PRESENT = 0x0004;
    static final int SE_SELF_RELATIVE = 0x8000;
    static final int SE_DACL_PROTECTED = 0x1000;
    static final int ALLOWED = 0;
    static final int DENIED = 1;
    static final int ALLOWED_OBJECT = 5;
    static final int OBJECT_INHERIT = 0x01;
    static final int CONTAINER_INHERIT = 0x02;
    static final int INHERIT_ONLY = 0x08;
    static final int INHERITED = 0x10;

    private int control = SE_SELF_RELATIVE | SE_DACL_PRESENT;
    private String owner;
    private boolean dacl = true;
    private final List<byte[]> aces = new ArrayList<>();

    DescriptorBytes control(int control) {
        this.control = control;
        return this;
    }

    DescriptorBytes owner(String sid) {
        this.owner = sid;
        return this;
    }

    /** Writes DACL offset 0: with SE_DACL_PRESENT still set, a null DACL. */
    DescriptorBytes noDacl() {
        this.dacl = false;
        return this;
    }

    DescriptorBytes ace(int type, int flags, long mask, String sid) {
        byte[] sidBytes = sid(sid);
        ByteBuffer ace = little(8 + sidBytes.length);
        ace.put((byte) type).put((byte) flags).putShort((short) (8 + sidBytes.length));
        ace.putInt((int) mask).put(sidBytes);
        aces.add(ace.array());
        return this;
    }

    /** An ACCESS_ALLOWED_OBJECT_ACE with an object type GUID, as Samba writes on GPO folders. */
    DescriptorBytes objectAce(int flags, long mask, String sid) {
        byte[] sidBytes = sid(sid);
        int size = 4 + 4 + 4 + 16 + sidBytes.length;
        ByteBuffer ace = little(size);
        ace.put((byte) ALLOWED_OBJECT).put((byte) flags).putShort((short) size);
        ace.putInt((int) mask).putInt(1); // ACE_OBJECT_TYPE_PRESENT
        for (int i = 0; i < 16; i++) {
            ace.put((byte) (0xA0 + i));
        }
        ace.put(sidBytes);
        aces.add(ace.array());
        return this;
    }

    byte[] build() {
        byte[] ownerBytes = owner == null ? new byte[0] : sid(owner);
        ByteArrayOutputStream acl = new ByteArrayOutputStream();
        for (byte[] ace : aces) {
            acl.writeBytes(ace);
        }
        int aclSize = 8 + acl.size();
        int ownerOffset = owner == null ? 0 : 20;
        int daclOffset = dacl ? 20 + ownerBytes.length : 0;
        ByteBuffer sd = little(20 + ownerBytes.length + (dacl ? aclSize : 0));
        sd.put((byte) 1).put((byte) 0).putShort((short) control);
        sd.putInt(ownerOffset).putInt(0).putInt(0).putInt(daclOffset);
        sd.put(ownerBytes);
        if (dacl) {
            sd.put((byte) 2)
                    .put((byte) 0)
                    .putShort((short) aclSize)
                    .putShort((short) aces.size())
                    .putShort((short) 0);
            sd.put(acl.toByteArray());
        }
        return sd.array();
    }

    /** S-1-5-21-1-2-3-513 as revision, count, 6-byte big-endian authority, little-endian sub-authorities. */
    static byte[] sid(String text) {
        String[] parts = text.split("-");
        int count = parts.length - 3;
        ByteBuffer sid = little(8 + 4 * count);
        sid.put((byte) 1).put((byte) count);
        long authority = Long.parseLong(parts[2]);
        for (int shift = 40; shift >= 0; shift -= 8) {
            sid.put((byte) (authority >>> shift));
        }
        for (int i = 3; i < parts.length; i++) {
            sid.putInt((int) Long.parseLong(parts[i]));
        }
        return sid.array();
    }

    private static ByteBuffer little(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
