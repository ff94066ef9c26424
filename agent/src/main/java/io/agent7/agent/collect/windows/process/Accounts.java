package io.agent7.agent.collect.windows.process;

/** How a token's account is written into {@code user.name} fields. */
final class Accounts {

    private Accounts() {}

    /**
     * DOMAIN\name, as Windows shows an account (NT AUTHORITY\SYSTEM, CORP\alice); a SID that
     * no longer resolves stays the SID, which still tells which account it was.
     */
    static String qualifiedName(TokenUser user) {
        if (user == null) {
            return null;
        }
        if (user.name() == null || user.name().isBlank()) {
            return user.sid();
        }
        return user.domain() == null || user.domain().isBlank() ? user.name() : user.domain() + '\\' + user.name();
    }
}
