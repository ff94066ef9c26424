package io.agent7.agent.collect;

import java.util.List;

/** A configured command, as {@link Doc#command(Command)} writes it into a document. */
public interface Command {

    /** The command as written. */
    String text();

    /** Absolute path of the program, or null when it cannot be told. */
    String executable();

    /** The words; the first is the program as written. */
    List<String> args();
}
