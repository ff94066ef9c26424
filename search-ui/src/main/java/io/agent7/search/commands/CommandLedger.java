package io.agent7.search.commands;

import io.agent7.protocol.Command;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's side of {@code agent7-commands}: commands written for their hosts, read back
 * per request and one by one, approved or cancelled on condition that nobody changed them
 * first, and their output.
 */
public interface CommandLedger {

    /**
     * One command to write.
     *
     * @param signed null while it awaits approval: it is signed when approved
     * @param query  the query its hosts came from, or null for hosts named one by one
     */
    record NewCommand(
            Command command, String requestId, String signed, String requestedBy, String reason, String query) {}

    /** One command as stored, with what a conditional change needs. */
    record Stored(String id, long seqNo, long primaryTerm, Map<String, Object> source) {

        public String state() {
            return text("command", "state");
        }

        public String hostId() {
            return text("host", "id");
        }

        public String requestId() {
            return text("command", "request_id");
        }

        public String requestedBy() {
            return text("user", "name");
        }

        /** {@code source}'s value at {@code path}, or null. */
        @SuppressWarnings("unchecked")
        public Object value(String... path) {
            Object node = source;
            for (String key : path) {
                if (!(node instanceof Map<?, ?> map)) {
                    return null;
                }
                node = ((Map<String, Object>) map).get(key);
            }
            return node;
        }

        private String text(String... path) {
            Object value = value(path);
            return value == null ? null : value.toString();
        }
    }

    /**
     * The hosts of {@code hostIds} the fleet has (a host document with that id), each with its
     * host group ({@code host_state.group}), or null for a host in none.
     */
    Map<String, String> hostGroups(Collection<String> hostIds);

    /** Writes the commands, visible to the ingest API's delivery when this returns. */
    void create(List<NewCommand> commands, Instant now);

    /** The commands of one request, by host id. */
    List<Stored> request(String requestId, int max);

    Optional<Stored> find(String id);

    /** The newest commands, of one host when {@code hostId} is given: a host's response history. */
    List<Stored> recent(String hostId, int max);

    /** An approved command, signed and queued; false when it changed meanwhile. */
    boolean approve(Stored stored, String signed, Instant expiresAt, String approver, Instant now);

    /** Cancelled before it was delivered; false when it changed (was delivered) meanwhile. */
    boolean cancel(Stored stored, String by, Instant now);

    /**
     * A command its host took, marked for the agent to stop (it asks while the command runs,
     * and reports it cancelled); false when it changed (ended) meanwhile.
     */
    boolean requestCancel(Stored stored, String by, Instant now);

    /** The command's output, chunk after chunk, at most {@code max} bytes. */
    byte[] output(String id, long max);
}
