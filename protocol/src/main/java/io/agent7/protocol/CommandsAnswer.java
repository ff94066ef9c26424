package io.agent7.protocol;

import java.util.List;

/**
 * What {@code GET /api/v1/agents/commands} answers: the commands waiting for this host, each
 * as the server signed it ({@link CommandSignature}). Empty when none came within the wait.
 */
public record CommandsAnswer(List<Delivery> commands) implements ProtocolMessage {

    public CommandsAnswer {
        commands = List.copyOf(commands);
    }

    /** One command: its id, and the signed form the agent checks and runs. */
    public record Delivery(String id, String signed) {}
}
