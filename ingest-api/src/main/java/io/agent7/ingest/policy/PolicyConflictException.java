package io.agent7.ingest.policy;

/** Someone else changed a group's policy while this change was made: read it again and retry. */
public final class PolicyConflictException extends RuntimeException {

    PolicyConflictException(String group) {
        super("The policy of group '" + group + "' changed while this change was made; read it again and retry");
    }
}
