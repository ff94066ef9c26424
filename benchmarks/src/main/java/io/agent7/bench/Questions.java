package io.agent7.bench;

import java.util.List;
import java.util.Optional;

/**
 * The fixed set of fleet questions {@code ./agent7 bench query} times: the seed question of
 * docs/QUERY.md and its stale variant, a plain single-type question of the same size as
 * their baseline, a join with no matches, a join whose primary side is the smaller, a
 * grouping over software and a CSV export. The JMH compile benchmark and the fleet runs take
 * their filters from here, so both measure the same text.
 */
final class Questions {

    /** How a question's answer is fetched once its filter is compiled. */
    enum Kind {
        /** One page of hits (the API's default limit) and the exact total. */
        SEARCH,
        /** Every group of {@link #GROUP_FIELD}, paged through a composite aggregation. */
        GROUPBY,
        /** Up to {@link #EXPORT_ROWS} rows written as CSV. */
        EXPORT
    }

    /** The API answers 100 items when a request names no limit. */
    static final int PAGE = 100;

    static final String GROUP_FIELD = "package.name";

    static final int EXPORT_ROWS = 100_000;

    /** The columns of the export, in order. */
    static final List<String> EXPORT_COLUMNS =
            List.of("host.name", "package.name", "package.version", "software.vendor", "package.installed");

    /**
     * @param name   how the output names it
     * @param type   the data type asked about (name or alias)
     * @param filter the URI filter DSL, as a user writes it
     * @param join   whether the filter holds a join ({@code models=})
     */
    record Question(String name, String type, String filter, Kind kind, boolean join) {}

    /** Privileged, enabled accounts that logged on in the last two months: the seed question without its join. */
    static final Question PLAIN = new Question(
            "plain", "users", "last_logon,gt,2 months ago;is_priv,eq,1;active,eq,true", Kind.SEARCH, false);

    static final Question SEED = new Question(
            "seed",
            "users",
            "last_logon,gt,2 months ago;is_priv,eq,1;active,eq,true;models=tasks,schtasks;"
                    + "cmd_line,notlike,C:\\Program Files\\*",
            Kind.SEARCH,
            true);

    static final Question STALE = new Question(
            "stale",
            "users",
            "last_logon,lt,2 months ago;is_priv,eq,1;active,eq,true;models=tasks,schtasks;"
                    + "cmd_line,notlike,C:\\Program Files\\*",
            Kind.SEARCH,
            true);

    /** Nothing is planted in C:\Windows\Temp but a service: both sides are counted, no key matches. */
    static final Question NO_MATCH = new Question(
            "no-match",
            "users",
            "is_priv,eq,1;active,eq,true;models=tasks,schtasks;image,like,C:\\Windows\\Temp\\*",
            Kind.SEARCH,
            true);

    /** The planted stale accounts' names against every task and startup item: the primary side is the smaller. */
    static final Question PRIMARY_SMALLER = new Question(
            "primary-smaller",
            "users",
            "name,in,helpdesk|support|admin2|tempadmin|svc_backup_old;models=tasks,schtasks",
            Kind.SEARCH,
            true);

    /** Software not published by Microsoft, grouped by name. */
    static final Question GROUPBY =
            new Question("groupby", "software", "publisher,ne,Microsoft Corporation", Kind.GROUPBY, false);

    static final Question EXPORT =
            new Question("export", "software", "publisher,ne,Microsoft Corporation", Kind.EXPORT, false);

    static final List<Question> ALL = List.of(PLAIN, SEED, STALE, NO_MATCH, PRIMARY_SMALLER, GROUPBY, EXPORT);

    private Questions() {}

    static Optional<Question> named(String name) {
        return ALL.stream().filter(q -> q.name().equals(name)).findFirst();
    }
}
