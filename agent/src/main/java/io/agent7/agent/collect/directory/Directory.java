package io.agent7.agent.collect.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * This agent's view of its domain's directory: connects with the configured settings for each
 * collection, and keeps the group graph of the last one for a short while, so that the
 * collectors of one round (users, groups, SYSVOL permissions) read the groups once.
 */
public final class Directory {

    /** How long one read of the groups serves the collectors that need it: about one round. */
    static final Duration GROUPS_KEPT = Duration.ofMinutes(2);

    private final Supplier<DirectorySettings> settings;
    private final Clock clock;
    private DirectoryReader.Groups groups;
    private Instant groupsRead = Instant.MIN;

    /**
     * @param settings read at each collection, so a changed configuration file takes effect at the
     *                 next run; throws {@link DirectoryError} when this agent has none
     */
    public Directory(Supplier<DirectorySettings> settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Runs {@code read} on a fresh connection, closed afterwards. */
    public synchronized <T> T read(Function<Session, T> read) {
        DirectorySettings current = settings.get();
        try (Ldap ldap = Ldap.connect(current)) {
            DirectoryReader reader = new DirectoryReader(ldap, current.domain());
            return read.apply(new Session(reader));
        }
    }

    /** The groups, as read within {@link #GROUPS_KEPT}, or read now; for the SYSVOL collector's principals. */
    public synchronized GroupGraph principals() {
        if (groups != null && clock.instant().isBefore(groupsRead.plus(GROUPS_KEPT))) {
            return groups.graph();
        }
        return read(Session::groups).graph();
    }

    /** One collection's connection: the reader, and the groups shared with the round's other collectors. */
    public final class Session {
        private final DirectoryReader reader;

        private Session(DirectoryReader reader) {
            this.reader = reader;
        }

        public DirectoryReader reader() {
            return reader;
        }

        public AdDocuments.Domain domain() {
            return reader.domain();
        }

        /** The groups of this round: read now unless a collector of this round just read them. */
        public DirectoryReader.Groups groups() {
            Instant now = clock.instant();
            if (groups == null || !now.isBefore(groupsRead.plus(GROUPS_KEPT))) {
                groups = reader.groups();
                groupsRead = now;
            }
            return groups;
        }

        public Instant now() {
            return clock.instant();
        }
    }
}
