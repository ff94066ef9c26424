package io.agent7.agent.collect.windows.accounts;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A share's self-relative security descriptor as NetShareEnum level 502 returns it ([MS-DTYP]
 * 2.4.6): a 20-byte header with SE_DACL_PRESENT | SE_SELF_RELATIVE and no owner, then the
 * DACL (ACL header and ACCESS_ALLOWED / ACCESS_DENIED ACEs). Entries are "A|D:mask:sid".
 */
final class ShareDescriptor {

    private ShareDescriptor() {}

    static byte[] of(String... entries) {
        ByteArrayOutputStream aces = new ByteArrayOutputStream();
        for (String entry : entries) {
            String[] parts = entry.split(":", 3);
            byte[] sid = sid(parts[2]);
            ByteBuffer ace = little(8 + sid.length);
            ace.put((byte) (parts[0].equals("A") ? 0 : 1)).put((byte) 0).putShort((short) (8 + sid.length));
            ace.putInt((int) Long.parseLong(parts[1].substring(2), 16)).put(sid);
            aces.writeBytes(ace.array());
        }
        ByteBuffer bytes = little(20 + 8 + aces.size());
        bytes.put((byte) 1).put((byte) 0).putShort((short) (0x8000 | 0x0004));
        bytes.putInt(0).putInt(0).putInt(0).putInt(20);
        bytes.put((byte) 2).put((byte) 0).putShort((short) (8 + aces.size()));
        bytes.putShort((short) entries.length).putShort((short) 0);
        bytes.put(aces.toByteArray());
        return bytes.array();
    }

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
