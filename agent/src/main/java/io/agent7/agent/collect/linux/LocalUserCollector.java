package io.agent7.agent.collect.linux;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.Doc;
import io.agent7.schema.DataType;
import io.agent7.schema.Schema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The accounts of /etc/passwd, with their groups, password ageing and lock state from
 * /etc/shadow (when the agent may read it), and their logons from lastlog, wtmp and btmp.
 */
public final class LocalUserCollector implements Collector {

    /** shadow's "never": a maximum password age of 99999 days or more means it does not expire. */
    private static final long NEVER_DAYS = 99999;

    private final Root root;
    private final Clock clock;

    private final DataType type;

    public LocalUserCollector(Schema schema, Path root) {
        this(schema, root, Clock.systemUTC());
    }

    LocalUserCollector(Schema schema, Path root, Clock clock) {
        this.type = schema.require("local_user");
        this.root = new Root(root);
        this.clock = clock;
    }

    @Override
    public DataType type() {
        return type;
    }

    /** The fields of one /etc/shadow line that matter here; days count from 1970-01-01. */
    record Shadow(String hash, Long lastChange, Long maxDays, Long inactiveDays, Long expireDay) {

        boolean locked() {
            return hash.startsWith("!") || hash.startsWith("*");
        }

        Long passwordExpiresDay() {
            return lastChange == null || lastChange == 0 || maxDays == null || maxDays >= NEVER_DAYS
                    ? null
                    : lastChange + maxDays;
        }

        /** Past the account's expiry date, or past the grace period after the password expired. */
        boolean expired(long today) {
            if (expireDay != null && expireDay <= today) {
                return true;
            }
            Long passwordExpires = passwordExpiresDay();
            return passwordExpires != null && inactiveDays != null && passwordExpires + inactiveDays < today;
        }
    }

    @Override
    public List<ObjectNode> collect() {
        Accounts accounts = Accounts.load(root);
        if (accounts.users().isEmpty()) {
            return List.of();
        }
        Map<String, Shadow> shadows = shadows(Root.lines(root.at("/etc/shadow")));
        Accounts.UidRange people = Accounts.uidRange(root);
        String hostName = HostName.of(root);
        long today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay();
        LogonHistory logons = LogonHistory.read(root, accounts.users());
        List<ObjectNode> documents = new ArrayList<>(accounts.users().size());
        for (Accounts.User user : accounts.users()) {
            Shadow shadow = shadows.get(user.name());
            boolean shellLogs = shellAllowsLogon(user.shell());
            List<String> groups = accounts.groupsOf(user);
            Doc doc = new Doc()
                    .text("user.name", user.name())
                    .text("user.id", Long.toString(user.uid()))
                    .text("user.domain", hostName)
                    .text("user.full_name", user.fullName())
                    .texts("user.group.name", groups)
                    .bool("user.privileged", accounts.privileged(user.name()))
                    .date("user.last_logon", logons.lastLogon(user.name()))
                    .date("local_user.last_logoff", logons.lastLogoff(user.name()))
                    .number("local_user.bad_password_count", logons.failuresSinceLastLogon(user.name()))
                    .text("local_user.type", type(user.uid(), people))
                    .text("local_user.shell", user.shell())
                    .text("local_user.home", user.home())
                    .text("local_user.description", user.fullName());
            if (shadow != null) {
                boolean locked = shadow.locked();
                doc.bool("local_user.locked", locked)
                        .bool("user.enabled", !locked && !shadow.expired(today) && shellLogs);
                if (shadow.lastChange() != null && shadow.lastChange() > 0) {
                    doc.date("user.password_last_set", day(shadow.lastChange()))
                            .number("local_user.password_age_days", Math.max(0, today - shadow.lastChange()));
                }
                Long expires = shadow.passwordExpiresDay();
                if (expires != null) {
                    doc.date("local_user.password_expires", day(expires));
                }
            } else if (!shellLogs) {
                doc.bool("user.enabled", false);
            }
            documents.add(doc.build());
        }
        return documents;
    }

    static String type(long uid, Accounts.UidRange people) {
        if (uid == 0) {
            return "builtin";
        }
        return people.contains(uid) ? "normal" : "system";
    }

    /** nologin and false refuse every logon; an empty shell means /bin/sh. */
    static boolean shellAllowsLogon(String shell) {
        return !(shell.endsWith("/nologin")
                || shell.endsWith("/false")
                || shell.equals("nologin")
                || shell.equals("false"));
    }

    static Map<String, Shadow> shadows(List<String> lines) {
        Map<String, Shadow> shadows = new HashMap<>();
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (f.length < 8 || f[0].isEmpty()) {
                continue;
            }
            shadows.putIfAbsent(f[0], new Shadow(f[1], days(f[2]), days(f[4]), days(f[6]), days(f[7])));
        }
        return shadows;
    }

    private static Long days(String field) {
        return field.isEmpty() ? null : Accounts.parseId(field);
    }

    private static Instant day(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
