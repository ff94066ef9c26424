package io.agent7.agent.collect.windows.accounts;

import java.util.Map;

/**
 * One share of NetShareEnum: level 502 ({@code SHARE_INFO_502}) when the agent may read it,
 * else level 1 ({@code SHARE_INFO_1}: name, type and remark only).
 *
 * @param level 502 or 1: which fields the API gave
 * @param name {@code shi502_netname}
 * @param type {@code shi502_type}: STYPE_DISKTREE 0, STYPE_PRINTQ 1, STYPE_DEVICE 2, STYPE_IPC 3,
 *     with STYPE_SPECIAL (0x80000000) on administrative shares and STYPE_TEMPORARY (0x40000000)
 * @param remark {@code shi502_remark}
 * @param maxUses {@code shi502_max_uses}: -1 for no limit
 * @param currentUses {@code shi502_current_uses}
 * @param path {@code shi502_path}
 * @param securityDescriptor {@code shi502_security_descriptor} in self-relative form, null when
 *     the share has none
 * @param sidNames LookupAccountSid's {@code DOMAIN\name} for the SIDs of the descriptor it could name
 */
public record ShareInfo(
        int level,
        String name,
        int type,
        String remark,
        int maxUses,
        int currentUses,
        String path,
        byte[] securityDescriptor,
        Map<String, String> sidNames) {

    public ShareInfo {
        sidNames = Map.copyOf(sidNames);
    }

    /** A share NetShareEnum gave at level 1 only. */
    public static ShareInfo level1(String name, int type, String remark) {
        return new ShareInfo(1, name, type, remark, -1, 0, null, null, Map.of());
    }
}
