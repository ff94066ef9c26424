package io.agent7.agent.collect.windows.accounts;

import io.agent7.agent.collect.Doc;
import io.agent7.agent.collect.windows.FileTimes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code local_user} documents from the accounts NetUserEnum lists, with their groups and
 * privilege from the local groups' members.
 */
public final class LocalUserDocs {

    private static final long SECONDS_PER_DAY = 86_400;

    private LocalUserDocs() {}

    public static List<ObjectNode> documents(LocalAccounts accounts) {
        Memberships memberships = new Memberships(accounts.groups());
        List<ObjectNode> docs = new ArrayList<>(accounts.users().size());
        for (LocalUser user : accounts.users()) {
            docs.add(document(user, accounts, memberships));
        }
        return docs;
    }

    private static ObjectNode document(LocalUser user, LocalAccounts accounts, Memberships memberships) {
        String sid = accounts.machineSid() == null
                ? null
                : accounts.machineSid() + "-" + Integer.toUnsignedString(user.rid());
        // LAN Manager counts whole seconds: so does the password's age, and the time it was set
        Instant now = accounts.readAt().truncatedTo(ChronoUnit.SECONDS);
        boolean locked = UserFlags.has(user.flags(), UserFlags.LOCKOUT);
        Optional<Instant> expires = FileTimes.netTime(user.accountExpires());
        boolean expired = expires.isPresent() && !expires.get().isAfter(now);
        Instant passwordSet = now.minusSeconds(Integer.toUnsignedLong(user.passwordAge()));
        Doc doc = new Doc()
                .account(user.name(), sid, accounts.computerName())
                .text("user.full_name", user.fullName())
                .texts(
                        "user.group.name",
                        memberships.direct(sid).stream().map(LocalGroup::name).toList())
                .bool("user.privileged", sid != null && memberships.privileged(sid))
                .bool("user.enabled", !UserFlags.has(user.flags(), UserFlags.ACCOUNTDISABLE) && !locked && !expired)
                .date("user.last_logon", FileTimes.netTime(user.lastLogon()).orElse(null))
                .date("user.password_last_set", passwordSet)
                .date(
                        "local_user.last_logoff",
                        FileTimes.netTime(user.lastLogoff()).orElse(null))
                .number("local_user.password_age_days", Integer.toUnsignedLong(user.passwordAge()) / SECONDS_PER_DAY)
                .date("local_user.password_expires", passwordExpires(user, passwordSet, accounts.maxPasswordAge()))
                .number("local_user.bad_password_count", Integer.toUnsignedLong(user.badPasswordCount()))
                .number("local_user.logon_count", Integer.toUnsignedLong(user.logonCount()))
                .texts("local_user.flags", UserFlags.names(user.flags()))
                .text("local_user.type", type(user.rid()))
                .text("local_user.home", home(user))
                .bool("local_user.locked", locked)
                .text("local_user.description", user.comment());
        return doc.build();
    }

    /** None when the account's password never expires, or the host lets no password expire. */
    private static Instant passwordExpires(LocalUser user, Instant passwordSet, int maxPasswordAge) {
        if (UserFlags.has(user.flags(), UserFlags.DONT_EXPIRE_PASSWD)
                || maxPasswordAge == FileTimes.TIMEQ_FOREVER
                || maxPasswordAge == 0) {
            return null;
        }
        return passwordSet.plus(Duration.ofSeconds(Integer.toUnsignedLong(maxPasswordAge)));
    }

    /**
     * The RIDs Windows itself creates: 500 Administrator, 501 Guest, 502 krbtgt, 503
     * DefaultAccount are its built-in accounts; the others below 1000 (504 WDAGUtilityAccount)
     * are accounts a Windows feature manages; from 1000 on, people made them.
     */
    static String type(int rid) {
        long id = Integer.toUnsignedLong(rid);
        if (id >= 500 && id <= 503) {
            return "builtin";
        }
        return id < 1000 ? "system" : "normal";
    }

    /** The home folder set on the account, else its profile folder. */
    private static String home(LocalUser user) {
        return user.homeDir() == null || user.homeDir().isBlank() ? user.profilePath() : user.homeDir();
    }
}
