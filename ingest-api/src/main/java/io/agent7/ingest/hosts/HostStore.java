package io.agent7.ingest.hosts;

import java.util.List;
import java.util.Optional;

/** Reads and admin changes of the {@code host} documents; check-ins write through the document sink. */
public interface HostStore {

    /** What the server keeps about a host beyond its facts. */
    record HostState(String hostId, String group, List<String> forcedCollections) {}

    Optional<HostState> find(String documentId);

    /** Sets the host's group; answers false when there is no such host. */
    boolean setGroup(String documentId, String group);

    /** Sets the collections the host should run at its next check-in; false when there is no such host. */
    boolean setForced(String documentId, List<String> types);
}
