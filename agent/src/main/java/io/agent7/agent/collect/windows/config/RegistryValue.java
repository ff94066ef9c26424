package io.agent7.agent.collect.windows.config;

/**
 * One registry value as RegEnumValue returns it, with its key's last write time.
 *
 * @param hive          HKLM or HKU
 * @param key           the key below the hive as the registry names it; a key of the 32-bit view
 *                      written with its WOW6432Node ({@code SOFTWARE\WOW6432Node\...})
 * @param name          the value name, empty for the key's default value
 * @param type          REG_NONE 0, REG_SZ 1, REG_EXPAND_SZ 2, REG_BINARY 3, REG_DWORD 4,
 *                      REG_DWORD_BIG_ENDIAN 5, REG_LINK 6, REG_MULTI_SZ 7, REG_RESOURCE_LIST 8,
 *                      REG_FULL_RESOURCE_DESCRIPTOR 9, REG_RESOURCE_REQUIREMENTS_LIST 10, REG_QWORD 11
 * @param data          the data bytes as stored (strings UTF-16LE, usually NUL-ended)
 * @param lastWriteTime the key's last write time, FILETIME ticks (RegQueryInfoKey)
 * @param user          for a key of a user hive, that user (DOMAIN\name, or the SID when it
 *                      does not resolve); null otherwise
 */
public record RegistryValue(
        String hive, String key, String name, int type, byte[] data, long lastWriteTime, String user) {}
