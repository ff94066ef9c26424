package io.agent7.agent.collect.windows.accounts.win32;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import io.agent7.agent.collect.directory.sysvol.Ace;
import io.agent7.agent.collect.directory.sysvol.SecurityDescriptors;
import io.agent7.agent.collect.windows.accounts.ShareInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's shares: NetShareEnum level 502, which needs Administrators or Server Operators;
 * when the server answers ERROR_ACCESS_DENIED, level 1, which anyone may read. The descriptor
 * is copied out of the API's buffer (GetSecurityDescriptorLength bytes) before it is freed, and
 * its SIDs are named with LookupAccountSid.
 */
public final class SharesReader {

    private static final int ERROR_NONE_MAPPED = 1332;

    public List<ShareInfo> read() {
        NetApi api = NetApi.Holder.INSTANCE;
        try {
            return level502(api);
        } catch (NetBuffers.NetApiException e) {
            if (e.status() != NetApi.ERROR_ACCESS_DENIED) {
                throw e;
            }
            return level1(api);
        }
    }

    private static List<ShareInfo> level502(NetApi api) {
        List<ShareInfo> shares = new ArrayList<>();
        IntByReference resume = new IntByReference();
        NetBuffers.enumerate(
                "NetShareEnum(502)",
                (buffer, read) -> api.NetShareEnum(
                        null, 502, buffer, NetApi.MAX_PREFERRED_LENGTH, read, new IntByReference(), resume),
                new ShareInfo502().size(),
                entry -> {
                    ShareInfo502 info = new ShareInfo502(entry);
                    byte[] descriptor = descriptor(info.shi502_security_descriptor);
                    shares.add(new ShareInfo(
                            502,
                            Wide.string(info.shi502_netname),
                            info.shi502_type,
                            Wide.string(info.shi502_remark),
                            info.shi502_max_uses,
                            info.shi502_current_uses,
                            Wide.string(info.shi502_path),
                            descriptor,
                            names(descriptor)));
                });
        return shares;
    }

    private static List<ShareInfo> level1(NetApi api) {
        List<ShareInfo> shares = new ArrayList<>();
        IntByReference resume = new IntByReference();
        NetBuffers.enumerate(
                "NetShareEnum(1)",
                (buffer, read) -> api.NetShareEnum(
                        null, 1, buffer, NetApi.MAX_PREFERRED_LENGTH, read, new IntByReference(), resume),
                new ShareInfo1().size(),
                entry -> {
                    ShareInfo1 info = new ShareInfo1(entry);
                    shares.add(ShareInfo.level1(
                            Wide.string(info.shi1_netname), info.shi1_type, Wide.string(info.shi1_remark)));
                });
        return shares;
    }

    private static byte[] descriptor(Pointer descriptor) {
        if (descriptor == null || !Advapi32.INSTANCE.IsValidSecurityDescriptor(descriptor)) {
            return null;
        }
        int length = Advapi32.INSTANCE.GetSecurityDescriptorLength(descriptor);
        return descriptor.getByteArray(0, length);
    }

    /** {@code DOMAIN\name} of each trustee LookupAccountSid can name; a deleted account is left as its SID. */
    private static Map<String, String> names(byte[] descriptor) {
        Map<String, String> names = new HashMap<>();
        if (descriptor == null) {
            return names;
        }
        for (Ace ace : SecurityDescriptors.parse(descriptor).aces()) {
            if (names.containsKey(ace.sid())) {
                continue;
            }
            try {
                WinNT.PSID sid = new WinNT.PSID(Advapi32Util.convertStringSidToSid(ace.sid()));
                Advapi32Util.Account account = Advapi32Util.getAccountBySid(sid);
                names.put(
                        ace.sid(),
                        account.domain == null || account.domain.isEmpty()
                                ? account.name
                                : account.domain + "\\" + account.name);
            } catch (Win32Exception e) {
                if (e.getErrorCode() != ERROR_NONE_MAPPED) {
                    throw e;
                }
            }
        }
        return names;
    }
}
