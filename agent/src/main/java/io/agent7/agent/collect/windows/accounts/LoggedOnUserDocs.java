package io.agent7.agent.collect.windows.accounts;

import io.agent7.agent.collect.Doc;
import io.agent7.agent.collect.windows.FileTimes;
import io.agent7.agent.collect.windows.Sids;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code logged_on_user} documents from the host's logon sessions: people's sessions, not the
 * system's. LSA keeps a session for every service account (SYSTEM, LOCAL SERVICE, NETWORK
 * SERVICE), for each desktop's window manager and font driver (DWM-n, UMFD-n: virtual accounts
 * under S-1-5-90 and S-1-5-96) and for per-service SIDs (NT SERVICE\*, IIS APPPOOL\*); only
 * sessions of accounts of a domain or of the computer (S-1-5-21-*) are a user logged on. An
 * administrator's logon under UAC makes two linked sessions (filtered and elevated token) with
 * the same user, session and time: they are one logon.
 */
public final class LoggedOnUserDocs {

    private LoggedOnUserDocs() {}

    public static List<ObjectNode> documents(List<LogonSession> sessions) {
        List<ObjectNode> docs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LogonSession session : sessions) {
            if (!person(session)) {
                continue;
            }
            String key = String.join(
                    "\u0000",
                    session.userName().toLowerCase(Locale.ROOT),
                    String.valueOf(session.logonDomain()).toLowerCase(Locale.ROOT),
                    Integer.toString(session.session()),
                    Long.toString(session.logonTime()),
                    Integer.toString(session.logonType()));
            if (seen.add(key)) {
                docs.add(document(session));
            }
        }
        return docs;
    }

    /** A person's (or a person-like account's) session, not one Windows keeps for itself. */
    static boolean person(LogonSession session) {
        return session.userName() != null
                && !session.userName().isBlank()
                && session.sid() != null
                && Sids.domainRid(session.sid()).isPresent();
    }

    private static ObjectNode document(LogonSession session) {
        boolean station = session.onWindowStation();
        return new Doc()
                .account(session.userName(), session.sid(), session.logonDomain())
                .text("logged_on_user.session_id", Integer.toUnsignedString(session.session()))
                .text("logged_on_user.logon_type", logonType(session.logonType()))
                .date(
                        "logged_on_user.logon_time",
                        FileTimes.instant(session.logonTime()).orElse(null))
                .text("logged_on_user.terminal", station ? session.winStationName() : null)
                .text("logged_on_user.logon_server", session.logonServer())
                .text("logged_on_user.auth_package", session.authenticationPackage())
                .text("source.ip", station ? session.clientAddress() : null)
                .text("source.address", station ? session.clientName() : null)
                .build();
    }

    /**
     * SECURITY_LOGON_TYPE (ntsecapi.h) in the schema's words. A cleartext network logon (IIS
     * basic authentication) is a network logon; cached ones are logons from cached credentials
     * whether local or remote; NewCredentials (runas /netonly) and proxy logons keep a name of
     * their own.
     */
    static String logonType(int type) {
        return switch (type) {
            case 2 -> "interactive";
            case 3, 8 -> "network";
            case 4 -> "batch";
            case 5 -> "service";
            case 6 -> "proxy";
            case 7, 13 -> "unlock";
            case 9 -> "new_credentials";
            case 10 -> "remote_interactive";
            case 11, 12 -> "cached";
            default -> null;
        };
    }
}
