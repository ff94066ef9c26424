package io.agent7.protocol;

/**
 * What {@code GET /api/v1/agents/commands/{id}} answers an agent about one of its commands:
 * where it stands on the server, and whether a responder asked to stop it. An agent running
 * a command asks now and then; on {@code cancel} it kills what runs and reports
 * {@code cancelled}.
 *
 * @param id     the command
 * @param state  its state in {@code agent7-commands}
 * @param cancel a responder cancelled it after the agent took it
 */
public record CommandStatus(String id, String state, boolean cancel) implements ProtocolMessage {}
