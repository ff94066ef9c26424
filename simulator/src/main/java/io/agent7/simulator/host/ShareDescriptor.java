package io.agent7.simulator.host;

import io.agent7.agent.collect.directory.sysvol.Ace;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A share's self-relative security descriptor as NetShareEnum level 502 returns it ([MS-DTYP]
 * 2.4.6): a 20-byte header with SE_DACL_PRESENT | SE_SELF_RELATIVE and no owner or group, then
 * the DACL (ACL header and ACCESS_ALLOWED / ACCESS_DENIED ACEs, [MS-DTYP] 2.4.5 and 2.4.4).
 */
final class ShareDescriptor {

    private static final int SE_DACL_PRESENT = 0x0004;
    private static final int SE_SELF_RELATIVE = 0x8000;
    private static final int HEADER_SIZE = 20;
    private static final int ACL_HEADER_SIZE = 8;

    private ShareDescriptor() {}

    static byte[] of(List<Ace> entries) {
        ByteArrayOutputStream aces = new ByteArrayOutputStream();
        for (Ace entry : entries) {
            byte[] sid = sid(entry.sid());
            int size = 8 + sid.length;
            ByteBuffer ace = little(size);
            ace.put((byte) (entry.type() == Ace.Type.ALLOW ? 0 : 1))
                    .put((byte) 0)
                    .putShort((short) size);
            ace.putInt((int) entry.mask()).put(sid);
            aces.writeBytes(ace.array());
        }
        ByteBuffer bytes = little(HEADER_SIZE + ACL_HEADER_SIZE + aces.size());
        bytes.put((byte) 1).put((byte) 0).putShort((short) (SE_SELF_RELATIVE | SE_DACL_PRESENT));
        bytes.putInt(0).putInt(0).putInt(0).putInt(HEADER_SIZE);
        bytes.put((byte) 2).put((byte) 0).putShort((short) (ACL_HEADER_SIZE + aces.size()));
        bytes.putShort((short) entries.size()).putShort((short) 0);
        bytes.put(aces.toByteArray());
        return bytes.array();
    }

    /** A SID ([MS-DTYP] 2.4.2.2): revision, sub-authority count, 48-bit big-endian authority, sub-authorities. */
    private static byte[] sid(String text) {
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
