package io.agent7.agent.collect.windows.process;

/**
 * The account of a process token ({@code TokenUser}) as {@code LookupAccountSid} names it.
 *
 * @param sid    the SID in string form, S-1-5-...
 * @param name   null when the SID no longer resolves (a deleted account, an unreachable domain)
 * @param domain the account's domain or computer, e.g. NT AUTHORITY; null with {@code name}
 */
public record TokenUser(String sid, String name, String domain) {}
